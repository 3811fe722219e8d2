/**
 * The behaviour every RequestStore shares, run against each implementation by its own test file
 * (SQLite in a file and in memory, Azure Blob on Azurite).
 */
import assert from 'node:assert/strict';
import type { RequestStore } from '../../src/requests/requestStore';
import { NO_CHANNEL_ERROR } from '../../src/requests/targets';
import type { NewRequest } from '../../src/requests/types';
import { EMAIL, manualClock, sampleRequest, WEBHOOK } from './support';

export const LEASE_MS = 1_000;

interface StoreUnderTest {
  store: RequestStore;
  clock: ReturnType<typeof manualClock>;
}

/** Opens a new, empty store with the given clock for each test; cleanUp runs after it is closed. */
export function behavesAsRequestStore(name: string, open: (now: () => Date) => RequestStore | Promise<RequestStore>, cleanUp: () => void | Promise<void> = () => undefined) {
  describe(name, () => {
    let t: StoreUnderTest;
    beforeEach(async () => {
      const clock = manualClock('2026-03-05T10:00:00Z');
      t = { clock, store: await open(clock.now) };
    });
    afterEach(async () => {
      await t.store.close();
      await cleanUp();
    });
    const claim = (reference?: string) => t.store.claimDue({ now: t.clock.now(), limit: 10, leaseMs: LEASE_MS, reference });

    describe('when creating requests', () => {
      it('numbers them sequentially per year', async () => {
        const references: string[] = [];
        for (let i = 0; i < 3; i++) references.push((await t.store.create(sampleRequest(), [EMAIL])).reference);
        assert.deepEqual(references, ['PV-2026-000001', 'PV-2026-000002', 'PV-2026-000003']);
      });
      it('restarts the numbers when the year turns in Norway', async () => {
        t.clock.set('2026-12-31T22:59:00Z');
        assert.equal((await t.store.create(sampleRequest(), [EMAIL])).reference, 'PV-2026-000001');
        assert.equal((await t.store.create(sampleRequest(), [EMAIL])).reference, 'PV-2026-000002');
        t.clock.advance(2 * 60_000); // 00:01 on 1 January, Norwegian time
        assert.equal((await t.store.create(sampleRequest(), [EMAIL])).reference, 'PV-2027-000001');
      });
      it('sets the deadline one month on, clamped to the month end (and moved off weekends and holidays)', async () => {
        t.clock.set('2026-08-31T12:00:00Z');
        const stored = await t.store.create(sampleRequest(), [EMAIL]);
        assert.equal(stored.createdAt, '2026-08-31T12:00:00.000Z');
        assert.equal(stored.deadline, '2026-09-30');
      });
      it('returns the request as stored, new, with one pending delivery per target', async () => {
        const stored = await t.store.create(sampleRequest(), [WEBHOOK, EMAIL]);
        assert.deepEqual(await t.store.get(stored.reference), stored);
        assert.equal(stored.status, 'new');
        assert.equal(stored.name, 'Kari Nordmann');
        assert.deepEqual(stored.replyTo, { method: 'email', address: 'kari.nordmann@example.no' });
        assert.deepEqual(
          stored.deliveries.map((d) => [d.channel, d.state, d.attempts]),
          [['webhook', 'pending', 0], ['email', 'pending', 0]],
        );
      });
      it('keeps only the fields of a NewRequest', async () => {
        const withExtra = { ...sampleRequest(), nationalId: '01010112345' } as NewRequest;
        const stored = await t.store.create(withExtra, [EMAIL]);
        assert.ok(!('nationalId' in stored));
        assert.doesNotMatch(JSON.stringify(await t.store.get(stored.reference)), /01010112345/);
      });
      it('stores a request with nowhere to go as a failed delivery, visible to staff', async () => {
        const stored = await t.store.create(sampleRequest(), []);
        assert.deepEqual(stored.deliveries, [{ channel: 'email', state: 'failed', attempts: 0, lastError: NO_CHANNEL_ERROR }]);
        assert.deepEqual(await claim(), []);
        assert.deepEqual((await t.store.list({ deliveryState: 'failed' })).map((r) => r.reference), [stored.reference]);
      });
      it('refuses two targets for one channel', async () => {
        await assert.rejects(t.store.create(sampleRequest(), [EMAIL, EMAIL]), /^Error: RequestStore: more than one target per channel \(email, email\)/);
      });
    });

    describe('when listing', () => {
      it('lists newest first, by municipality or delivery state', async () => {
        const first = (await t.store.create(sampleRequest(), [EMAIL])).reference;
        const second = (await t.store.create(sampleRequest({ municipality: 'fjellby' }), [EMAIL])).reference;
        assert.deepEqual((await t.store.list()).map((r) => r.reference), [second, first]);
        assert.deepEqual((await t.store.list({ municipality: 'fjellby' })).map((r) => r.reference), [second]);
        assert.deepEqual(await t.store.list({ deliveryState: 'delivered' }), []);
      });
      it('moves the case status for staff', async () => {
        const { reference } = await t.store.create(sampleRequest(), [EMAIL]);
        assert.equal(await t.store.setStatus(reference, 'in_progress'), true);
        assert.equal((await t.store.get(reference))?.status, 'in_progress');
        assert.equal(await t.store.setStatus('PV-2026-999999', 'closed'), false);
      });
    });

    describe('when claiming deliveries', () => {
      it('claims a due delivery once, as sending, with the attempt counted', async () => {
        const { reference } = await t.store.create(sampleRequest(), [WEBHOOK]);
        const [claimed, ...rest] = await claim();
        assert.deepEqual(rest, []);
        assert.equal(claimed?.reference, reference);
        assert.equal(claimed?.attempt, 1);
        assert.deepEqual(claimed?.target, WEBHOOK);
        assert.equal(claimed?.request.name, 'Kari Nordmann');
        assert.equal((await t.store.get(reference))?.deliveries[0]?.state, 'sending');
        assert.deepEqual(await claim(), [], 'a held lease is not claimed again');
      });
      it('claims only the named request for deliverNow', async () => {
        await t.store.create(sampleRequest(), [EMAIL]);
        const { reference } = await t.store.create(sampleRequest(), [EMAIL]);
        assert.deepEqual((await claim(reference)).map((c) => c.reference), [reference]);
      });
      it('makes a sending delivery due again when its lease expires (the process died)', async () => {
        await t.store.create(sampleRequest(), [WEBHOOK]);
        const [first] = await claim();
        t.clock.advance(LEASE_MS);
        const [second] = await claim();
        assert.equal(second?.attempt, 2);
        assert.equal(await t.store.markRetry(first!, t.clock.now(), 'late'), false, 'the first claim was taken over');
        assert.equal(await t.store.markDelivered(second!, t.clock.now()), true);
      });
      it('waits until the retry time', async () => {
        const { reference } = await t.store.create(sampleRequest(), [WEBHOOK]);
        const [first] = await claim();
        assert.equal(await t.store.markRetry(first!, new Date(t.clock.now().getTime() + 5_000), 'webhook: HTTP 500'), true);
        const delivery = (await t.store.get(reference))?.deliveries[0];
        assert.equal(delivery?.state, 'pending');
        assert.equal(delivery?.lastError, 'webhook: HTTP 500');
        assert.equal(delivery?.nextAttemptAt, '2026-03-05T10:00:05.000Z');
        t.clock.advance(4_999);
        assert.deepEqual(await claim(), []);
        t.clock.advance(1);
        assert.equal((await claim())[0]?.attempt, 2);
      });
      it('records delivery, and a failure stays listed for staff', async () => {
        const delivered = (await t.store.create(sampleRequest(), [EMAIL])).reference;
        const failed = (await t.store.create(sampleRequest(), [EMAIL])).reference;
        const [a, b] = await claim();
        await t.store.markDelivered(a!, t.clock.now());
        await t.store.markFailed(b!, 'webhook: HTTP 400');
        assert.deepEqual((await t.store.get(delivered))?.deliveries, [{ channel: 'email', state: 'delivered', attempts: 1, deliveredAt: '2026-03-05T10:00:00.000Z' }]);
        assert.deepEqual((await t.store.get(failed))?.deliveries, [{ channel: 'email', state: 'failed', attempts: 1, lastError: 'webhook: HTTP 400' }]);
        assert.deepEqual((await t.store.list({ deliveryState: 'failed' })).map((r) => r.reference), [failed]);
        t.clock.advance(24 * 3600_000);
        assert.deepEqual(await claim(), [], 'neither is due again');
      });
    });

    describe('when staff send a failed request again', () => {
      /** A request whose webhook failed for good after two attempts while its e-mail was delivered. */
      async function failedWebhook(): Promise<string> {
        const { reference } = await t.store.create(sampleRequest(), [WEBHOOK, EMAIL]);
        const claims = await claim();
        const webhook = claims.find((c) => c.channel === 'webhook');
        await t.store.markDelivered(claims.find((c) => c.channel === 'email')!, t.clock.now());
        await t.store.markRetry(webhook!, t.clock.now(), 'webhook: HTTP 503');
        await t.store.markFailed((await claim())[0]!, 'webhook: HTTP 400');
        return reference;
      }

      it('puts the failed delivery back as pending, due at the given time, attempts from 0', async () => {
        const reference = await failedWebhook();
        assert.equal((await t.store.get(reference))?.deliveries[0]?.attempts, 2);
        t.clock.advance(3600_000);
        assert.equal(await t.store.requeue(reference, t.clock.now()), true);
        assert.deepEqual((await t.store.get(reference))?.deliveries[0], { channel: 'webhook', state: 'pending', attempts: 0, lastError: 'webhook: HTTP 400', nextAttemptAt: '2026-03-05T11:00:00.000Z' });
        assert.deepEqual(await t.store.list({ deliveryState: 'failed' }), []);
      });
      it('sends it to the same target under the same reference, counting attempts afresh', async () => {
        const reference = await failedWebhook();
        await t.store.requeue(reference, t.clock.now());
        const [again, ...rest] = await claim();
        assert.deepEqual(rest, []);
        assert.equal(again?.reference, reference);
        assert.equal(again?.request.reference, reference);
        assert.deepEqual(again?.target, WEBHOOK);
        assert.equal(again?.attempt, 1);
        assert.equal(await t.store.markDelivered(again!, t.clock.now()), true);
        assert.deepEqual((await t.store.get(reference))?.deliveries.map((d) => d.state), ['delivered', 'delivered']);
      });
      it('leaves a delivered delivery untouched', async () => {
        const reference = await failedWebhook();
        const email = (await t.store.get(reference))?.deliveries[1];
        await t.store.requeue(reference, t.clock.now());
        assert.deepEqual((await t.store.get(reference))?.deliveries[1], email);
        assert.deepEqual(email, { channel: 'email', state: 'delivered', attempts: 1, deliveredAt: '2026-03-05T10:00:00.000Z' });
      });
      it('returns false, changing nothing, when nothing had failed', async () => {
        const reference = await failedWebhook();
        const pending = await t.store.create(sampleRequest(), [WEBHOOK]);
        assert.equal(await t.store.requeue(pending.reference, t.clock.now()), false);
        assert.deepEqual(await t.store.get(pending.reference), pending);
        assert.equal(await t.store.requeue(reference, t.clock.now()), true);
        assert.equal(await t.store.requeue(reference, t.clock.now()), false, 'a second click finds it pending');
        assert.equal(await t.store.requeue('PV-2026-999999', t.clock.now()), false);
      });
      it('keeps a request that had nowhere to go failed', async () => {
        const stored = await t.store.create(sampleRequest(), []);
        assert.equal(await t.store.requeue(stored.reference, t.clock.now()), false);
        assert.deepEqual((await t.store.get(stored.reference))?.deliveries, [{ channel: 'email', state: 'failed', attempts: 0, lastError: NO_CHANNEL_ERROR }]);
        assert.deepEqual(await claim(), []);
      });
    });
  });
}
