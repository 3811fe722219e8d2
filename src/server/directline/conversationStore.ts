/**
 * The activities of open Direct Line conversations, in memory and bounded: idle conversations
 * expire, the number of conversations and of activities per conversation is capped.
 */
import type { Activity } from 'botbuilder';

export interface ConversationStoreOptions {
  /** A conversation unused this long is dropped (default 30 minutes). */
  idleMs: number;
  /** At most this many open conversations; the longest idle is dropped for a new one (default 5000). */
  maxConversations: number;
  /** At most this many activities kept per conversation; older ones are dropped (default 500). */
  maxActivities: number;
}

export const defaultConversationStoreOptions: ConversationStoreOptions = {
  idleMs: 30 * 60_000,
  maxConversations: 5000,
  maxActivities: 500,
};

export interface StoredConversation {
  id: string;
  /** The municipality the page opened it for; sent to the bot on conversation start. */
  municipality?: string;
  started: boolean;
  /** Activities in order; `firstWatermark` is the watermark of activities[0]. */
  activities: Partial<Activity>[];
  firstWatermark: number;
  lastUsed: number;
}

export type ActivityListener = (activity: Partial<Activity>, watermark: string) => void;

export class ConversationStore {
  private readonly conversations = new Map<string, StoredConversation>();
  private readonly listeners = new Map<string, Set<ActivityListener>>();
  private readonly options: ConversationStoreOptions;

  constructor(options: Partial<ConversationStoreOptions> = {}, private readonly now: () => number = () => Date.now()) {
    this.options = { ...defaultConversationStoreOptions, ...options };
  }

  get size(): number {
    return this.conversations.size;
  }

  create(id: string, municipality?: string): StoredConversation {
    this.sweep();
    if (this.conversations.size >= this.options.maxConversations) this.dropLongestIdle();
    const conversation: StoredConversation = { id, municipality, started: false, activities: [], firstWatermark: 0, lastUsed: this.now() };
    this.conversations.set(id, conversation);
    return conversation;
  }

  get(id: string): StoredConversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.now() - conversation.lastUsed > this.options.idleMs) {
      this.conversations.delete(id);
      return undefined;
    }
    conversation.lastUsed = this.now();
    return conversation;
  }

  delete(id: string): boolean {
    this.listeners.delete(id);
    return this.conversations.delete(id);
  }

  /** Calls `listener` with every activity appended to the conversation from now on. */
  subscribe(id: string, listener: ActivityListener): () => void {
    const set = this.listeners.get(id) ?? new Set<ActivityListener>();
    set.add(listener);
    this.listeners.set(id, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Appends an activity, giving it the Direct Line id `<conversationId>|<watermark>`. */
  append(conversation: StoredConversation, activity: Partial<Activity>): Partial<Activity> {
    const watermark = conversation.firstWatermark + conversation.activities.length;
    const stored = { ...activity, id: `${conversation.id}|${String(watermark).padStart(7, '0')}`, timestamp: new Date() };
    conversation.activities.push(stored);
    if (conversation.activities.length > this.options.maxActivities) {
      conversation.activities.shift();
      conversation.firstWatermark++;
    }
    conversation.lastUsed = this.now();
    const next = String(conversation.firstWatermark + conversation.activities.length);
    for (const listener of this.listeners.get(conversation.id) ?? []) listener(stored, next);
    return stored;
  }

  /** Activities from `watermark` on, and the watermark to ask with next. */
  since(conversation: StoredConversation, watermark: number): { activities: Partial<Activity>[]; watermark: string } {
    const from = Math.max(0, watermark - conversation.firstWatermark);
    const next = conversation.firstWatermark + conversation.activities.length;
    return { activities: conversation.activities.slice(from), watermark: String(next) };
  }

  /** Drops conversations idle longer than the limit. */
  sweep(): number {
    const cutoff = this.now() - this.options.idleMs;
    let dropped = 0;
    for (const [id, c] of this.conversations) {
      if (c.lastUsed < cutoff) {
        this.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  private dropLongestIdle(): void {
    let oldest: StoredConversation | undefined;
    for (const c of this.conversations.values()) if (!oldest || c.lastUsed < oldest.lastUsed) oldest = c;
    if (oldest) this.delete(oldest.id);
  }
}
