import assert from 'node:assert/strict';
import { DeliveryWorker, retryDelayMs, type DeliveryWorkerOptions } from '../../src/requests/deliveryWorker';
import { failPermanently, retryLater } from '../../src/requests/sender';
import { SqliteRequestStore } from '../../src/requests/sqliteRequestStore';
import { capturedLogger, EMAIL, manualClock, RESIDENT, sampleRequest, ScriptedSender, silentLogger, waitFor, WEBHOOK } from './support';

describe('DeliveryWorker', () => {
  let clock: ReturnType<typeof manualClock>;
  let store: SqliteRequestStore;
  let email: ScriptedSender;
  let webhook: ScriptedSender;
  let worker: DeliveryWorker;

  const options = (): Partial<DeliveryWorkerOptions> => ({
    now: clock.now, random: () => 0.5, baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 3, timeoutMs: 50, leaseMs: 1_000, pollMs: 10,
  });
  const newWorker = (logger = silentLogger) => new DeliveryWorker({ store, senders: { email, webhook }, logger }, options());
  const delivery = async (reference: string) => (await store.get(reference))?.deliveries[0];

  beforeEach(async () => {
    clock = manualClock('2026-03-05T10:00:00Z');
    store = SqliteRequestStore.inMemory({ now: clock.now });
    email = new ScriptedSender();
    webhook = new ScriptedSender();
    worker = newWorker();
  });
  afterEach(async () => {
    await worker.stop();
    await store.close();
  });

  describe('retryDelayMs', () => {
    const backoff = { baseDelayMs: 1_000, maxDelayMs: 8_000 };
    it('waits a random share of a doubling bound, up to the cap', async () => {
      assert.deepEqual([1, 2, 3, 4, 5, 30].map((attempt) => retryDelayMs(attempt, { ...backoff, random: () => 0.5 })), [500, 1_000, 2_000, 4_000, 4_000, 4_000]);
      assert.equal(retryDelayMs(3, { ...backoff, random: () => 0 }), 0);
      assert.equal(retryDelayMs(30, { ...backoff, random: () => 0.9999 }), 7_999);
    });
  });

  describe('when a delivery succeeds', () => {
    it('sends the due request and records it delivered', async () => {
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      assert.equal(await worker.runOnce(), 1);
      assert.deepEqual(email.sent.map((r) => r.reference), [reference]);
      assert.deepEqual(await delivery(reference), { channel: 'email', state: 'delivered', attempts: 1, deliveredAt: '2026-03-05T10:00:00.000Z' });
      assert.equal(await worker.runOnce(), 0);
    });
    it('sends each channel of a request', async () => {
      await store.create(sampleRequest(), [WEBHOOK, EMAIL]);
      assert.equal(await worker.runOnce(), 2);
      assert.equal(webhook.sent.length, 1);
      assert.equal(email.sent.length, 1);
    });
    it('delivers only the named request with deliverNow', async () => {
      await store.create(sampleRequest(), [EMAIL]);
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      assert.equal(await worker.deliverNow(reference), 1);
      assert.deepEqual(email.sent.map((r) => r.reference), [reference]);
    });
  });

  describe('when a delivery fails', () => {
    it('retries after an exponentially growing, jittered delay', async () => {
      email = new ScriptedSender([retryLater('e-mail: ESOCKET'), retryLater('e-mail: ESOCKET')]);
      worker = newWorker();
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await worker.runOnce();
      assert.deepEqual(await delivery(reference), { channel: 'email', state: 'pending', attempts: 1, lastError: 'e-mail: ESOCKET', nextAttemptAt: '2026-03-05T10:00:00.500Z' });
      clock.advance(499);
      assert.equal(await worker.runOnce(), 0);
      clock.advance(1);
      await worker.runOnce();
      assert.equal((await delivery(reference))?.nextAttemptAt, '2026-03-05T10:00:01.500Z');
      clock.advance(1_000);
      await worker.runOnce();
      assert.equal((await delivery(reference))?.state, 'delivered');
      assert.equal(email.sent.length, 3);
    });
    it('marks it failed after maxAttempts, and staff still see it', async () => {
      email = new ScriptedSender([], retryLater('webhook: HTTP 503'));
      worker = newWorker();
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      for (let i = 0; i < 5; i++) {
        await worker.runOnce();
        clock.advance(8_000);
      }
      assert.deepEqual(await delivery(reference), { channel: 'email', state: 'failed', attempts: 3, lastError: 'webhook: HTTP 503' });
      assert.deepEqual((await store.list({ deliveryState: 'failed' })).map((r) => r.reference), [reference]);
    });
    it('marks a permanent failure failed at once', async () => {
      email = new ScriptedSender([failPermanently('webhook: HTTP 400')]);
      worker = newWorker();
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await worker.runOnce();
      assert.deepEqual(await delivery(reference), { channel: 'email', state: 'failed', attempts: 1, lastError: 'webhook: HTTP 400' });
    });
    it('turns a sender that throws into a retry, and goes on with the others', async () => {
      email = new ScriptedSender([new Error('boom')]);
      worker = newWorker();
      const first = (await store.create(sampleRequest(), [EMAIL])).reference;
      const second = (await store.create(sampleRequest(), [EMAIL])).reference;
      assert.equal(await worker.runOnce(), 2);
      assert.equal((await delivery(first))?.lastError, 'unexpected error: boom');
      assert.equal((await delivery(first))?.state, 'pending');
      assert.equal((await delivery(second))?.state, 'delivered');
    });
    it('gives up an attempt that hangs after timeoutMs, and retries', async () => {
      email = new ScriptedSender(['hang']);
      worker = newWorker();
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await worker.runOnce();
      assert.equal((await delivery(reference))?.state, 'pending');
      assert.equal((await delivery(reference))?.lastError, 'timeout after 50 ms');
    });
    it('fails a delivery whose last allowed attempt was cut off', async () => {
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      for (let attempt = 1; attempt <= 3; attempt++) {
        await store.claimDue({ now: clock.now(), limit: 1, leaseMs: 1_000 }); // the process dies each time
        clock.advance(1_000);
      }
      await worker.runOnce();
      assert.equal(email.sent.length, 0);
      assert.deepEqual(await delivery(reference), { channel: 'email', state: 'failed', attempts: 4, lastError: 'the last allowed attempt (3) was cut off' });
    });
  });

  describe('when started and stopped', () => {
    it('delivers at once what a dead process left in sending', async () => {
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await store.claimDue({ now: clock.now(), limit: 1, leaseMs: 1_000 });
      clock.advance(1_000);
      worker.start();
      await waitFor(async () => (await delivery(reference))?.state === 'delivered', 'recovery delivery');
      assert.equal((await delivery(reference))?.attempts, 2);
    });
    it('keeps polling for new requests', async () => {
      worker.start();
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await waitFor(async () => (await delivery(reference))?.state === 'delivered', 'delivery by polling');
    });
    it('waits in stop() for the attempt under way, then attempts nothing more', async () => {
      let finish: () => void = () => undefined;
      email = new ScriptedSender([new Promise((resolve) => (finish = () => resolve({ ok: true })))]);
      worker = new DeliveryWorker({ store, senders: { email, webhook }, logger: silentLogger }, { ...options(), timeoutMs: 5_000, leaseMs: 6_000 });
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      const round = worker.runOnce();
      let stopped = false;
      const stopping = worker.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(stopped, false);
      finish();
      await stopping;
      assert.equal(await round, 1);
      assert.equal((await delivery(reference))?.state, 'delivered');
      await store.create(sampleRequest(), [EMAIL]);
      assert.equal(await worker.runOnce(), 0);
    });
    it('refuses a lease no longer than the time limit', () => {
      assert.throws(
        () => new DeliveryWorker({ store, senders: { email, webhook }, logger: silentLogger }, { timeoutMs: 10_000, leaseMs: 200 }),
        /^Error: DeliveryWorker: option leaseMs \(200\) must be longer than timeoutMs \(10000\)/,
      );
    });
  });

  describe('its logs', () => {
    it('name reference, channel, attempt and status, never the resident', async () => {
      const { logger, lines } = capturedLogger();
      email = new ScriptedSender([retryLater('e-mail: ESOCKET'), new Error('boom'), failPermanently('webhook: HTTP 400')]);
      worker = newWorker(logger);
      for (let i = 0; i < 4; i++) await store.create(sampleRequest(), [EMAIL]);
      await worker.runOnce();
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(entries.map((e) => e.status).sort(), ['delivered', 'failed', 'retry', 'retry']);
      for (const entry of entries) {
        assert.match(String(entry.reference), /^PV-2026-\d{6}$/);
        assert.equal(entry.channel, 'email');
        assert.equal(entry.attempt, 1);
      }
      const text = lines.join('\n');
      for (const personal of [RESIDENT.name, RESIDENT.email, RESIDENT.details]) assert.ok(!text.includes(personal), `logs hold "${personal}"`);
    });
  });
});
