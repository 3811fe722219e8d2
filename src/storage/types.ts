/**
 * The storage a deployment runs on, behind small interfaces: bot state (botbuilder's Storage),
 * the transcript archive staff read, and the audit log of staff access. Implementations: memory
 * (tests), SQLite in DATA_DIR (the default) and Azure Blob Storage (STORAGE=azure-blob).
 */
import type { Activity, Storage, TranscriptLogger } from 'botbuilder';
import type { Outcome } from '../knowledge/classifier';

/** One conversation as the staff list shows it. */
export interface ConversationSummary {
  channelId: string;
  conversationId: string;
  /** From the bot's replies' channelData.municipality (the latest); undefined until one was chosen. */
  municipality?: string;
  /** Every municipality the bot's replies named, sorted (more than one if the resident switched). */
  municipalities: string[];
  /** ISO timestamps of the first and last logged activity. */
  firstAt: string;
  lastAt: string;
  /** Resident messages in it. */
  messages: number;
  /** How many bot replies had each outcome. */
  outcomes: Partial<Record<Outcome, number>>;
}

export interface ConversationFilter {
  /** Only conversations with a reply for this municipality (staff always pass theirs; admins may omit it). */
  municipality?: string;
  /** Conversations active in [from, to): first activity before `to`, last at or after `from`. */
  from?: Date;
  to?: Date;
  /** Only conversations with at least one reply of this outcome. */
  outcome?: Outcome;
  channel?: string;
}

/**
 * Where turns are archived. logActivity receives activities from botbuilder's
 * TranscriptLoggerMiddleware; implementations store them masked (see masking.ts), never raw.
 */
export interface TranscriptArchive extends TranscriptLogger {
  logActivity(activity: Partial<Activity>): Promise<void>;
  /** Most recently active first. */
  listConversations(filter: ConversationFilter): Promise<ConversationSummary[]>;
  /** Oldest first; an empty list for an unknown conversation. */
  getTranscript(channelId: string, conversationId: string): Promise<Partial<Activity>[]>;
  /** Removes the conversation's transcript everywhere it is stored. */
  deleteConversation(channelId: string, conversationId: string): Promise<void>;
  /** Deletes conversations whose last activity is older than the cutoff; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}

export interface AuditEntry {
  /** ISO timestamp. */
  at: string;
  /** The staff member's e-mail. */
  actor: string;
  /** e.g. "login", "view_conversation", "view_request", "export_requests", "update_request", "denied". */
  action: string;
  /** The municipality whose data was touched ("*" for admin-wide views). */
  municipality: string;
  /** What was opened: a conversation id, a request reference, a page. */
  target?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: { municipality?: string; limit?: number }): Promise<AuditEntry[]>;
}

export interface StorageBackend {
  kind: 'memory' | 'sqlite' | 'azure-blob';
  /** Bot conversation and dialog state: shared by every instance on the same backend. */
  botState: Storage;
  /**
   * Deletes bot-state items last written before the cutoff (abandoned conversations, with any
   * half-finished request draft in them); returns how many. An item written at or after the
   * cutoff is kept, so a conversation in progress keeps its state.
   */
  purgeBotStateOlderThan(cutoff: Date): Promise<number>;
  transcripts: TranscriptArchive;
  audit: AuditLog;
  close(): Promise<void>;
}

/**
 * Marks an activity whose text is personal data the dialog collected (what a request concerns,
 * the resident's name, how to reply) or a reply showing it (the summary card). The archive keeps a
 * placeholder instead: that data lives only in the request record.
 */
export const PERSONAL_DATA_FLAG = 'personalData';
