/**
 * Storage in Azure Blob Storage (STORAGE=azure-blob), so several instances share one
 * conversation: bot state in BlobsStorage, activities in BlobsTranscriptStore (masked first), one
 * small summary blob per conversation for the staff list, and audit entries as blobs.
 *
 * Why summary blobs: BlobsTranscriptStore can only list blob names per channel (one per activity,
 * so a conversation comes back many times), and filtering by municipality or outcome would mean
 * downloading every activity. The summary sits in the blob's metadata too, so the staff list is one
 * listing call per 5,000 conversations. Writers update it with eTag conditions and retry, so
 * concurrent, out-of-order writes from one or several instances all count (see addToSummary).
 *
 * Why not BlobsTranscriptStore.deleteTranscript: it deletes by the name prefix "channel/conversation"
 * without the final "/", so deleting conversation "abc" would also delete "abcd" (and
 * getTranscriptActivities returns both; reads are filtered here). Deletion uses the exact prefix.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Activity } from 'botbuilder';
import { BlobsStorage, BlobsTranscriptStore } from 'botbuilder-azure-blobs';
// The store's own key encoding, so the prefixes here match the names it writes.
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { BlobServiceClient, type BlockBlobClient, type ContainerClient, RestError } from '@azure/storage-blob';
import { z } from 'zod';
import { describeIssue } from '../shared/zodIssues';
import { AzureAuditLog } from './azureAuditLog';
import {
  addToSummary, type ArchivedActivity, matchesFilter, newestFirst, parseStored, prepareForArchive, type SummaryRecord, summaryRecordSchema, toSummary,
} from './archiveRecords';
import type { ConversationFilter, ConversationSummary, StorageBackend, TranscriptArchive } from './types';

export const DEFAULT_CONTAINER_PREFIX = 'personvern';

/** Container names: lowercase letters, digits and single hyphens, 3–63 characters. */
export function containerNames(prefix: string) {
  return {
    state: `${prefix}-state`,
    transcripts: `${prefix}-transcripts`,
    conversations: `${prefix}-conversations`,
    audit: `${prefix}-audit`,
  };
}

/** Leaves room for the longest suffix ("-conversations") within Azure's 63 characters. */
export const containerPrefixSchema = z.string().regex(/^[a-z0-9](?:-?[a-z0-9])*$/, 'must be lowercase letters, digits and single hyphens').max(49);

export interface AzureBlobBackendOptions {
  connectionString: string;
  /** Default "personvern": containers personvern-state, -transcripts, -conversations, -audit. */
  containerPrefix?: string;
  /** The clock for activities without a (valid, past) timestamp; default: the system clock. */
  now?: () => Date;
}

const SUMMARY_METADATA = 'summary';
const MAX_SUMMARY_ATTEMPTS = 10;
/** .NET ticks at the Unix epoch and per millisecond: BlobsTranscriptStore names blobs "{ticks in hex}-{id}.json". */
const EPOCH_TICKS = 621355968000000000n;
const TICKS_PER_MS = 10000n;

