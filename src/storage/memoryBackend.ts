/**
 * Storage that lives as long as the process: for tests and the in-process tools. Activities are
 * kept as JSON text, as the other backends keep them, so a caller's later change to an object it
 * logged cannot reach the archive.
 */
import type { Activity, Storage, StoreItems } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import {
  addToSummary, chronological, checkAuditEntry, matchesFilter, newestFirst, parseStoredActivity, prepareForArchive, type SummaryRecord, toSummary,
} from './archiveRecords';
import type { AuditEntry, AuditLog, ConversationFilter, ConversationSummary, StorageBackend, TranscriptArchive } from './types';

interface StoredConversation {
  summary: SummaryRecord;
  activities: { at: string; seq: number; json: string }[];
}

/** botbuilder's MemoryStorage, plus when each key was last written, so abandoned state can be purged. */
export class MemoryBotState implements Storage {
  private readonly storage = new MemoryStorage();
  /** Milliseconds since the epoch, by the injected clock. */
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.storage.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      await this.storage.write(changes);
    } finally {
      // Also after an eTag conflict, which may have written the keys before it: a time too late
      // only keeps an item longer, a missing one would keep it forever.
      const at = this.now().getTime();
      for (const key of Object.keys(changes)) this.writtenAt.set(key, at);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.storage.delete(keys);
    for (const key of keys) this.writtenAt.delete(key);
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const old = [...this.writtenAt].filter(([, at]) => at < cutoff.getTime()).map(([key]) => key);
    // Counts only what is there: a write that failed before its key was stored left a time behind.
    const present = Object.keys(await this.storage.read(old)).length;
    await this.delete(old);
    return present;
  }
}

export class MemoryTranscriptArchive implements TranscriptArchive {
  private readonly conversations = new Map<string, StoredConversation>();
  private seq = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async logActivity(activity: Partial<Activity>): Promise<void> {
    const archived = prepareForArchive(activity, this.now());
    if (!archived) return;
    const key = conversationKey(archived.channelId, archived.conversationId);
    const stored = this.conversations.get(key);
    const entry = { at: archived.at, seq: this.seq++, json: JSON.stringify(archived.activity) };
    if (!stored) {
      this.conversations.set(key, { summary: addToSummary(undefined, archived), activities: [entry] });
      return;
    }
    stored.summary = addToSummary(stored.summary, archived);
    stored.activities.push(entry);
  }

  async listConversations(filter: ConversationFilter): Promise<ConversationSummary[]> {
    return [...this.conversations.values()].map((c) => toSummary(c.summary)).filter((s) => matchesFilter(s, filter)).sort(newestFirst);
  }

  async getTranscript(channelId: string, conversationId: string): Promise<Partial<Activity>[]> {
    const stored = this.conversations.get(conversationKey(channelId, conversationId));
    return [...(stored?.activities ?? [])].sort(chronological).map((a) => parseStoredActivity(a.json, 'MemoryTranscriptArchive: stored activity'));
  }

  async deleteConversation(channelId: string, conversationId: string): Promise<void> {
    this.conversations.delete(conversationKey(channelId, conversationId));
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const limit = cutoff.toISOString();
    let purged = 0;
    for (const [key, c] of this.conversations) {
      if (c.summary.lastAt >= limit) continue;
      this.conversations.delete(key);
      purged++;
    }
    return purged;
  }
}

export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.entries.push({ ...checkAuditEntry(entry) });
  }

  async list(filter: { municipality?: string; limit?: number }): Promise<AuditEntry[]> {
    const newestFirst = this.entries
      .map((entry, seq) => ({ entry, seq }))
      .filter(({ entry }) => filter.municipality === undefined || entry.municipality === filter.municipality)
      .sort((a, b) => b.entry.at.localeCompare(a.entry.at) || b.seq - a.seq)
      .map(({ entry }) => ({ ...entry }));
    return newestFirst.slice(0, filter.limit ?? newestFirst.length);
  }
}

/** The pair as JSON: no two pairs share a key, whatever characters the ids hold. */
const conversationKey = (channelId: string, conversationId: string) => JSON.stringify([channelId, conversationId]);

/** `now` stamps bot-state writes and activities without a (valid, past) timestamp; default: the system clock. */
export function openMemoryBackend(options: { now?: () => Date } = {}): StorageBackend {
  const botState = new MemoryBotState(options.now);
  return {
    kind: 'memory',
    botState,
    purgeBotStateOlderThan: (cutoff) => botState.purgeOlderThan(cutoff),
    transcripts: new MemoryTranscriptArchive(options.now),
    audit: new MemoryAuditLog(),
    close: async () => {},
  };
}
