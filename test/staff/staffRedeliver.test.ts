/**
 * "Send på nytt": staff send a request whose delivery failed again once the cause is fixed. The
 * form and the API need the CSRF token and are audited; a request that had nowhere to go says so.
 * End to end, a webhook that answered 400 gets the request once fixed, under the same
 * Idempotency-Key. (Other municipalities' requests: staffAccess.test.ts.)
 */
import assert from 'node:assert/strict';
import nock from 'nock';
import { z } from 'zod';
import type { WebhookTarget } from '../../src/requests/targets';
import { WebhookSender } from '../../src/requests/webhook';
import { STAFF_PATH } from '../../src/staff/paths';
import { ScriptedSender } from '../requests/support';
import { auditTrail, failedRequest, sampleRequest, signedIn, startStaffServer, USERS, type StaffServer } from './support';

const ORIGIN = 'https://mottak.askim.example';
const HOOK_PATH = '/personvern';
const WEBHOOK: WebhookTarget = { channel: 'webhook', url: `${ORIGIN}${HOOK_PATH}`, secretEnv: 'ASKIM_WEBHOOK_SECRET' };
const SEND_AGAIN = /<button type="submit" class="button" aria-describedby="send-igjen-forklaring">Send på nytt<\/button>/;
const NO_CHANNEL = /Kommunen hadde verken e-postadresse eller webhook for henvendelser da denne kom inn, så den kan ikke sendes på nytt herfra\./;

const requestPath = (reference: string) => `${STAFF_PATH}/requests/${reference}`;

const redeliveredSchema = z.object({
  outcome: z.enum(['sent', 'no_channel', 'nothing_failed']),
  reference: z.string(),
  delivery: z.string(),
  deliveries: z.array(z.object({ channel: z.string(), state: z.string(), attempts: z.number(), lastError: z.string().optional() })),
});

