/** The HTML pages under /staff; every route is behind authenticate and requireCsrf (router.ts). */
import { Router, type Request } from 'express';
import { BadRequestError } from './errors';
import { CSV_CONTENT_TYPE } from './csv';
import type { StaffAuth } from './auth';
import { conversationsPage, transcriptPage } from './pages/conversationPages';
import type { PageContext } from './pages/layout';
import { auditPage } from './pages/otherPages';
import { requestPage, requestsPage } from './pages/requestPages';
import { unansweredPage } from './pages/unansweredPage';
import { STAFF_URLS, withQuery } from './paths';
import { auditQuery, conversationsQuery, deleteBody, parseInput, pathParam, periodQuery, requestPageQuery, requestsQuery, statusBody } from './queries';
import type { StaffService } from './service';
import { norwegianToday } from './dates';

export function pageRoutes(service: StaffService, auth: StaffAuth, now: () => Date): Router {
  const router = Router();
  const context = (req: Request): PageContext => {
    const { user, csrf } = auth.current(req);
    return { user, csrf, municipalityName: (id) => service.municipalityName(id) };
  };
  const param = (req: Request, name: string) => pathParam(req.params, name);

  router.get('/', (_req, res) => res.redirect(303, STAFF_URLS.conversations));

  router.get('/conversations', async (req, res) => {
    const ctx = context(req);
    const query = parseInput(conversationsQuery, req.query);
    const list = await service.listConversations(ctx.user, query);
    res.type('html').send(conversationsPage(ctx, list, query, service.municipalitiesFor(ctx.user), req.query['deleted'] === '1'));
  });

  router.get('/conversations/:channelId/:conversationId', async (req, res) => {
    const ctx = context(req);
    const view = await service.openConversation(ctx.user, param(req, 'channelId'), param(req, 'conversationId'));
    res.type('html').send(transcriptPage(ctx, view));
  });

  router.post('/conversations/:channelId/:conversationId/delete', async (req, res) => {
    const ctx = context(req);
    const confirmed = parseInput(deleteBody, req.body).confirm === 'yes';
    if (!confirmed) throw new BadRequestError('Kryss av for at du vil slette samtalen, og prøv igjen.');
    await service.deleteConversation(ctx.user, param(req, 'channelId'), param(req, 'conversationId'));
    res.redirect(303, withQuery(STAFF_URLS.conversations, { deleted: 1 }));
  });

  router.get('/unanswered', async (req, res) => {
    const ctx = context(req);
    const query = parseInput(periodQuery, req.query);
    const report = await service.unanswered(ctx.user, query);
    res.type('html').send(unansweredPage(ctx, report, query.municipality, service.municipalitiesFor(ctx.user)));
  });

  router.get('/requests', async (req, res) => {
    const ctx = context(req);
    const query = parseInput(requestsQuery, req.query);
    const { rows } = await service.listRequests(ctx.user, query);
    res.type('html').send(requestsPage(ctx, rows, query, service.municipalitiesFor(ctx.user)));
  });

  router.get('/requests.csv', async (req, res) => {
    const ctx = context(req);
    const csv = await service.exportRequests(ctx.user, parseInput(requestsQuery, req.query));
    res
      .set({ 'Content-Type': CSV_CONTENT_TYPE, 'Content-Disposition': `attachment; filename="henvendelser-${norwegianToday(now())}.csv"` })
      .send(csv);
  });

  router.get('/requests/:reference', async (req, res) => {
    const ctx = context(req);
    const row = await service.openRequest(ctx.user, param(req, 'reference'));
    const { updated, redelivered } = parseInput(requestPageQuery, req.query);
    res.type('html').send(requestPage(ctx, row, { updated: updated === '1', redelivered }));
  });

  router.post('/requests/:reference/status', async (req, res) => {
    const ctx = context(req);
    const reference = param(req, 'reference');
    await service.setRequestStatus(ctx.user, reference, parseInput(statusBody, req.body).status);
    res.redirect(303, withQuery(STAFF_URLS.request(reference), { updated: 1 }));
  });

  router.post('/requests/:reference/redeliver', async (req, res) => {
    const ctx = context(req);
    const reference = param(req, 'reference');
    const { outcome } = await service.redeliverRequest(ctx.user, reference);
    res.redirect(303, withQuery(STAFF_URLS.request(reference), { redelivered: outcome }));
  });

  router.get('/audit', async (req, res) => {
    const ctx = context(req);
    const query = parseInput(auditQuery, req.query);
    const { entries } = await service.auditEntries(ctx.user, query);
    res.type('html').send(auditPage(ctx, entries, query.municipality, service.municipalitiesFor(ctx.user)));
  });

  return router;
}