export class AzureTranscriptArchive implements TranscriptArchive {
  /** One summary update at a time per conversation in this process; other instances are handled by eTags. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly store: BlobsTranscriptStore,
    private readonly transcripts: ContainerClient,
    private readonly conversations: ContainerClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async logActivity(activity: Partial<Activity>): Promise<void> {
    const archived = prepareForArchive(activity, this.now());
    if (!archived) return;
    // The store's parameter type is a full Activity; it reads id, channelId, conversation.id, from.id,
    // recipient.id and timestamp, which prepareForArchive and these defaults provide.
    const stored = { from: { id: '', name: '' }, recipient: { id: '', name: '' }, ...archived.activity } as Activity;
    await this.store.logActivity(stored);
    await this.serialised(summaryBlobName(archived.channelId, archived.conversationId), () => this.updateSummary(archived));
  }

  async listConversations(filter: ConversationFilter): Promise<ConversationSummary[]> {
    const summaries: ConversationSummary[] = [];
    for await (const blob of this.conversations.listBlobsFlat({ includeMetadata: true })) {
      const record = parseSummaryMetadata(blob.metadata?.[SUMMARY_METADATA], blob.name);
      if (record) summaries.push(toSummary(record));
    }
    return summaries.filter((s) => matchesFilter(s, filter)).sort(newestFirst);
  }

  async getTranscript(channelId: string, conversationId: string): Promise<Partial<Activity>[]> {
    // One call reads every page; blob names sort by time, and the sort keeps that order for equal timestamps.
    const { items } = await this.store.getTranscriptActivities(channelId, conversationId);
    return items
      .filter((a) => a.channelId === channelId && a.conversation?.id === conversationId)
      .sort((a, b) => new Date(a.timestamp ?? 0).getTime() - new Date(b.timestamp ?? 0).getTime());
  }

  async deleteConversation(channelId: string, conversationId: string): Promise<void> {
    const prefix = `${sanitizeBlobKey(`${channelId}/${conversationId}`)}${encodeURIComponent('/')}`;
    for await (const blob of this.transcripts.listBlobsFlat({ prefix })) {
      await this.transcripts.deleteBlob(blob.name, { deleteSnapshots: 'include' }).catch(ignoreNotFound);
    }
    await this.conversations.deleteBlob(summaryBlobName(channelId, conversationId), { deleteSnapshots: 'include' }).catch(ignoreNotFound);
  }

  /**
   * Reads the last activity time from the transcript blobs' names as well as the summaries, so
   * activities whose summary update failed (or summaries whose activities are gone) are purged too.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const lastAt = new Map<string, { channelId: string; conversationId: string; last: number }>();
    const see = (channelId: string, conversationId: string, at: number) => {
      const key = JSON.stringify([channelId, conversationId]);
      const seen = lastAt.get(key);
      if (!seen || at > seen.last) lastAt.set(key, { channelId, conversationId, last: at });
    };
    for await (const blob of this.transcripts.listBlobsFlat()) {
      const parsed = parseTranscriptBlobName(blob.name);
      if (parsed) see(parsed.channelId, parsed.conversationId, parsed.at);
    }
    for await (const blob of this.conversations.listBlobsFlat({ includeMetadata: true })) {
      const record = parseSummaryMetadata(blob.metadata?.[SUMMARY_METADATA], blob.name);
      if (record) see(record.channelId, record.conversationId, Date.parse(record.lastAt));
    }
    const idle = [...lastAt.values()].filter((c) => c.last < cutoff.getTime());
    for (const c of idle) await this.deleteConversation(c.channelId, c.conversationId);
    return idle.length;
  }

  private async updateSummary(archived: ArchivedActivity): Promise<void> {
    const blob = this.conversations.getBlockBlobClient(summaryBlobName(archived.channelId, archived.conversationId));
    for (let attempt = 1; ; attempt++) {
      const current = await readSummary(blob);
      const body = JSON.stringify(addToSummary(current?.record, archived));
      try {
        await blob.upload(body, Buffer.byteLength(body), {
          metadata: { [SUMMARY_METADATA]: encodeURIComponent(body) },
          blobHTTPHeaders: { blobContentType: 'application/json' },
          // Another instance wrote in between: read again and add this activity to its version.
          conditions: current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
        });
        return;
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_SUMMARY_ATTEMPTS) throw err;
        await delay(Math.random() * 20 * attempt);
      }
    }
  }

  private serialised(key: string, task: () => Promise<void>): Promise<void> {
    const run = (this.pending.get(key) ?? Promise.resolve()).then(task);
    const settled = run.catch(() => {});
    this.pending.set(key, settled);
    void settled.then(() => {
      if (this.pending.get(key) === settled) this.pending.delete(key);
    });
    return run;
  }
}

/** Channel and conversation, each encoded, so neither can contain the separator. */
const summaryBlobName = (channelId: string, conversationId: string) => `${encodeURIComponent(channelId)}/${encodeURIComponent(conversationId)}`;

async function readSummary(blob: BlockBlobClient): Promise<{ record: SummaryRecord; etag: string } | undefined> {
  try {
    const properties = await blob.getProperties();
    const record = parseSummaryMetadata(properties.metadata?.[SUMMARY_METADATA], blob.name);
    return record && properties.etag ? { record, etag: properties.etag } : undefined;
  } catch (err) {
    if (err instanceof RestError && err.statusCode === 404) return undefined;
    throw err;
  }
}

function parseSummaryMetadata(value: string | undefined, blobName: string): SummaryRecord | undefined {
  if (value === undefined) return undefined;
  return parseStored(summaryRecordSchema, JSON.parse(decodeURIComponent(value)), `AzureTranscriptArchive: summary ${blobName}`);
}

/** "{channel}/{conversation}/{ticks}-{id}.json", URI-encoded; undefined for a name not written by the store. */
export function parseTranscriptBlobName(name: string): { channelId: string; conversationId: string; at: number } | undefined {
  const parts = decodeURIComponent(name).split('/');
  const ticks = /^([0-9a-f]+)-/.exec(parts.at(-1) ?? '')?.[1];
  if (parts.length < 3 || !ticks) return undefined;
  return {
    channelId: parts[0]!,
    conversationId: parts.slice(1, -1).join('/'),
    at: Number((BigInt(`0x${ticks}`) - EPOCH_TICKS) / TICKS_PER_MS),
  };
}

/**
 * Deletes the state container's blobs (BlobsStorage keeps one per key) last modified before the
 * cutoff. The listing iterator follows continuation tokens, so every page is seen. Each delete is
 * conditional on the eTag listed: a conversation that wrote its state in between keeps it.
 */
export async function purgeBlobsOlderThan(container: ContainerClient, cutoff: Date): Promise<number> {
  // Last-Modified has whole seconds (rounded down): a blob stamped in the cutoff's own second may
  // have been written after the cutoff, so only earlier seconds count as old.
  const limit = Math.floor(cutoff.getTime() / 1000) * 1000;
  let purged = 0;
  for await (const blob of container.listBlobsFlat()) {
    const { lastModified, etag } = blob.properties;
    if (lastModified.getTime() >= limit) continue;
    try {
      await container.deleteBlob(blob.name, { deleteSnapshots: 'include', conditions: { ifMatch: etag } });
      purged++;
    } catch (err) {
      // 412: written since it was listed; 404: deleted by someone else (an erasure, another instance).
      if (!(err instanceof RestError && (err.statusCode === 412 || err.statusCode === 404))) throw err;
    }
  }
  return purged;
}

/** 412: the eTag changed; 409: created by someone else since we looked. */
export const isConflict = (err: unknown) => err instanceof RestError && (err.statusCode === 412 || err.statusCode === 409);

function ignoreNotFound(err: unknown): void {
  if (!(err instanceof RestError && err.statusCode === 404)) throw err;
}

/** Opens the account and creates the containers if missing, so a wrong connection string fails at start-up. */
export async function openAzureBlobBackend(options: AzureBlobBackendOptions): Promise<StorageBackend> {
  const requested = options.containerPrefix ?? DEFAULT_CONTAINER_PREFIX;
  const parsed = containerPrefixSchema.safeParse(requested);
  if (!parsed.success) throw new Error(`Storage azure-blob: container prefix "${requested}" ${describeIssue(parsed.error.issues[0]!)}`);
  const prefix = parsed.data;
  const names = containerNames(prefix);
  const service = BlobServiceClient.fromConnectionString(options.connectionString);
  const containers = {
    transcripts: service.getContainerClient(names.transcripts),
    conversations: service.getContainerClient(names.conversations),
    audit: service.getContainerClient(names.audit),
    state: service.getContainerClient(names.state),
  };
  try {
    await Promise.all(Object.values(containers).map((c) => c.createIfNotExists()));
  } catch (err) {
    // The message names the account's endpoint, never the key.
    throw new Error(`Storage azure-blob: cannot create containers "${prefix}-…" at ${service.url}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return {
    kind: 'azure-blob',
    botState: new BlobsStorage(options.connectionString, names.state),
    purgeBotStateOlderThan: (cutoff) => purgeBlobsOlderThan(containers.state, cutoff),
    transcripts: new AzureTranscriptArchive(new BlobsTranscriptStore(options.connectionString, names.transcripts), containers.transcripts, containers.conversations, options.now),
    audit: new AzureAuditLog(containers.audit),
    close: async () => {},
  };
}
