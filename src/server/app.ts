/**
 * The HTTP surface: the Bot Framework endpoint and health. Built from its parts so tests can
 * run it on a random port with fakes; src/index.ts wires the real ones and listens.
 */
import { STAFF_PATH } from '../staff/router';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { activityProblem } from './activitySchema';

export interface AppDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Health details; the server only starts with valid content, so this is informative. */
  health: () => Record<string, unknown>;
  /** Requests per minute per client on public endpoints (default 120). */
  rateLimitPerMinute?: number;
  /** The self-hosted Direct Line and the chat page's token endpoint. */
  directLine?: Router;
  /** The resident-facing pages (chat, list, accessibility statement); mounted at /. */
  pages?: Router;
  /** The servicekontor's workspace, mounted at /staff (its own, stricter headers). */
  staff?: Router;
}

export const BODY_LIMIT = '100kb';

export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Web Chat styles itself with inline <style> (CSS-in-JS); scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'frame-ancestors': ['*'],
        },
      },
      // The chat page is meant to be embedded in the municipality's own site.
      frameguard: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...deps.health() });
  });

  const limiter = rateLimit({ windowMs: 60_000, limit: deps.rateLimitPerMinute ?? 120, standardHeaders: 'draft-8', legacyHeaders: false });
  app.post('/api/messages', limiter, express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.status(400).json({ error: `Invalid activity: ${problem}` });
      return;
    }
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  if (deps.directLine) app.use(deps.directLine);
  if (deps.staff) app.use(STAFF_PATH, deps.staff);
  if (deps.pages) app.use(deps.pages);

  const onError: ErrorRequestHandler = (err: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.logger.error({ err }, 'request failed');
    const reason = err.type === 'entity.parse.failed' ? 'body is not valid JSON' : err.type === 'entity.too.large' ? `body exceeds ${BODY_LIMIT}` : status === 500 ? 'internal error' : err.message;
    res.status(status).json({ error: reason });
  };
  app.use(onError);
  return app;
}
