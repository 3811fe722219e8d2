/**
 * `createStaffRouter(deps)`: the staff web UI and JSON API, mounted at /staff (STAFF_PATH).
 *
 *   /staff/login, /staff/logout          sign in and out (auth.ts; rate-limited)
 *   /staff/conversations[/:ch/:id]       conversations, a transcript, delete
 *   /staff/unanswered                    questions the notice did not answer, grouped
 *   /staff/requests[/:ref][.csv]         the request queue, one request, status, CSV export
 *   /staff/audit                         the audit log of staff access
 *   /staff/api/…                         the same as JSON
 *
 * Everything but sign-in and the stylesheet needs a session; every state-changing request needs
 * the CSRF token; every object is checked against the user's municipality (access.ts).
 */
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { StaffAccounts } from './accounts';
import { apiRoutes } from './apiRoutes';
import { DEFAULT_LOGIN_LIMITS, isApi, StaffAuth, type LoginLimits } from './auth';
import { ForbiddenError, HttpError } from './errors';
import { errorPage } from './pages/otherPages';
import { STAFF_CSS, STAFF_CSS_VERSION } from './pages/styles';
import { pageRoutes } from './pageRoutes';
import { StaffService, type StaffServiceDeps } from './service';
import { deriveKeys } from './session';
import { ownMunicipality } from './types';

export interface StaffRouterDeps extends Omit<StaffServiceDeps, 'now'> {
  accounts: StaffAccounts;
  /** At least 32 characters; the same on every instance (STAFF_SESSION_SECRET). */
  sessionSecret: string;
  now?: () => Date;
  logger: Logger;
  /**
   * 'auto' (default): cookies are Secure when the request came over https, as Express sees it
   * (`req.secure`, which honours the app's `trust proxy` for X-Forwarded-Proto).
   */
  secureCookies?: 'auto' | boolean;
  loginLimits?: Partial<LoginLimits>;
}

export { STAFF_PATH } from './paths';

const BODY_LIMIT = '20kb';

/** Staff pages are never framed, cached, indexed or given a referrer; they run no scripts. */
const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
  });
  next();
};

const expressErrorSchema = z.object({ status: z.number().int().min(400).max(499), type: z.string().optional() });

export function createStaffRouter(deps: StaffRouterDeps): Router {
  const now = deps.now ?? (() => new Date());
  const keys = deriveKeys(deps.sessionSecret);
  const service = new StaffService({ ...deps, now });
  const auth = new StaffAuth({
    accounts: deps.accounts,
    keys,
    service,
    now,
    logger: deps.logger,
    secureCookies: deps.secureCookies ?? 'auto',
    loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...deps.loginLimits },
  });

  const router = Router();
  router.use(securityHeaders);
  router.get('/staff.css', (req, res) => {
    const current = req.query['v'] === STAFF_CSS_VERSION;
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache' }).send(STAFF_CSS);
  });
  router.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }), express.json({ limit: BODY_LIMIT }));
  router.use(auth.loginRouter());
  router.use(auth.authenticate, auth.requireCsrf);
  router.post('/logout', auth.logoutHandler);
  router.post('/api/logout', auth.logoutHandler);
  router.use('/api', apiRoutes(service, auth));
  router.use(pageRoutes(service, auth, now));
  router.use(() => {
    throw new HttpError(404, 'Siden finnes ikke.');
  });

  const onError: ErrorRequestHandler = async (err: unknown, req, res, _next) => {
    const known = err instanceof HttpError ? err : undefined;
    const parsed = known ? undefined : expressErrorSchema.safeParse(err).data;
    const status = known?.status ?? parsed?.status ?? 500;
    const message = known?.message ?? (parsed ? (parsed.type === 'entity.too.large' ? 'For mye data i forespørselen.' : 'Ugyldig forespørsel.') : 'Noe gikk galt. Prøv igjen senere.');
    const signedIn = auth.signedInAs(req);
    if (err instanceof ForbiddenError && signedIn) {
      deps.logger.warn({ actor: signedIn.user.email, target: err.target }, 'Staff: access denied');
      await service.record(signedIn.user, 'denied', ownMunicipality(signedIn.user), err.target).catch((auditErr: unknown) => deps.logger.error({ err: auditErr }, 'Staff: could not write the audit entry of a denial'));
    }
    if (status === 500) deps.logger.error({ err }, 'Staff: request failed');
    if (isApi(req)) {
      res.status(status).json({ error: message });
      return;
    }
    const context = signedIn && { user: signedIn.user, csrf: signedIn.csrf, municipalityName: (id: string | undefined) => service.municipalityName(id) };
    res.status(status).type('html').send(errorPage(status, message, context));
  };
  router.use(onError);
  return router;
}
