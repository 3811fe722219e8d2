/**
 * The resident-facing pages: the list of municipalities, the chat page for one, the
 * accessibility statement and the static assets (Web Chat served from node_modules, no CDN).
 */
import { Router, type Response } from 'express';
import { lintContent } from '../../lint/report';
import { renderContentReport } from './contentReportPage';
import type { Municipality } from '../../content/schema';
import { loadAssets, type Assets } from './assets';
import { chatPage, STATEMENT_PATH } from './chatPage';
import { listPage, notFoundPage } from './listPage';
import { statementPage } from './statementPage';

export interface PagesDependencies {
  municipalities: Municipality[];
  /** For tests; read from disk once by default. */
  assets?: Assets;
}

function sendPage(res: Response, status: number, page: string): void {
  // Pages are small and built per request; never cache them, so a content change (or a deleted
  // conversation's page state) is never served stale from a shared cache.
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).send(page);
}

/** Where the content report is served. */
export const CONTENT_REPORT_PATH = '/innholdsrapport';

export function createPagesRouter(deps: PagesDependencies): Router {
  const assets = deps.assets ?? loadAssets();
  const byId = new Map(deps.municipalities.map((m) => [m.id, m]));
  // Built once: the list only changes when content does, and content is loaded at start-up.
  const list = listPage(deps.municipalities, assets);
  const router = Router();

  router.get('/', (_req, res) => sendPage(res, 200, list));

  router.get('/chat/:municipality', (req, res) => {
    const municipality = byId.get(req.params.municipality);
    if (!municipality) {
      sendPage(res, 404, notFoundPage(assets));
      return;
    }
    sendPage(res, 200, chatPage(municipality, assets));
  });

  router.get(STATEMENT_PATH, (req, res) => {
    const id = req.query['kommune'];
    sendPage(res, 200, statementPage(typeof id === 'string' ? byId.get(id) : undefined, assets));
  });

  // The content lint report: what each notice tells under GDPR Art. 13 (public facts about public notices).
  const report = renderContentReport(lintContent({ municipalities: deps.municipalities }));
  router.get(CONTENT_REPORT_PATH, (_req, res) => sendPage(res, 200, report));

  router.get('/assets/:name', assets.handler);

  return router;
}
