/**
 * Every staff route, asked by staff of askim for stranda's data: 403, always — also for ids
 * guessed or copied from the other municipality, and for ids that do not exist (so ids cannot be
 * probed). Admins see everything; without a session pages redirect and the API answers 401.
 */
import assert from 'node:assert/strict';
import { z } from 'zod';
import { STAFF_PATH } from '../../src/staff/paths';
import { auditTrail, CONVERSATIONS, failDelivery, signedIn, StaffClient, startStaffServer, USERS, type StaffServer } from './support';

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** A page, or the JSON API (/staff/api/…). */
  at: 'page' | 'api';
  /** Below /staff or /staff/api. */
  path: (s: StaffServer) => string;
  /** Form fields (pages) or a JSON body (API). */
  body?: Record<string, string>;
  /** What an admin gets. */
  admin: number;
}

const fullPath = (route: Route, s: StaffServer) => `${STAFF_PATH}${route.at === 'api' ? '/api' : ''}${route.path(s)}`;
const stranda = CONVERSATIONS.stranda;
const strandaConversation = `/conversations/${stranda.channelId}/${stranda.conversationId}`;
const strandaRequest = (s: StaffServer) => `/requests/${s.references.stranda[0]}`;
/** The next reference, not created yet: a guess. */
const GUESSED_REFERENCE = '/requests/PV-2026-000004';

/** Every staff route with stranda's objects, destructive ones last (the admin test runs them in order). */
const ROUTES: Route[] = [
  { name: 'conversation list of stranda', method: 'GET', at: 'page', path: () => '/conversations?municipality=stranda', admin: 200 },
  { name: 'stranda transcript', method: 'GET', at: 'page', path: () => strandaConversation, admin: 200 },
  { name: 'unanswered report of stranda', method: 'GET', at: 'page', path: () => '/unanswered?municipality=stranda', admin: 200 },
  { name: 'request queue of stranda', method: 'GET', at: 'page', path: () => '/requests?municipality=stranda', admin: 200 },
  { name: 'CSV export of stranda', method: 'GET', at: 'page', path: () => '/requests.csv?municipality=stranda', admin: 200 },
  { name: 'stranda request', method: 'GET', at: 'page', path: (s) => strandaRequest(s), admin: 200 },
  { name: 'guessed request reference', method: 'GET', at: 'page', path: () => GUESSED_REFERENCE, admin: 404 },
  { name: 'guessed conversation id', method: 'GET', at: 'page', path: () => '/conversations/directline/stranda-conv-2', admin: 404 },
  { name: 'audit log of stranda', method: 'GET', at: 'page', path: () => '/audit?municipality=stranda', admin: 200 },
  { name: 'API: conversation list of stranda', method: 'GET', at: 'api', path: () => '/conversations?municipality=stranda', admin: 200 },
  { name: 'API: stranda transcript', method: 'GET', at: 'api', path: () => strandaConversation, admin: 200 },
  { name: 'API: unanswered report of stranda', method: 'GET', at: 'api', path: () => '/unanswered?municipality=stranda', admin: 200 },
  { name: 'API: request queue of stranda', method: 'GET', at: 'api', path: () => '/requests?municipality=stranda', admin: 200 },
  { name: 'API: stranda request', method: 'GET', at: 'api', path: (s) => strandaRequest(s), admin: 200 },
  { name: 'API: guessed request reference', method: 'GET', at: 'api', path: () => GUESSED_REFERENCE, admin: 404 },
  { name: 'API: audit log of stranda', method: 'GET', at: 'api', path: () => '/audit?municipality=stranda', admin: 200 },
  { name: 'status change of a stranda request', method: 'POST', at: 'page', path: (s) => `${strandaRequest(s)}/status`, body: { status: 'in_progress' }, admin: 303 },
  { name: 'status change of a guessed reference', method: 'POST', at: 'page', path: () => `${GUESSED_REFERENCE}/status`, body: { status: 'closed' }, admin: 404 },
  { name: 'API: status change of a stranda request', method: 'POST', at: 'api', path: (s) => `${strandaRequest(s)}/status`, body: { status: 'answered' }, admin: 200 },
  { name: 'sending a stranda request again', method: 'POST', at: 'page', path: (s) => `${strandaRequest(s)}/redeliver`, admin: 303 },
  { name: 'sending a guessed reference again', method: 'POST', at: 'page', path: () => `${GUESSED_REFERENCE}/redeliver`, admin: 404 },
  { name: 'API: sending a stranda request again', method: 'POST', at: 'api', path: (s) => `${strandaRequest(s)}/redeliver`, admin: 200 },
  { name: 'API: sending a guessed reference again', method: 'POST', at: 'api', path: () => `${GUESSED_REFERENCE}/redeliver`, admin: 404 },
  { name: 'deleting the stranda conversation', method: 'POST', at: 'page', path: () => `${strandaConversation}/delete`, body: { confirm: 'yes' }, admin: 303 },
  { name: 'API: deleting a conversation that is partly stranda\'s', method: 'DELETE', at: 'api', path: () => '/conversations/directline/mixed-conv', admin: 204 },
];

