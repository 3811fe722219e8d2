/**
 * The JSON API under /staff/api: the same service calls as the pages, so the same municipality
 * checks and audit entries. Signed in with the same session cookie; state-changing calls send
 * the CSRF token from GET /staff/api/me in the X-CSRF-Token header.
 */
import { Router, type Request } from 'express';
import type { StaffAuth } from './auth';
import { auditQuery, conversationsQuery, parseInput, pathParam, periodQuery, requestsQuery, statusBody } from './queries';
import type { QueueRow } from './requestQueue';
import type { StaffService } from './service';

/** The queue row without personal data (name, contact, details), for lists. */
function summary(row: QueueRow) {
  const r = row.request;
  return { reference: r.reference, kind: r.kind, right: r.right, municipality: r.municipality, createdAt: r.createdAt, deadline: r.deadline, status: r.status, daysLeft: row.daysLeft, overdue: row.overdue, delivery: row.delivery };
}

function detail(row: QueueRow) {
  const r = row.request;
  return { ...summary(row), name: r.name, replyTo: r.replyTo, details: r.details, language: r.language, conversationId: r.conversationId, channel: r.channel, deliveries: r.deliveries };
}

export function apiRoutes(service: StaffService, auth: StaffAuth): Router {
  const router = Router();
  const userOf = (req: Request) => auth.current(req).user;
  const param = (req: Request, name: string) => pathParam(req.params, name);

  router.get('/me', (req, res) => {
    const { user, csrf, session } = auth.current(req);
    res.json({ ...user, csrfToken: csrf, expiresAt: new Date(session.expiresAt).toISOString() });
  });

  router.get('/conversations', async (req, res) => {
    const list = await service.listConversations(userOf(req), parseInput(conversationsQuery, req.query));
    res.json({ from: list.period.from, to: list.period.to, total: list.total, page: list.page, pages: list.pages, conversations: list.conversations });
  });

  router.get('/conversations/:channelId/:conversationId', async (req, res) => {
    const view = await service.openConversation(userOf(req), param(req, 'channelId'), param(req, 'conversationId'));
    res.json({ ...view, requests: view.requests.map((r) => r.reference) });
  });

  router.delete('/conversations/:channelId/:conversationId', async (req, res) => {
    await service.deleteConversation(userOf(req), param(req, 'channelId'), param(req, 'conversationId'));
    res.status(204).end();
  });

  router.get('/unanswered', async (req, res) => {
    const report = await service.unanswered(userOf(req), parseInput(periodQuery, req.query));
    res.json({ from: report.period.from, to: report.period.to, threshold: report.threshold, scanned: report.scanned, truncated: report.truncated, groups: report.groups });
  });

  router.get('/requests', async (req, res) => {
    const { rows } = await service.listRequests(userOf(req), parseInput(requestsQuery, req.query));
    res.json({ requests: rows.map(summary) });
  });

  router.get('/requests/:reference', async (req, res) => {
    res.json(detail(await service.openRequest(userOf(req), param(req, 'reference'))));
  });

  router.post('/requests/:reference/status', async (req, res) => {
    const row = await service.setRequestStatus(userOf(req), param(req, 'reference'), parseInput(statusBody, req.body).status);
    res.json(summary(row));
  });

  /** `outcome`: sent, no_channel or nothing_failed; `deliveries` as they stand after the attempt. */
  router.post('/requests/:reference/redeliver', async (req, res) => {
    const { outcome, row } = await service.redeliverRequest(userOf(req), param(req, 'reference'));
    res.json({ outcome, ...summary(row), deliveries: row.request.deliveries });
  });

  router.get('/audit', async (req, res) => {
    const { entries } = await service.auditEntries(userOf(req), parseInput(auditQuery, req.query));
    res.json({ entries });
  });

  return router;
}
