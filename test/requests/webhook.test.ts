import assert from 'node:assert/strict';
import nock from 'nock';
import { DeliveryWorker } from '../../src/requests/deliveryWorker';
import { SqliteRequestStore } from '../../src/requests/sqliteRequestStore';
import type { WebhookTarget } from '../../src/requests/targets';
import { verifySignature, WebhookSender } from '../../src/requests/webhook';
import { manualClock, RESIDENT, sampleRequest, ScriptedSender, silentLogger, WEBHOOK } from './support';

const SECRET = 'a-long-shared-secret';
const ORIGIN = 'https://mottak.dalby.example';
const PATH = '/personvern';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('WebhookSender', () => {
  let clock: ReturnType<typeof manualClock>;
  let store: SqliteRequestStore;
  let received: Received[];

  /** A worker on an in-memory store; random 0 makes each retry due at once, so a round is an attempt. */
  function workerWith(env: NodeJS.ProcessEnv, timeoutMs = 2_000) {
    const webhook = new WebhookSender({ env, now: clock.now });
    return new DeliveryWorker(
      { store, senders: { webhook, email: new ScriptedSender() }, logger: silentLogger },
      { now: clock.now, random: () => 0, timeoutMs, leaseMs: timeoutMs + 1_000 },
    );
  }
  const worker = (timeoutMs?: number) => workerWith({ DALBY_WEBHOOK_SECRET: SECRET }, timeoutMs);
  /** The receiver, as nock: what it was sent, raw, is collected in `received`. */
  function receiver(origin = ORIGIN) {
    const scope = nock(origin);
    scope.on('request', (req: Received, _interceptor: unknown, body: string) => received.push({ headers: req.headers, body }));
    return scope;
  }
  const create = async (target: WebhookTarget = WEBHOOK) => (await store.create(sampleRequest(), [target])).reference;
  const delivery = async (reference: string) => (await store.get(reference))?.deliveries[0];

  // Other test files talk to real servers on 127.0.0.1: block the network only here, and give it back.
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  beforeEach(() => {
    clock = manualClock('2026-03-05T10:00:00Z');
    store = SqliteRequestStore.inMemory({ now: clock.now });
    received = [];
  });
  afterEach(async () => {
    nock.cleanAll();
    await store.close();
  });

  describe('when the receiver answers 500, then 200', () => {
    it('delivers once, with the same Idempotency-Key both times', async () => {
      const scope = receiver().post(PATH).reply(500).post(PATH).reply(200);
      const w = worker();
      const reference = await create();
      await w.runOnce();
      assert.equal((await delivery(reference))?.state, 'pending');
      assert.equal((await delivery(reference))?.lastError, 'webhook: HTTP 500');
      await w.runOnce();
      assert.ok(scope.isDone());
      assert.deepEqual(await delivery(reference), { channel: 'webhook', state: 'delivered', attempts: 2, deliveredAt: '2026-03-05T10:00:00.000Z' });
      assert.deepEqual(received.map((r) => r.headers['idempotency-key']), [reference, reference]);
      assert.equal(await w.runOnce(), 0, 'nothing more is sent');
    });
  });

  describe('when the receiver is slow, resets the connection or is busy', () => {
    it('gives up at the time limit and retries', async () => {
      receiver().post(PATH).delay(1_000).reply(200).post(PATH).reply(200);
      const w = worker(100);
      const reference = await create();
      await w.runOnce();
      assert.equal((await delivery(reference))?.lastError, 'timeout after 100 ms');
      assert.equal((await delivery(reference))?.state, 'pending');
      await w.runOnce();
      assert.equal((await delivery(reference))?.state, 'delivered');
    });
    it('retries after a connection reset', async () => {
      // nock 14 needs an Error here: a plain { code } object breaks its fetch interception.
      receiver().post(PATH).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).post(PATH).reply(200);
      const w = worker();
      const reference = await create();
      await w.runOnce();
      assert.equal((await delivery(reference))?.lastError, 'webhook: ECONNRESET');
      await w.runOnce();
      assert.equal((await delivery(reference))?.state, 'delivered');
    });
    it('retries 429 and 408', async () => {
      receiver().post(PATH).reply(429).post(PATH).reply(408).post(PATH).reply(204);
      const w = worker();
      const reference = await create();
      for (let i = 0; i < 3; i++) await w.runOnce();
      assert.deepEqual(await delivery(reference), { channel: 'webhook', state: 'delivered', attempts: 3, deliveredAt: '2026-03-05T10:00:00.000Z' });
    });
  });

  describe('when the receiver refuses', () => {
    it('fails a 400 at once, with the status for staff', async () => {
      receiver().post(PATH).reply(400).post(PATH).reply(200);
      const reference = await create();
      await worker().runOnce();
      assert.deepEqual(await delivery(reference), { channel: 'webhook', state: 'failed', attempts: 1, lastError: 'webhook: HTTP 400' });
      assert.equal(received.length, 1);
    });
    it('does not follow a redirect', async () => {
      receiver().post(PATH).reply(302, '', { Location: 'https://elsewhere.example/' });
      const reference = await create();
      await worker().runOnce();
      assert.equal((await delivery(reference))?.state, 'failed');
      assert.equal((await delivery(reference))?.lastError, 'webhook: HTTP 302 (redirects are not followed)');
    });
  });

  describe('the request it sends', () => {
    it('is the stored request as JSON, signed over the raw body', async () => {
      receiver().post(PATH).reply(200);
      const reference = await create();
      await worker().runOnce();
      const [{ headers, body }] = received as [Received];
      assert.equal(headers['content-type'], 'application/json');
      assert.equal(headers['x-personvern-timestamp'], String(Date.parse('2026-03-05T10:00:00Z') / 1000));
      const timestamp = String(headers['x-personvern-timestamp']);
      const header = String(headers['x-personvern-signature']);
      assert.match(header, /^sha256=[0-9a-f]{64}$/);
      assert.equal(verifySignature(SECRET, timestamp, body, header), true);
      assert.equal(verifySignature('another-secret', timestamp, body, header), false);
      assert.equal(verifySignature(SECRET, timestamp, body.replace('Kari', 'Kåre'), header), false);
      assert.equal(verifySignature(SECRET, String(Number(timestamp) + 1), body, header), false);
      assert.equal(verifySignature(SECRET, timestamp, body, 'sha256=short'), false);
      assert.deepEqual(JSON.parse(body), {
        type: 'personvern.request', reference, kind: 'rights_request', municipality: 'dalby', right: 'access',
        details: RESIDENT.details, name: RESIDENT.name, replyTo: { method: 'email', address: RESIDENT.email }, language: 'nb',
        conversationId: 'conv-1', channel: 'webchat', createdAt: '2026-03-05T10:00:00.000Z', deadline: '2026-04-07',
      });
    });
  });

  describe('when it cannot send safely', () => {
    it('fails without sending when the secret is not set', async () => {
      const scope = receiver().post(PATH).reply(200);
      const reference = await create();
      await workerWith({}).runOnce();
      assert.equal(scope.isDone(), false);
      assert.deepEqual(received, []);
      assert.deepEqual(await delivery(reference), {
        channel: 'webhook', state: 'failed', attempts: 1, lastError: 'webhook secret: environment variable DALBY_WEBHOOK_SECRET is not set',
      });
    });
    it('fails without sending to a plain-http address elsewhere', async () => {
      const scope = receiver('http://mottak.dalby.example').post(PATH).reply(200);
      const reference = await create({ ...WEBHOOK, url: `http://mottak.dalby.example${PATH}` });
      await worker().runOnce();
      assert.equal(scope.isDone(), false);
      assert.equal((await delivery(reference))?.lastError, 'webhook url http://mottak.dalby.example must use https');
    });
  });
});