describe('sending a failed request again', () => {
  describe('without a delivery worker (the request goes back in the outbox)', () => {
    let server: StaffServer;
    beforeEach(async () => {
      server = await startStaffServer();
    });
    afterEach(() => server.close());

    it('offers "Send på nytt" for a failed webhook, puts it back with the CSRF token and audits it', async () => {
      const reference = await failedRequest(server, sampleRequest('askim'), WEBHOOK, 'webhook: HTTP 400');
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const page = await (await client.get(requestPath(reference))).text();
      assert.match(page, new RegExp(`<form method="post" action="${requestPath(reference)}/redeliver">\\n<input type="hidden" name="_csrf" value="${csrf}">\\n`));
      assert.match(page, SEND_AGAIN);

      const res = await client.post(`${requestPath(reference)}/redeliver`, { _csrf: csrf });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${requestPath(reference)}?redelivered=sent`);
      assert.deepEqual((await server.requests.get(reference))?.deliveries, [{ channel: 'webhook', state: 'pending', attempts: 0, lastError: 'webhook: HTTP 400', nextAttemptAt: '2026-03-16T09:00:00.000Z' }]);
      assert.deepEqual((await auditTrail(server)).at(-1), { at: '2026-03-16T09:00:00.000Z', actor: USERS.askim, action: 'redeliver_request', municipality: 'askim', target: `${reference}: sendt på nytt (webhook)` });

      const after = await (await client.get(res.headers.get('location')!)).text();
      assert.match(after, /<p class="notice" role="status">Henvendelsen er sendt på nytt, men er ikke levert ennå\. Den prøves igjen automatisk; se tilstanden under\.<\/p>/);
      assert.doesNotMatch(after, SEND_AGAIN, 'nothing is failed now');
    });

    it('refuses the form and the API call without the CSRF token, sending nothing', async () => {
      const reference = await failedRequest(server, sampleRequest('askim'), WEBHOOK, 'webhook: HTTP 400');
      const { client } = await signedIn(server.url, USERS.askim);
      const form = await client.post(`${requestPath(reference)}/redeliver`, {});
      assert.equal(form.status, 403);
      assert.match(await form.text(), /Skjemaet er utløpt eller kom ikke fra denne tjenesten/);
      const api = await client.request(`${STAFF_PATH}/api/requests/${reference}/redeliver`, { method: 'POST', headers: { 'X-CSRF-Token': 'forged' } });
      assert.equal(api.status, 403);
      assert.equal((await server.requests.get(reference))?.deliveries[0]?.state, 'failed');
      assert.ok((await auditTrail(server)).every((e) => e.action !== 'redeliver_request'));
    });

    it('says a request that had nowhere to go cannot be sent again, rather than pretending', async () => {
      const reference = server.references.askim[1]!; // seeded with no delivery channel
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const page = await (await client.get(requestPath(reference))).text();
      assert.match(page, NO_CHANNEL);
      assert.doesNotMatch(page, SEND_AGAIN);

      const res = await client.post(`${requestPath(reference)}/redeliver`, { _csrf: csrf });
      assert.equal(res.headers.get('location'), `${requestPath(reference)}?redelivered=no_channel`);
      const after = await (await client.get(res.headers.get('location')!)).text();
      assert.match(after, new RegExp(`<p class="error" role="status">${NO_CHANNEL.source}`));
      assert.equal((await server.requests.get(reference))?.deliveries[0]?.state, 'failed');
      assert.equal((await auditTrail(server)).at(-2)?.target, `${reference}: ingen leveringskanal`);
    });

    it('sends nothing when nothing had failed, and tells the API caller why', async () => {
      const reference = server.references.askim[0]!; // pending
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const res = await client.request(`${STAFF_PATH}/api/requests/${reference}/redeliver`, { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
      assert.equal(res.status, 200);
      const body = redeliveredSchema.parse(await res.json());
      assert.deepEqual([body.outcome, body.reference, body.delivery], ['nothing_failed', reference, 'pending']);
      assert.doesNotMatch(JSON.stringify(body), /Kari Nordmann|kari@example\.no/, 'no personal data');
      const page = await (await client.get(`${requestPath(reference)}?redelivered=nothing_failed`)).text();
      assert.match(page, /Ingen levering hadde feilet, så ingenting ble sendt på nytt\./);
      assert.equal((await client.get(`${requestPath(reference)}?redelivered=%3Cb%3E`)).status, 200, 'an unknown notice is ignored');
    });
  });

  describe('with the webhook receiver (nock)', () => {
    const env: NodeJS.ProcessEnv = {};
    let server: StaffServer;
    let keys: (string | string[] | undefined)[];

    function receiver() {
      const scope = nock(ORIGIN);
      scope.on('request', (req: { headers: Record<string, string | string[] | undefined> }) => keys.push(req.headers['idempotency-key']));
      return scope;
    }

    // The staff server is on 127.0.0.1; everything else is blocked, and given back afterwards.
    before(() => {
      nock.disableNetConnect();
      nock.enableNetConnect('127.0.0.1');
    });
    after(() => nock.enableNetConnect());
    beforeEach(async () => {
      for (const key of Object.keys(env)) delete env[key];
      keys = [];
      server = await startStaffServer({ senders: { webhook: new WebhookSender({ env }), email: new ScriptedSender() } });
    });
    afterEach(async () => {
      nock.cleanAll();
      await server.close();
    });

    it('delivers, once the receiver is fixed, a request its webhook refused with 400 — under the same Idempotency-Key', async () => {
      env['ASKIM_WEBHOOK_SECRET'] = 'a-long-shared-secret';
      const { reference } = await server.requests.create(sampleRequest('askim'), [WEBHOOK]);
      receiver().post(HOOK_PATH).reply(400).post(HOOK_PATH).reply(400);
      await server.worker!.deliverNow(reference);
      assert.deepEqual((await server.requests.get(reference))?.deliveries.map((d) => [d.state, d.lastError]), [['failed', 'webhook: HTTP 400']]);

      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const send = async () => {
        const res = await client.post(`${requestPath(reference)}/redeliver`, { _csrf: csrf });
        assert.equal(res.status, 303);
        return (await client.get(res.headers.get('location')!)).text();
      };
      // Not fixed yet: the page says it failed again and still offers the button.
      const stillBroken = await send();
      assert.match(stillBroken, /<p class="error" role="status">Henvendelsen ble sendt på nytt, men leveringen feilet igjen \(Webhook: webhook: HTTP 400\)\. Rett feilen og prøv igjen\.<\/p>/);
      assert.match(stillBroken, SEND_AGAIN);

      const fixed = receiver().post(HOOK_PATH).reply(200);
      const delivered = await send();
      assert.ok(fixed.isDone());
      assert.match(delivered, /<p class="notice" role="status">Henvendelsen er sendt på nytt og levert til kommunen\.<\/p>/);
      assert.doesNotMatch(delivered, SEND_AGAIN);
      assert.deepEqual((await server.requests.get(reference))?.deliveries, [{ channel: 'webhook', state: 'delivered', attempts: 1, deliveredAt: '2026-03-16T09:00:00.000Z' }]);
      assert.deepEqual(keys, [reference, reference, reference], 'the receiver can tell it is the same request');
      const entries = (await auditTrail(server)).filter((e) => e.action === 'redeliver_request');
      assert.deepEqual(entries.map((e) => e.target), [`${reference}: sendt på nytt (webhook)`, `${reference}: sendt på nytt (webhook)`]);
    });

    it('delivers through the API once the missing webhook secret is set', async () => {
      const { reference } = await server.requests.create(sampleRequest('askim'), [WEBHOOK]);
      await server.worker!.deliverNow(reference);
      assert.equal((await server.requests.get(reference))?.deliveries[0]?.lastError, 'webhook secret: environment variable ASKIM_WEBHOOK_SECRET is not set');
      assert.deepEqual(keys, [], 'never sent unsigned');

      env['ASKIM_WEBHOOK_SECRET'] = 'a-long-shared-secret';
      receiver().post(HOOK_PATH).reply(200);
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const res = await client.request(`${STAFF_PATH}/api/requests/${reference}/redeliver`, { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
      const body = redeliveredSchema.parse(await res.json());
      assert.equal(body.outcome, 'sent');
      assert.equal(body.delivery, 'delivered');
      assert.deepEqual(body.deliveries.map((d) => [d.channel, d.state, d.attempts]), [['webhook', 'delivered', 1]]);
      assert.deepEqual(keys, [reference]);
    });
  });
});