async function call(client: StaffClient, csrf: string, route: Route, server: StaffServer): Promise<Response> {
  const path = fullPath(route, server);
  if (route.method === 'GET') return client.get(path);
  if (route.at === 'api') return client.request(path, { method: route.method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(route.body ?? {}) });
  return client.post(path, { ...route.body, _csrf: csrf });
}

describe('staff access across municipalities', () => {
  let server: StaffServer;
  let askim: { client: StaffClient; csrf: string };
  before(async () => {
    server = await startStaffServer();
    // Something for "Send på nytt" to send: stranda's request could not be delivered.
    await failDelivery(server, server.references.stranda[0]!, 'webhook: HTTP 400');
    askim = await signedIn(server.url, USERS.askim);
  });
  after(() => server.close());

  describe('staff of askim asking for stranda\'s data', () => {
    for (const route of ROUTES) {
      it(`gets 403: ${route.method} ${route.name}`, async () => {
        const before = (await auditTrail(server)).length;
        const res = await call(askim.client, askim.csrf, route, server);
        assert.equal(res.status, 403);
        const body = await res.text();
        if (route.at === 'api') assert.deepEqual(JSON.parse(body), { error: 'Du har ikke tilgang til dette, eller det finnes ikke.' });
        else assert.match(body, /<h1>Ingen tilgang<\/h1>/);
        assert.doesNotMatch(body, /Per Strand|Kven er personvernombodet|Brukar de droner/, 'nothing of stranda\'s leaks');
        const denied = (await auditTrail(server)).slice(before);
        assert.deepEqual(denied.map((e) => [e.action, e.actor, e.municipality]), [['denied', USERS.askim, 'askim']]);
      });
    }

    it('changed and deleted nothing', async () => {
      assert.equal((await server.requests.get(server.references.stranda[0]!))?.status, 'new');
      assert.equal((await server.requests.get(server.references.stranda[0]!))?.deliveries[0]?.state, 'failed', 'not sent again');
      assert.ok((await server.archive.getTranscript(stranda.channelId, stranda.conversationId)).length > 0);
      assert.ok((await server.archive.getTranscript('directline', 'mixed-conv')).length > 0);
    });
  });

  describe('staff of askim in their own lists', () => {
    it('see only askim\'s conversations, requests, report rows, export rows and audit entries', async () => {
      const { client } = askim;
      const conversations = await (await client.get(`${STAFF_PATH}/conversations`)).text();
      assert.match(conversations, /askim-conv-1/);
      assert.doesNotMatch(conversations, /stranda-conv-1/);
      const requests = await (await client.get(`${STAFF_PATH}/requests`)).text();
      assert.match(requests, new RegExp(server.references.askim[0]!));
      assert.doesNotMatch(requests, new RegExp(server.references.stranda[0]!));
      const csv = await (await client.get(`${STAFF_PATH}/requests.csv`)).text();
      assert.doesNotMatch(csv, /Per Strand|Stranda/);
      const report = await (await client.get(`${STAFF_PATH}/unanswered`)).text();
      assert.match(report, /kunstig intelligens/);
      assert.doesNotMatch(report, /droner|Hemmelig/);
      const audit = z.object({ entries: z.array(z.object({ municipality: z.string() })) }).parse(await (await client.get(`${STAFF_PATH}/api/audit`)).json());
      assert.ok(audit.entries.length > 0);
      assert.ok(audit.entries.every((e) => e.municipality === 'askim'));
    });

    it('see only their own turns of a conversation where the resident switched to stranda', async () => {
      const res = await askim.client.get(`${STAFF_PATH}/conversations/directline/mixed-conv`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /Hva er formålet\?/);
      assert.doesNotMatch(body, /Hemmelig spørsmål/);
      assert.match(body, /Bare en administrator kan slette den/);
    });
  });

  describe('when not signed in', () => {
    for (const route of ROUTES) {
      it(`${route.at === 'api' ? 'gets 401' : 'is sent to sign in'}: ${route.method} ${route.name}`, async () => {
        const res = await call(new StaffClient(server.url), 'no-session', route, server);
        if (route.at === 'api') assert.equal(res.status, 401);
        else {
          assert.equal(res.status, 303);
          assert.match(res.headers.get('location') ?? '', /^\/staff\/login/);
        }
      });
    }
  });

  describe('an admin', () => {
    it('sees and changes every municipality\'s data through every route', async () => {
      const admin = await signedIn(server.url, USERS.admin);
      for (const route of ROUTES) {
        const res = await call(admin.client, admin.csrf, route, server);
        assert.equal(res.status, route.admin, `${route.method} ${route.name}`);
      }
      assert.equal((await server.requests.get(server.references.stranda[0]!))?.status, 'answered');
      assert.deepEqual((await server.requests.get(server.references.stranda[0]!))?.deliveries.map((d) => [d.state, d.attempts]), [['pending', 0]], 'sent again (no worker here: back in the outbox)');
      assert.deepEqual(await server.archive.getTranscript(stranda.channelId, stranda.conversationId), []);
      const actions = (await auditTrail(server)).filter((e) => e.actor === USERS.admin).map((e) => e.action);
      for (const action of ['view_conversation', 'view_request', 'export_requests', 'update_request', 'redeliver_request', 'delete_conversation']) assert.ok(actions.includes(action), action);
    });
  });
});
