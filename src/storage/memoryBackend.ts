/**
 * Storage that lives as long as the process: for tests and the in-process tools. Activities are
 * kept as JSON text, as the other backends keep them, so a caller's later change to an object it
 * logged cannot reach the archive.
 */
import type { Activity } from 'botbuilder';
import { MemoryStorage } from 'botbuilder';
import {
  addToSummary, chronological, checkAuditEntry, matchesFilter, newestFirst, parseStoredActivity, prepareForArchive, type SummaryRecord, toSummary,
} from './archiveRecords';
import type { AuditEntry, AuditLog, ConversationFilter, ConversationSummary, StorageBackend, TranscriptArchive } from './types';

interface StoredConversation {
  summary: SummaryRecord;
  activities: { at: string; seq: number; json: string }[];
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

export function openMemoryBackend(options: { now?: () => Date } = {}): StorageBackend {
  return {
    kind: 'memory',
    botState: new MemoryStorage(),
    transcripts: new MemoryTranscriptArchive(options.now),
    audit: new MemoryAuditLog(),
    close: async () => {},
  };
}
