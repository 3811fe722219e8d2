/**
 * The request store in Azure Blob Storage (STORAGE=azure-blob), so every instance sees and
 * delivers the same requests: one JSON blob per request in "<prefix>-requests", named by its
 * reference, and one counter blob per year for the reference numbers.
 *
 * Blob storage has no transactions, so every change reads the blob, changes it and writes it
 * back only if its eTag is unchanged (If-Match), reading again on 412. That is what makes claims
 * exclusive: of two instances claiming one delivery only one write succeeds, and the other, reading
 * again, finds it sending under a lease. A process that dies after taking a number and before
 * writing the request leaves a gap in the sequence; references stay unique.
 */
import { text } from 'node:stream/consumers';
import { setTimeout as delay } from 'node:timers/promises';
import { BlobServiceClient, type BlockBlobClient, type ContainerClient, RestError } from '@azure/storage-blob';
import { z } from 'zod';
import { describeIssue } from '../shared/zodIssues';
import { containerPrefixSchema, isConflict } from '../storage/azureBlobBackend';
import { isDue, METADATA, newRecord, parseRecord, recordMetadata, type RequestRecord, toStoredRequest } from './azureRequestRecord';
import { deadlineAfter, formatReference, norwegianDate } from './references';
import type { ClaimedDelivery, ClaimOptions, DeliveryClaim, ListFilter, RequestStore } from './requestStore';
import type { DeliveryTarget } from './targets';
import type { NewRequest, RequestStatus, StoredRequest } from './types';

export interface AzureBlobRequestStoreOptions {
  connectionString: string;
  /** The container is "<prefix>-requests", next to the storage backend's containers. */
  containerPrefix: string;
  /** The clock for createdAt, reference years and deadlines (default: the system clock). */
  now?: () => Date;
}

/** Next to the storage backend's containers (containerNames), which fit the same prefix. */
export const requestsContainerName = (prefix: string) => `${prefix}-requests`;

const REQUEST_PREFIX = 'request/';
const COUNTER_PREFIX = 'counter/';
/** Writes lost to another instance before giving up; each loss means that instance made progress. */
const MAX_WRITE_ATTEMPTS = 20;
/** Blobs downloaded at once when listing. */
const READ_CONCURRENCY = 16;

const counterSchema = z.object({ last: z.number().int().nonnegative() });

interface Versioned<T> {
  value: T;
  etag: string;
}

export class AzureBlobRequestStore implements RequestStore {
  private readonly container: ContainerClient;
  private readonly now: () => Date;
  private ensured: Promise<void> | undefined;
  /** Numbers are taken one at a time in this process; other instances are handled by eTags. */
  private allocation: Promise<unknown> = Promise.resolve();

  constructor(options: AzureBlobRequestStoreOptions) {
    const parsed = containerPrefixSchema.safeParse(options.containerPrefix);
    if (!parsed.success) throw new Error(`RequestStore azure-blob: container prefix "${options.containerPrefix}" ${describeIssue(parsed.error.issues[0]!)}`);
    this.container = BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(requestsContainerName(parsed.data));
    this.now = options.now ?? (() => new Date());
  }

