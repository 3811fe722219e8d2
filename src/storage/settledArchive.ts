/**
 * Makes deletion wait for writes already under way. botbuilder's TranscriptLoggerMiddleware
 * starts its writes at the end of a turn without awaiting them, so a resident who deletes the
 * conversation in that same turn ("slett samtalen") could otherwise see its last turn written
 * after the delete — and kept.
 */
import type { Activity } from 'botbuilder';
import type { ConversationFilter, ConversationSummary, TranscriptArchive } from './types';

const key = (channelId: string | undefined, conversationId: string | undefined) => `${channelId ?? ''}\u0000${conversationId ?? ''}`;

export class SettledArchive implements TranscriptArchive {
  private readonly pending = new Map<string, Set<Promise<void>>>();

  constructor(private readonly inner: TranscriptArchive) {}

  logActivity(activity: Partial<Activity>): Promise<void> {
    const k = key(activity.channelId, activity.conversation?.id);
    const write = this.inner.logActivity(activity);
    const writes = this.pending.get(k) ?? new Set<Promise<void>>();
    writes.add(write);
    this.pending.set(k, writes);
    const done = () => {
      writes.delete(write);
      if (writes.size === 0 && this.pending.get(k) === writes) this.pending.delete(k);
    };
    write.then(done, done);
    return write;
  }

  async deleteConversation(channelId: string, conversationId: string): Promise<void> {
    const writes = this.pending.get(key(channelId, conversationId));
    if (writes) await Promise.allSettled([...writes]);
    await this.inner.deleteConversation(channelId, conversationId);
  }

  listConversations(filter: ConversationFilter): Promise<ConversationSummary[]> {
    return this.inner.listConversations(filter);
  }

  getTranscript(channelId: string, conversationId: string): Promise<Partial<Activity>[]> {
    return this.inner.getTranscript(channelId, conversationId);
  }

  purgeOlderThan(cutoff: Date): Promise<number> {
    return this.inner.purgeOlderThan(cutoff);
  }
}
