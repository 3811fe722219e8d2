/** What staff see and do: conversations, transcripts with feedback, the report, the queue, CSV, the audit log. */
import assert from 'node:assert/strict';
import { z } from 'zod';
import { STAFF_PATH } from '../../src/staff/paths';
import { auditTrail, CONVERSATIONS, signedIn, startStaffServer, USERS, type StaffServer } from './support';

const conversationIds = (page: string) => [...page.matchAll(/\/staff\/conversations\/[^/"]+\/([^"]+)">Samtale/g)].map((m) => decodeURIComponent(m[1]!));

const groupsSchema = z.object({
  from: z.string(),
  to: z.string(),
  groups: z.array(z.object({ municipality: z.string(), question: z.string(), count: z.number(), variants: z.array(z.object({ text: z.string(), count: z.number() })), notCovered: z.number(), lowConfidence: z.number(), lastSeen: z.string() })),
});

describe('staff features', () => {
  let server: StaffServer;
  beforeEach(async () => {
    server = await startStaffServer();
  });
  afterEach(() => server.close());

  describe('the conversation list', () => {
    it('lists the last 30 days, newest first, and filters by date range, outcome and channel', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const get = async (query: string) => conversationIds(await (await client.get(`${STAFF_PATH}/conversations${query}`)).text());
      assert.deepEqual(await get(''), ['askim-conv-3', 'mixed-conv', 'askim-conv-2', 'askim-conv-1']);
      assert.deepEqual(await get('?from=2026-03-11&to=2026-03-12'), ['askim-conv-2']);
      // mixed-conv's not_covered reply was for stranda, but the archive filters whole conversations.
      assert.deepEqual(await get('?outcome=not_covered'), ['askim-conv-3', 'mixed-conv', 'askim-conv-2', 'askim-conv-1']);
      assert.deepEqual(await get('?channel=msteams'), ['askim-conv-3']);
      assert.deepEqual(await get('?from=2026-01-01&to=2026-01-31'), []);
      assert.equal((await client.get(`${STAFF_PATH}/conversations?from=31.12.2026`)).status, 400);
    });
  });

  describe('a transcript', () => {
    it('shows questions and answers in order with sources, outcome, confidence and the resident\'s feedback on the answer it was about', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const { channelId, conversationId } = CONVERSATIONS.askim;
      const page = await (await client.get(`${STAFF_PATH}/conversations/${channelId}/${conversationId}`)).text();
      const turns = [...page.matchAll(/<li class="turn turn-(resident|bot)">([\s\S]*?)<\/li>(?=<li class="turn|\n<\/ol>)/g)].map((m) => [m[1], m[2]!]);
      assert.deepEqual(turns.map((t) => t[0]), ['resident', 'bot', 'resident', 'bot']);
      const [, first, , second] = turns.map((t) => t[1]);
      assert.match(first!, /Behandlingsansvarlig/, 'the section title from content');
      assert.match(first!, /Generelt om personvern \(ikke fra erklæringen\): /, 'a general entry, labelled');
      assert.match(first!, /Svar fra erklæringen/);
      assert.match(first!, /0,91/);
      assert.match(first!, /<dt>Tilbakemelding<\/dt><dd>👍 Nyttig<\/dd>/);
      assert.match(second!, /Ikke dekket av erklæringen/);
      assert.match(second!, /<dt>Tilbakemelding<\/dt><dd>👎 Ikke nyttig<\/dd>/);
      assert.match(page, new RegExp(`<a href="/staff/requests/${server.references.askim[0]}">`), 'the request sent from the conversation');
      assert.deepEqual((await auditTrail(server)).at(-1), { at: '2026-03-16T09:00:00.000Z', actor: USERS.askim, action: 'view_conversation', municipality: 'askim', target: 'directline/askim-conv-1' });
    });

    it("shows Teams' feedback buttons the same way", async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const page = await (await client.get(`${STAFF_PATH}/conversations/msteams/askim-conv-3`)).text();
      assert.match(page, /<dt>Tilbakemelding<\/dt><dd>👎 Ikke nyttig<\/dd>/);
    });

    it('escapes what the resident wrote', async () => {
      await server.archive.logActivity({ type: 'message', id: 'x1', channelId: 'directline', conversation: { id: 'xss', isGroup: false, conversationType: 'personal', name: '' }, timestamp: new Date('2026-03-15T10:00:00Z'), from: { id: 'r', name: '', role: 'user' }, text: '<script>alert(1)</script>' });
      await server.archive.logActivity({ type: 'message', id: 'x2', replyToId: 'x1', channelId: 'directline', conversation: { id: 'xss', isGroup: false, conversationType: 'personal', name: '' }, timestamp: new Date('2026-03-15T10:00:01Z'), from: { id: 'bot', name: '', role: 'bot' }, text: 'Hei', channelData: { outcome: 'smalltalk', sources: ['<b>x</b>'], municipality: 'askim' } });
      const { client } = await signedIn(server.url, USERS.askim);
      const page = await (await client.get(`${STAFF_PATH}/conversations/directline/xss`)).text();
      assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(page, /<script>|<b>x<\/b>/);
    });

    it('is deleted with a confirmed POST, audited, and gone afterwards', async () => {
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const path = `${STAFF_PATH}/conversations/directline/askim-conv-2`;
      assert.equal((await client.post(`${path}/delete`, { _csrf: csrf })).status, 400, 'not confirmed');
      const res = await client.post(`${path}/delete`, { _csrf: csrf, confirm: 'yes' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${STAFF_PATH}/conversations?deleted=1`);
      assert.equal((await client.get(path)).status, 403, 'gone: staff see the same answer as for another municipality\'s');
      assert.deepEqual((await auditTrail(server)).at(-2), { at: '2026-03-16T09:00:00.000Z', actor: USERS.askim, action: 'delete_conversation', municipality: 'askim', target: 'directline/askim-conv-2' });
    });
  });

  describe('the unanswered questions report', () => {
    it('groups not_covered and low-confidence turns by similar question, most frequent first', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const report = groupsSchema.parse(await (await client.get(`${STAFF_PATH}/api/unanswered`)).json());
      assert.equal(report.from, '2026-02-15');
      assert.equal(report.to, '2026-03-16');
      assert.deepEqual(
        report.groups.map((g) => [g.question, g.count, g.variants.map((v) => [v.text, v.count]), g.notCovered, g.lowConfidence]),
        [
          ['Bruker dere kunstig intelligens!', 3, [['Bruker kommunen kunstig intelligens?', 1]], 3, 0],
          ['Hvor lenge lagres opptak fra kameraovervåking?', 1, [], 0, 1],
        ],
      );
      assert.equal(report.groups[0]!.lastSeen, '2026-03-14T08:00:20.000Z');
    });

    it('counts only the period asked for', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const report = groupsSchema.parse(await (await client.get(`${STAFF_PATH}/api/unanswered?from=2026-03-12&to=2026-03-13`)).json());
      assert.deepEqual(report.groups.map((g) => [g.question, g.count]), [['Hvor lenge lagres opptak fra kameraovervåking?', 1], ['Bruker kommunen kunstig intelligens?', 1]], 'equal counts: the latest first');
    });

    it('shows an admin every municipality\'s groups, never merged across municipalities', async () => {
      const { client } = await signedIn(server.url, USERS.admin);
      const report = groupsSchema.parse(await (await client.get(`${STAFF_PATH}/api/unanswered`)).json());
      assert.deepEqual(report.groups.map((g) => g.municipality).sort(), ['askim', 'askim', 'stranda', 'stranda']);
      const page = await (await client.get(`${STAFF_PATH}/unanswered`)).text();
      assert.match(page, /<th scope="row">Brukar de droner\?<\/th><td class="number">1<\/td><td>Stranda kommune<\/td>/);
    });
  });

  describe('the request queue', () => {
    it('shows deadline, days left, overdue in words and failed delivery', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const page = await (await client.get(`${STAFF_PATH}/requests`)).text();
      const [failed, overdue] = server.references.askim.slice().reverse();
      assert.match(page, new RegExp(`${failed}</a></th><td>Rettighetsforespørsel: Sletting \\(art\\. 17\\)</td><td>2026-03-01 10:00</td><td>2026-04-01</td><td>16 dager igjen</td><td>Ny</td><td class="failed">Levering feilet</td>`));
      assert.match(page, new RegExp(`${overdue}</a></th><td>Rettighetsforespørsel: Innsyn \\(art\\. 15\\)</td><td>2026-02-10 10:00</td><td>2026-03-10</td><td class="overdue">Forfalt: 6 dager over fristen</td>`));
      assert.match(page, /1 har passert fristen/);
      const open = await (await client.get(`${STAFF_PATH}/requests?status=answered`)).text();
      assert.match(open, /Ingen henvendelser med dette filteret/);
    });

    it('shows a request with the resident\'s details (audited) and moves its status on', async () => {
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const reference = server.references.askim[0]!;
      const page = await (await client.get(`${STAFF_PATH}/requests/${reference}`)).text();
      assert.match(page, /<dt>Navn<\/dt><dd>Kari Nordmann<\/dd>/);
      assert.match(page, /<dt>Gjelder<\/dt><dd>Alt dere har om meg<\/dd>/);
      assert.match(page, /<dt>Vil ha svar på<\/dt><dd>E-post: kari@example\.no<\/dd>/);
      assert.deepEqual((await auditTrail(server)).at(-1), { at: '2026-03-16T09:00:00.000Z', actor: USERS.askim, action: 'view_request', municipality: 'askim', target: reference });

      const res = await client.post(`${STAFF_PATH}/requests/${reference}/status`, { _csrf: csrf, status: 'in_progress' });
      assert.equal(res.status, 303);
      assert.equal((await server.requests.get(reference))?.status, 'in_progress');
      assert.deepEqual((await auditTrail(server)).at(-1), { at: '2026-03-16T09:00:00.000Z', actor: USERS.askim, action: 'update_request', municipality: 'askim', target: `${reference}: new → in_progress` });
      assert.match(await (await client.get(res.headers.get('location')!)).text(), /Status er endret til «Under behandling»/);
      assert.equal((await client.post(`${STAFF_PATH}/requests/${reference}/status`, { _csrf: csrf, status: 'deleted' })).status, 400);
    });

    it('exports CSV for Excel: UTF-8 with BOM, quoted fields, formulas defused, audited', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const res = await client.get(`${STAFF_PATH}/requests.csv`);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="henvendelser-2026-03-16\.csv"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      assert.equal(lines[0], '"Referanse";"Kommune";"Type";"Rettighet";"Mottatt";"Frist";"Dager igjen";"Forfalt";"Status";"Levering";"Navn";"Svar via";"Kontakt";"Språk";"Gjelder"');
      assert.equal(lines[1], `"${server.references.askim[1]}";"Askim kommune";"Rettighetsforespørsel";"Sletting (art. 17)";"2026-03-01 10:00";"2026-04-01";"16";"Nei";"Ny";"Levering feilet";"'=HYPERLINK(""http://evil.example"",""klikk"")";"E-post";"kari@example.no";"nb";"'+SUM(1+1)"`);
      assert.equal(lines[2], `"${server.references.askim[0]}";"Askim kommune";"Rettighetsforespørsel";"Innsyn (art. 15)";"2026-02-10 10:00";"2026-03-10";"-6";"Ja";"Ny";"Venter på levering";"Kari Nordmann";"E-post";"kari@example.no";"nb";"Alt dere har om meg"`);
      assert.equal(lines[3], '');
      assert.deepEqual((await auditTrail(server)).at(-1), { at: '2026-03-16T09:00:00.000Z', actor: USERS.askim, action: 'export_requests', municipality: 'askim', target: '2 henvendelser' });
    });
  });

  describe('the audit log', () => {
    it('shows staff their municipality\'s entries and an admin everyone\'s', async () => {
      const askim = await signedIn(server.url, USERS.askim);
      await askim.client.get(`${STAFF_PATH}/requests/${server.references.askim[0]}`);
      const stranda = await signedIn(server.url, USERS.stranda);
      await stranda.client.get(`${STAFF_PATH}/requests/${server.references.stranda[0]}`);
      const askimLog = await (await askim.client.get(`${STAFF_PATH}/audit`)).text();
      assert.match(askimLog, /<td>kari@askim\.kommune\.no<\/td><td>Åpnet henvendelse<\/td><td>Askim kommune<\/td><td>PV-2026-000001<\/td>/);
      assert.doesNotMatch(askimLog, /ola@stranda/);
      const admin = await signedIn(server.url, USERS.admin);
      const all = await (await admin.client.get(`${STAFF_PATH}/audit`)).text();
      assert.match(all, /ola@stranda/);
      assert.match(all, /kari@askim/);
      const onlyStranda = await (await admin.client.get(`${STAFF_PATH}/audit?municipality=stranda`)).text();
      assert.doesNotMatch(onlyStranda, /kari@askim/);
    });
  });
});
