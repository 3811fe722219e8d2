import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { setTimeout as delay } from 'node:timers/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import { AzureBlobRequestStore, requestsContainerName } from '../../src/requests/azureBlobRequestStore';
import { DeliveryWorker } from '../../src/requests/deliveryWorker';
import type { DeliveryOutcome, Sender } from '../../src/requests/sender';
import type { NewRequest, StoredRequest } from '../../src/requests/types';
import { type Azurite, startAzurite } from '../storage/azurite';
import { behavesAsRequestStore, LEASE_MS } from './requestStoreSuite';
import { EMAIL, manualClock, sampleRequest, silentLogger, WEBHOOK } from './support';

let azurite: Azurite;
before(async () => {
  azurite = await startAzurite();
});
after(async () => azurite?.stop());

/** A container of its own for each test: one Azurite, no shared state. */
const newPrefix = () => `t${randomBytes(6).toString('hex')}`;
const openStore = (containerPrefix: string, now?: () => Date) => new AzureBlobRequestStore({ connectionString: azurite.connectionString, containerPrefix, ...(now && { now }) });

/** Every blob in the prefix's request container, names and bodies. */
async function allBlobs(containerPrefix: string): Promise<string> {
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(requestsContainerName(containerPrefix));
  const out: string[] = [];
  for await (const blob of container.listBlobsFlat({ includeMetadata: true })) {
    const body = (await container.getBlobClient(blob.name).download()).readableStreamBody;
    out.push(blob.name, JSON.stringify(blob.metadata ?? {}), body ? await text(body) : '');
  }
  return out.join('\n');
}

/** A sender that takes a while and notes how many attempts for one request overlap. */
class OverlapSender implements Sender {
  readonly sent: string[] = [];
  private readonly active = new Set<string>();
  overlaps = 0;

  async send(request: StoredRequest): Promise<DeliveryOutcome> {
    if (this.active.has(request.reference)) this.overlaps++;
    this.active.add(request.reference);
    this.sent.push(request.reference);
    await delay(20);
    this.active.delete(request.reference);
    return { ok: true };
  }
}

describe('AzureBlobRequestStore', () => {
  behavesAsRequestStore('on Azurite', (now) => openStore(newPrefix(), now));

  describe('when it is given a request', () => {
    it('writes no field it was not given into the blob', async () => {
      const prefix = newPrefix();
      await openStore(prefix).create({ ...sampleRequest(), nationalId: '01010112345' } as NewRequest, [EMAIL]);
      const blobs = await allBlobs(prefix);
      assert.match(blobs, /Kari Nordmann/);
      assert.doesNotMatch(blobs, /01010112345/);
    });
    it('refuses a container prefix Azure would refuse', () => {
      assert.throws(() => openStore('Personvern_'), /^Error: RequestStore azure-blob: container prefix "Personvern_" must be lowercase letters, digits and single hyphens/);
    });
  });

  describe('when two instances share one account', () => {
    let prefix: string;
    let a: AzureBlobRequestStore;
    let b: AzureBlobRequestStore;
    beforeEach(() => {
      prefix = newPrefix();
      const clock = manualClock('2026-03-05T10:00:00Z');
      a = openStore(prefix, clock.now);
      b = openStore(prefix, clock.now);
    });

    it('numbers requests created at the same time uniquely and without gaps', async () => {
      const created = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).create(sampleRequest(), [EMAIL])));
      const references = created.map((r) => r.reference).sort();
      assert.deepEqual(references, Array.from({ length: 20 }, (_, i) => `PV-2026-${String(i + 1).padStart(6, '0')}`));
    });
    it('shows each instance what the other stored and changed', async () => {
      const { reference } = await a.create(sampleRequest({ municipality: 'fjellby' }), [WEBHOOK]);
      assert.equal(await b.setStatus(reference, 'in_progress'), true);
      assert.equal((await a.get(reference))?.status, 'in_progress');
      assert.deepEqual((await b.list({ municipality: 'fjellby' })).map((r) => r.reference), [reference]);
      assert.deepEqual(await b.list({ municipality: 'dalby' }), []);
    });
    it('lets only one of them claim a due delivery', async () => {
      for (let i = 0; i < 5; i++) await a.create(sampleRequest(), [WEBHOOK, EMAIL]);
      const claim = (store: AzureBlobRequestStore) => store.claimDue({ now: new Date('2026-03-05T10:00:00Z'), limit: 100, leaseMs: LEASE_MS });
      const [fromA, fromB] = await Promise.all([claim(a), claim(b)]);
      const claimed = [...fromA, ...fromB].map((c) => `${c.reference} ${c.channel}`);
      assert.equal(claimed.length, 10);
      assert.equal(new Set(claimed).size, 10, 'no delivery claimed twice');
      assert.deepEqual(await Promise.all([claim(a), claim(b)]), [[], []], 'all are held under a lease');
    });
    it('never has two workers deliver one request at the same time', async () => {
      const sender = new OverlapSender();
      const options = { timeoutMs: 5_000, leaseMs: 60_000, batchSize: 3 };
      const workers = [a, b].map((store) => new DeliveryWorker({ store, senders: { webhook: sender, email: sender }, logger: silentLogger }, options));
      const references = await Promise.all(Array.from({ length: 8 }, () => a.create(sampleRequest(), [EMAIL]))).then((rs) => rs.map((r) => r.reference));
      for (let round = 0; round < 10 && sender.sent.length < references.length; round++) await Promise.all(workers.map((w) => w.runOnce()));
      await Promise.all(workers.map((w) => w.stop()));
      assert.equal(sender.overlaps, 0);
      assert.deepEqual([...sender.sent].sort(), [...references].sort(), 'each request sent exactly once');
      assert.deepEqual((await b.list({ deliveryState: 'delivered' })).length, references.length);
    });
  });
});
