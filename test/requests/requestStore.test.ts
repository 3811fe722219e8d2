import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RequestStore } from '../../src/requests/requestStore';
import { SqliteRequestStore, STORE_FILE } from '../../src/requests/sqliteRequestStore';
import { NO_CHANNEL_ERROR } from '../../src/requests/targets';
import type { NewRequest } from '../../src/requests/types';
import { EMAIL, manualClock, sampleRequest, tempDir, WEBHOOK } from './support';

const LEASE_MS = 1_000;

interface StoreUnderTest {
  store: RequestStore;
  clock: ReturnType<typeof manualClock>;
}

/** The behaviour every RequestStore shares, run against the file and the in-memory store. */
function behavesAsRequestStore(name: string, open: (now: () => Date) => RequestStore & { close(): void }, cleanUp: () => void = () => undefined) {
  describe(name, () => {
    let t: StoreUnderTest;
    beforeEach(() => {
      const clock = manualClock('2026-03-05T10:00:00Z');
      t = { clock, store: open(clock.now) };
    });
    afterEach(() => {
      t.store.close();
      cleanUp();
    });
    const claim = (reference?: string) => t.store.claimDue({ now: t.clock.now(), limit: 10, leaseMs: LEASE_MS, reference });

    describe('when creating requests', () => {
      it('numbers them sequentially per year', () => {
        const references = [1, 2, 3].map(() => t.store.create(sampleRequest(), [EMAIL]).reference);
        assert.deepEqual(references, ['PV-2026-000001', 'PV-2026-000002', 'PV-2026-000003']);
      });
      it('restarts the numbers when the year turns in Norway', () => {
        t.clock.set('2026-12-31T22:59:00Z');
        assert.equal(t.store.create(sampleRequest(), [EMAIL]).reference, 'PV-2026-000001');
        assert.equal(t.store.create(sampleRequest(), [EMAIL]).reference, 'PV-2026-000002');
        t.clock.advance(2 * 60_000); // 00:01 on 1 January, Norwegian time
        assert.equal(t.store.create(sampleRequest(), [EMAIL]).reference, 'PV-2027-000001');
      });
      it('sets the deadline one month on, clamped to the month end', () => {
        t.clock.set('2026-01-31T12:00:00Z');
        const stored = t.store.create(sampleRequest(), [EMAIL]);
        assert.equal(stored.createdAt, '2026-01-31T12:00:00.000Z');
        assert.equal(stored.deadline, '2026-02-28');
      });
      it('returns the request as stored, new, with one pending delivery per target', () => {
        const stored = t.store.create(sampleRequest(), [WEBHOOK, EMAIL]);
        assert.deepEqual(t.store.get(stored.reference), stored);
        assert.equal(stored.status, 'new');
        assert.equal(stored.name, 'Kari Nordmann');
        assert.deepEqual(stored.replyTo, { method: 'email', address: 'kari.nordmann@example.no' });
        assert.deepEqual(
          stored.deliveries.map((d) => [d.channel, d.state, d.attempts]),
          [['webhook', 'pending', 0], ['email', 'pending', 0]],
        );
      });
      it('keeps only the fields of a NewRequest', () => {
        const withExtra = { ...sampleRequest(), nationalId: '01010112345' } as NewRequest;
        const stored = t.store.create(withExtra, [EMAIL]);
        assert.ok(!('nationalId' in stored));
        assert.doesNotMatch(JSON.stringify(t.store.get(stored.reference)), /01010112345/);
      });
      it('stores a request with nowhere to go as a failed delivery, visible to staff', () => {
        const stored = t.store.create(sampleRequest(), []);
        assert.deepEqual(stored.deliveries, [{ channel: 'email', state: 'failed', attempts: 0, lastError: NO_CHANNEL_ERROR }]);
        assert.deepEqual(claim(), []);
        assert.deepEqual(t.store.list({ deliveryState: 'failed' }).map((r) => r.reference), [stored.reference]);
      });
      it('refuses two targets for one channel', () => {
        assert.throws(() => t.store.create(sampleRequest(), [EMAIL, EMAIL]), /^Error: RequestStore: more than one target per channel \(email, email\)/);
      });
    });

    describe('when listing', () => {
      it('lists newest first, by municipality or delivery state', () => {
        const first = t.store.create(sampleRequest(), [EMAIL]).reference;
        const second = t.store.create(sampleRequest({ municipality: 'fjellby' }), [EMAIL]).reference;
        assert.deepEqual(t.store.list().map((r) => r.reference), [second, first]);
        assert.deepEqual(t.store.list({ municipality: 'fjellby' }).map((r) => r.reference), [second]);
        assert.deepEqual(t.store.list({ deliveryState: 'delivered' }), []);
      });
      it('moves the case status for staff', () => {
        const { reference } = t.store.create(sampleRequest(), [EMAIL]);
        assert.equal(t.store.setStatus(reference, 'in_progress'), true);
        assert.equal(t.store.get(reference)?.status, 'in_progress');
        assert.equal(t.store.setStatus('PV-2026-999999', 'closed'), false);
      });
    });

    describe('when claiming deliveries', () => {
      it('claims a due delivery once, as sending, with the attempt counted', () => {
        const { reference } = t.store.create(sampleRequest(), [WEBHOOK]);
        const [claimed, ...rest] = claim();
        assert.deepEqual(rest, []);
        assert.equal(claimed?.reference, reference);
        assert.equal(claimed?.attempt, 1);
        assert.deepEqual(claimed?.target, WEBHOOK);
        assert.equal(claimed?.request.name, 'Kari Nordmann');
        assert.equal(t.store.get(reference)?.deliveries[0]?.state, 'sending');
        assert.deepEqual(claim(), [], 'a held lease is not claimed again');
      });
      it('claims only the named request for deliverNow', () => {
        t.store.create(sampleRequest(), [EMAIL]);
        const { reference } = t.store.create(sampleRequest(), [EMAIL]);
        assert.deepEqual(claim(reference).map((c) => c.reference), [reference]);
      });
      it('makes a sending delivery due again when its lease expires (the process died)', () => {
        t.store.create(sampleRequest(), [WEBHOOK]);
        const [first] = claim();
        t.clock.advance(LEASE_MS);
        const [second] = claim();
        assert.equal(second?.attempt, 2);
        assert.equal(t.store.markRetry(first!, t.clock.now(), 'late'), false, 'the first claim was taken over');
        assert.equal(t.store.markDelivered(second!, t.clock.now()), true);
      });
      it('waits until the retry time', () => {
        const { reference } = t.store.create(sampleRequest(), [WEBHOOK]);
        const [first] = claim();
        assert.equal(t.store.markRetry(first!, new Date(t.clock.now().getTime() + 5_000), 'webhook: HTTP 500'), true);
        const delivery = t.store.get(reference)?.deliveries[0];
        assert.equal(delivery?.state, 'pending');
        assert.equal(delivery?.lastError, 'webhook: HTTP 500');
        assert.equal(delivery?.nextAttemptAt, '2026-03-05T10:00:05.000Z');
        t.clock.advance(4_999);
        assert.deepEqual(claim(), []);
        t.clock.advance(1);
        assert.equal(claim()[0]?.attempt, 2);
      });
      it('records delivery, and a failure stays listed for staff', () => {
        const delivered = t.store.create(sampleRequest(), [EMAIL]).reference;
        const failed = t.store.create(sampleRequest(), [EMAIL]).reference;
        const [a, b] = claim();
        t.store.markDelivered(a!, t.clock.now());
        t.store.markFailed(b!, 'webhook: HTTP 400');
        assert.deepEqual(t.store.get(delivered)?.deliveries, [{ channel: 'email', state: 'delivered', attempts: 1, deliveredAt: '2026-03-05T10:00:00.000Z' }]);
        assert.deepEqual(t.store.get(failed)?.deliveries, [{ channel: 'email', state: 'failed', attempts: 1, lastError: 'webhook: HTTP 400' }]);
        assert.deepEqual(t.store.list({ deliveryState: 'failed' }).map((r) => r.reference), [failed]);
        t.clock.advance(24 * 3600_000);
        assert.deepEqual(claim(), [], 'neither is due again');
      });
    });

    describe('when staff send a failed request again', () => {
      /** A request whose webhook failed for good after two attempts while its e-mail was delivered. */
      function failedWebhook(): string {
        const { reference } = t.store.create(sampleRequest(), [WEBHOOK, EMAIL]);
        const claims = claim();
        const webhook = claims.find((c) => c.channel === 'webhook');
        t.store.markDelivered(claims.find((c) => c.channel === 'email')!, t.clock.now());
        t.store.markRetry(webhook!, t.clock.now(), 'webhook: HTTP 503');
        t.store.markFailed(claim()[0]!, 'webhook: HTTP 400');
        return reference;
      }

      it('puts the failed delivery back as pending, due at the given time, attempts from 0', () => {
        const reference = failedWebhook();
        assert.equal(t.store.get(reference)?.deliveries[0]?.attempts, 2);
        t.clock.advance(3600_000);
        assert.equal(t.store.requeue(reference, t.clock.now()), true);
        assert.deepEqual(t.store.get(reference)?.deliveries[0], { channel: 'webhook', state: 'pending', attempts: 0, lastError: 'webhook: HTTP 400', nextAttemptAt: '2026-03-05T11:00:00.000Z' });
        assert.deepEqual(t.store.list({ deliveryState: 'failed' }), []);
      });
      it('sends it to the same target under the same reference, counting attempts afresh', () => {
        const reference = failedWebhook();
        t.store.requeue(reference, t.clock.now());
        const [again, ...rest] = claim();
        assert.deepEqual(rest, []);
        assert.equal(again?.reference, reference);
        assert.equal(again?.request.reference, reference);
        assert.deepEqual(again?.target, WEBHOOK);
        assert.equal(again?.attempt, 1);
        assert.equal(t.store.markDelivered(again!, t.clock.now()), true);
        assert.deepEqual(t.store.get(reference)?.deliveries.map((d) => d.state), ['delivered', 'delivered']);
      });
      it('leaves a delivered delivery untouched', () => {
        const reference = failedWebhook();
        const email = t.store.get(reference)?.deliveries[1];
        t.store.requeue(reference, t.clock.now());
        assert.deepEqual(t.store.get(reference)?.deliveries[1], email);
        assert.deepEqual(email, { channel: 'email', state: 'delivered', attempts: 1, deliveredAt: '2026-03-05T10:00:00.000Z' });
      });
      it('returns false, changing nothing, when nothing had failed', () => {
        const reference = failedWebhook();
        const pending = t.store.create(sampleRequest(), [WEBHOOK]);
        assert.equal(t.store.requeue(pending.reference, t.clock.now()), false);
        assert.deepEqual(t.store.get(pending.reference), pending);
        assert.equal(t.store.requeue(reference, t.clock.now()), true);
        assert.equal(t.store.requeue(reference, t.clock.now()), false, 'a second click finds it pending');
        assert.equal(t.store.requeue('PV-2026-999999', t.clock.now()), false);
      });
      it('keeps a request that had nowhere to go failed', () => {
        const stored = t.store.create(sampleRequest(), []);
        assert.equal(t.store.requeue(stored.reference, t.clock.now()), false);
        assert.deepEqual(t.store.get(stored.reference)?.deliveries, [{ channel: 'email', state: 'failed', attempts: 0, lastError: NO_CHANNEL_ERROR }]);
        assert.deepEqual(claim(), []);
      });
    });
  });
}