  async create(request: NewRequest, targets: readonly DeliveryTarget[]): Promise<StoredRequest> {
    const channels = targets.map((t) => t.channel);
    if (new Set(channels).size !== channels.length) throw new Error(`RequestStore: more than one target per channel (${channels.join(', ')})`);
    await this.ready();
    const createdAt = this.now();
    const { year } = norwegianDate(createdAt);
    for (let attempt = 1; ; attempt++) {
      const reference = formatReference(year, await this.allocate(year));
      const record = newRecord(request, targets, { reference, createdAt, deadline: deadlineAfter(createdAt) });
      try {
        // Durable when the upload returns. If-None-Match: a counter that fell behind (restored
        // from a backup) never overwrites a request; the next number is tried instead.
        await this.write(this.requestBlob(reference), record, { ifNoneMatch: '*' });
        return toStoredRequest(record);
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_WRITE_ATTEMPTS) throw err;
      }
    }
  }

  async get(reference: string): Promise<StoredRequest | undefined> {
    await this.ready();
    const current = await this.read(this.requestBlob(reference));
    return current && toStoredRequest(current.value);
  }

  async list(filter: ListFilter = {}): Promise<StoredRequest[]> {
    await this.ready();
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: REQUEST_PREFIX, includeMetadata: true })) {
      const metadata = blob.metadata ?? {};
      const municipality = metadata[METADATA.municipality];
      const states = metadata[METADATA.states];
      // The metadata only narrows the downloads; the records are checked again below.
      if (filter.municipality !== undefined && municipality !== undefined && decodeURIComponent(municipality) !== filter.municipality) continue;
      if (filter.deliveryState !== undefined && states !== undefined && !states.split(',').includes(filter.deliveryState)) continue;
      names.push(blob.name);
    }
    const records: RequestRecord[] = [];
    for (let i = 0; i < names.length; i += READ_CONCURRENCY) {
      const read = await Promise.all(names.slice(i, i + READ_CONCURRENCY).map((name) => this.read(this.container.getBlockBlobClient(name))));
      for (const r of read) if (r) records.push(r.value);
    }
    return records
      .filter(({ request, deliveries }) => (filter.municipality === undefined || request.municipality === filter.municipality) && (filter.deliveryState === undefined || deliveries.some((d) => d.state === filter.deliveryState)))
      .sort((a, b) => compareReferences(b.request.reference, a.request.reference))
      .map(toStoredRequest);
  }

  async claimDue({ now, limit, leaseMs, reference }: ClaimOptions): Promise<ClaimedDelivery[]> {
    await this.ready();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const blobs = reference !== undefined ? [this.requestBlob(reference)] : await this.dueBlobs(now);
    const claimed: ClaimedDelivery[] = [];
    const errors: unknown[] = [];
    for (const blob of blobs) {
      if (claimed.length >= limit) break;
      try {
        claimed.push(...(await this.claimIn(blob, now, leaseUntil, limit - claimed.length)));
      } catch (err) {
        // One unreadable blob must not stop the others; with nothing claimed the caller hears why.
        errors.push(err);
      }
    }
    if (claimed.length === 0 && errors.length > 0) throw errors[0];
    return claimed;
  }

  markDelivered(claim: DeliveryClaim, at: Date): Promise<boolean> {
    // Whichever claim it was, the receiver has the request now.
    return this.update(claim.reference, (record) => {
      const d = record.deliveries.find((x) => x.channel === claim.channel);
      if (!d || d.state === 'delivered') return false;
      Object.assign(d, { state: 'delivered', dueAt: null, lastError: null, deliveredAt: at.toISOString() });
      return true;
    });
  }

  markRetry(claim: DeliveryClaim, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.release(claim, { state: 'pending', dueAt: nextAttemptAt.getTime(), lastError: error });
  }

  markFailed(claim: DeliveryClaim, error: string): Promise<boolean> {
    return this.release(claim, { state: 'failed', dueAt: null, lastError: error });
  }

  requeue(reference: string, now: Date): Promise<boolean> {
    return this.update(reference, (record) => {
      // One without a target had nowhere to go (NO_CHANNEL_ERROR): it stays failed.
      const failed = record.deliveries.filter((d) => d.state === 'failed' && d.target !== null);
      for (const d of failed) Object.assign(d, { state: 'pending', attempts: 0, dueAt: now.getTime() });
      return failed.length > 0;
    });
  }

  setStatus(reference: string, status: RequestStatus): Promise<boolean> {
    return this.update(reference, (record) => {
      record.request.status = status;
      return true;
    });
  }

  /** Nothing to release: every call is its own HTTP request. */
  async close(): Promise<void> {}

  /** Creates the container on first use; a failure is retried on the next call. */
  private ready(): Promise<void> {
    this.ensured ??= this.container.createIfNotExists().then(
      () => undefined,
      (err: unknown) => {
        this.ensured = undefined;
        // The message names the account's endpoint, never the key.
        throw new Error(`RequestStore azure-blob: cannot create container ${this.container.containerName} at ${this.container.url}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      },
    );
    return this.ensured;
  }

  private requestBlob(reference: string): BlockBlobClient {
    return this.container.getBlockBlobClient(`${REQUEST_PREFIX}${reference}`);
  }

  /** Requests with a delivery due at `now`, by the metadata, earliest first. */
  private async dueBlobs(now: Date): Promise<BlockBlobClient[]> {
    const due: { name: string; at: number }[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: REQUEST_PREFIX, includeMetadata: true })) {
      const at = Number(blob.metadata?.[METADATA.dueAt] ?? NaN);
      if (at <= now.getTime()) due.push({ name: blob.name, at });
    }
    return due.sort((a, b) => a.at - b.at).map((d) => this.container.getBlockBlobClient(d.name));
  }

  /** Marks up to `max` of the request's due deliveries as sending, if no other instance did first. */
  private async claimIn(blob: BlockBlobClient, now: Date, leaseUntil: Date, max: number): Promise<ClaimedDelivery[]> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(blob);
      if (!current) return [];
      const record = current.value;
      const due = record.deliveries.filter((d) => isDue(d, now)).slice(0, max);
      if (due.length === 0) return [];
      for (const d of due) Object.assign(d, { state: 'sending', attempts: d.attempts + 1, dueAt: leaseUntil.getTime() });
      try {
        await this.write(blob, record, { ifMatch: current.etag });
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_WRITE_ATTEMPTS) throw err;
        await backoff(attempt);
        continue;
      }
      const request = toStoredRequest(record);
      return due.map((d) => ({ reference: request.reference, channel: d.channel, attempt: d.attempts, request, target: d.target, leaseUntil }));
    }
  }

  private release(claim: DeliveryClaim, change: Pick<RequestRecord['deliveries'][number], 'state' | 'dueAt' | 'lastError'>): Promise<boolean> {
    return this.update(claim.reference, (record) => {
      const d = record.deliveries.find((x) => x.channel === claim.channel);
      // Only the current claim: a later one has taken the delivery over.
      if (!d || d.state !== 'sending' || d.attempts !== claim.attempt) return false;
      Object.assign(d, change);
      return true;
    });
  }

  /** Read, change, write if unchanged since; again on 412. `change` returns false to leave the blob alone. */
  private async update(reference: string, change: (record: RequestRecord) => boolean): Promise<boolean> {
    await this.ready();
    const blob = this.requestBlob(reference);
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(blob);
      if (!current || !change(current.value)) return false;
      try {
        await this.write(blob, current.value, { ifMatch: current.etag });
        return true;
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_WRITE_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
  }

  /** The next number of `year`, from its counter blob. */
  private allocate(year: number): Promise<number> {
    const next = this.allocation.then(() => this.nextSequence(year));
    this.allocation = next.catch(() => undefined);
    return next;
  }

  private async nextSequence(year: number): Promise<number> {
    const blob = this.container.getBlockBlobClient(`${COUNTER_PREFIX}${year}`);
    for (let attempt = 1; ; attempt++) {
      const current = await readJson(blob, (json) => counterSchema.parse(JSON.parse(json)));
      const next = (current?.value.last ?? 0) + 1;
      const body = JSON.stringify({ last: next });
      try {
        await blob.upload(body, Buffer.byteLength(body), {
          blobHTTPHeaders: { blobContentType: 'application/json' },
          conditions: current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
        });
        return next;
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_WRITE_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
  }

  private read(blob: BlockBlobClient): Promise<Versioned<RequestRecord> | undefined> {
    return readJson(blob, (json) => parseRecord(json, blob.name));
  }

  private async write(blob: BlockBlobClient, record: RequestRecord, conditions: { ifMatch: string } | { ifNoneMatch: '*' }): Promise<void> {
    const body = JSON.stringify(record);
    await blob.upload(body, Buffer.byteLength(body), { metadata: recordMetadata(record), blobHTTPHeaders: { blobContentType: 'application/json' }, conditions });
  }
}

/** The blob's parsed text and eTag; undefined when there is no such blob. */
async function readJson<T>(blob: BlockBlobClient, parse: (json: string) => T): Promise<Versioned<T> | undefined> {
  try {
    const response = await blob.download();
    if (!response.etag || !response.readableStreamBody) throw new Error(`RequestStore: blob ${blob.name} came back without eTag or body`);
    return { value: parse(await text(response.readableStreamBody)), etag: response.etag };
  } catch (err) {
    if (err instanceof RestError && err.statusCode === 404) return undefined;
    throw err;
  }
}

/** PV-2026-000123: by year, then sequence (which may grow past six digits). */
function compareReferences(a: string, b: string): number {
  const [, yearA = '', sequenceA = ''] = a.split('-');
  const [, yearB = '', sequenceB = ''] = b.split('-');
  return Number(yearA) - Number(yearB) || Number(sequenceA) - Number(sequenceB);
}

/** A random wait growing with the attempt, so instances that collided do not collide again in step. */
const backoff = (attempt: number) => delay(Math.random() * 10 * Math.min(attempt, 10));