describe('SqliteRequestStore', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const fileDir = () => join(dir.path, 'data');
  const removeFile = () => rmSync(fileDir(), { recursive: true, force: true });

  behavesAsRequestStore('in a file', (now) => SqliteRequestStore.open(fileDir(), { now }), removeFile);
  behavesAsRequestStore('in memory', (now) => SqliteRequestStore.inMemory({ now }));

  describe('on disk', () => {
    afterEach(removeFile);

    it('creates the data directory and keeps requests across close and reopen', () => {
      const store = SqliteRequestStore.open(fileDir());
      const { reference } = store.create(sampleRequest(), [EMAIL]);
      store.close();
      const reopened = SqliteRequestStore.open(fileDir());
      assert.equal(reopened.get(reference)?.details, 'Alt dere har om meg i barnehagesaken');
      assert.equal(reopened.create(sampleRequest(), [EMAIL]).reference.slice(-6), '000002');
      reopened.close();
    });
    it('never gives two stores on one file the same reference', () => {
      const a = SqliteRequestStore.open(fileDir());
      const b = SqliteRequestStore.open(fileDir());
      const references = [a, b, a, b].map((s) => s.create(sampleRequest(), [EMAIL]).reference);
      assert.equal(new Set(references).size, 4);
      a.close();
      b.close();
    });
    it('writes no field it was not given into the file', () => {
      const store = SqliteRequestStore.open(fileDir());
      store.create({ ...sampleRequest(), nationalId: '01010112345' } as NewRequest, [EMAIL]);
      store.close();
      const bytes = readdirSync(fileDir()).map((f) => readFileSync(join(fileDir(), f)).toString('latin1')).join('');
      assert.match(bytes, /Kari Nordmann/);
      assert.doesNotMatch(bytes, /01010112345/);
    });
    it('marks an unreadable delivery failed and still claims the others', () => {
      const store = SqliteRequestStore.open(fileDir());
      const broken = store.create(sampleRequest(), [EMAIL]).reference;
      const fine = store.create(sampleRequest(), [EMAIL]).reference;
      const raw = new Database(join(fileDir(), STORE_FILE));
      raw.prepare("UPDATE deliveries SET target = '{\"channel\":\"pigeon\"}' WHERE reference = ?").run(broken);
      raw.close();
      assert.deepEqual(store.claimDue({ now: new Date(), limit: 10, leaseMs: LEASE_MS }).map((c) => c.reference), [fine]);
      const delivery = store.get(broken)?.deliveries[0];
      assert.equal(delivery?.state, 'failed');
      assert.match(delivery?.lastError ?? '', /^RequestStore: stored delivery target is invalid: channel/);
      store.close();
    });
    it('refuses a file from a newer version', () => {
      SqliteRequestStore.open(fileDir()).close();
      const raw = new Database(join(fileDir(), STORE_FILE));
      raw.pragma('user_version = 99');
      raw.close();
      assert.throws(() => SqliteRequestStore.open(fileDir()), /RequestStore .*personvern\.sqlite: schema version 99 is newer than this program knows \(1\)/);
    });
  });
});
