/**
 * What every archive does the same way: mask and stamp an activity before it is stored, fold
 * activities into a conversation summary (in any order: TranscriptLoggerMiddleware does not await
 * its writes, and two instances may write one conversation), match summaries against a filter,
 * and check what is read back.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { OUTCOMES, type Outcome } from '../knowledge/classifier';
import { describeIssues } from '../shared/zodIssues';
import { isBotActivity, maskActivity } from './masking';
import type { AuditEntry, ConversationFilter, ConversationSummary } from './types';

/** A masked activity ready to store, with what summaries and SQL columns need of it. */
export interface ArchivedActivity {
  channelId: string;
  conversationId: string;
  /** ISO timestamp, also set (as a Date) on the activity. */
  at: string;
  activity: Partial<Activity>;
  /** A message the resident wrote. */
  residentMessage: boolean;
  /** From a bot reply's channelData only: the resident's channelData is theirs to fill. */
  outcome?: Outcome;
  municipality?: string;
}

const replyDataSchema = z.object({
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  municipality: z.string().min(1).optional().catch(undefined),
});

/**
 * Masks the activity and gives it a timestamp: its own if valid and not in the future (a client
 * must not post one that outlives retention), else `now`, and an id if it has none. Trace
 * activities (debug output, possibly with state in them) are not archived: undefined.
 */
export function prepareForArchive(activity: Partial<Activity>, now: Date): ArchivedActivity | undefined {
  if (activity.type === 'trace') return undefined;
  const channelId = activity.channelId;
  const conversationId = activity.conversation?.id;
  if (!channelId || !conversationId) throw new Error('TranscriptArchive: an activity needs channelId and conversation.id to be archived');
  const given = activity.timestamp ? new Date(activity.timestamp) : now;
  const timestamp = Number.isNaN(given.getTime()) || given > now ? now : given;
  const masked: Partial<Activity> = { ...maskActivity(activity), timestamp, id: activity.id || `archive-${randomUUID()}` };
  const isBot = isBotActivity(masked);
  const reply = (isBot && masked.type === 'message' && replyDataSchema.safeParse(masked.channelData).data) || {};
  return {
    channelId,
    conversationId,
    at: timestamp.toISOString(),
    activity: masked,
    residentMessage: !isBot && masked.type === 'message',
    ...(reply.outcome && { outcome: reply.outcome }),
    ...(reply.municipality && { municipality: reply.municipality }),
  };
}

/** A summary with what merging needs beyond the public fields. */
export interface SummaryRecord extends ConversationSummary {
  /** When the reply naming `municipality` was sent: a later one wins, whatever order they arrive in. */
  municipalityAt?: string;
}

export const summaryRecordSchema = z.object({
  channelId: z.string(),
  conversationId: z.string(),
  municipality: z.string().optional(),
  municipalityAt: z.string().optional(),
  municipalities: z.array(z.string()),
  firstAt: z.string(),
  lastAt: z.string(),
  messages: z.number().int().min(0),
  outcomes: z.partialRecord(z.enum(OUTCOMES), z.number().int().min(0)),
});

/** The summary with one more activity in it; order-independent, so out-of-order writes agree. */
export function addToSummary(summary: SummaryRecord | undefined, a: ArchivedActivity): SummaryRecord {
  const s: SummaryRecord = summary ?? {
    channelId: a.channelId, conversationId: a.conversationId, municipalities: [], firstAt: a.at, lastAt: a.at, messages: 0, outcomes: {},
  };
  const outcomes = { ...s.outcomes };
  if (a.outcome) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
  const laterMunicipality = a.municipality !== undefined && (s.municipalityAt === undefined || a.at >= s.municipalityAt);
  return {
    ...s,
    ...(laterMunicipality && { municipality: a.municipality, municipalityAt: a.at }),
    municipalities: a.municipality && !s.municipalities.includes(a.municipality) ? [...s.municipalities, a.municipality].sort() : s.municipalities,
    firstAt: a.at < s.firstAt ? a.at : s.firstAt,
    lastAt: a.at > s.lastAt ? a.at : s.lastAt,
    messages: s.messages + (a.residentMessage ? 1 : 0),
    outcomes,
  };
}

export function toSummary({ municipalityAt: _, ...summary }: SummaryRecord): ConversationSummary {
  return summary;
}

/** The filter's meaning, for archives that filter in code (SQLite does the same in SQL). */
export function matchesFilter(s: ConversationSummary, filter: ConversationFilter): boolean {
  return (filter.municipality === undefined || s.municipalities.includes(filter.municipality))
    && (filter.from === undefined || s.lastAt >= filter.from.toISOString())
    && (filter.to === undefined || s.firstAt < filter.to.toISOString())
    && (filter.outcome === undefined || (s.outcomes[filter.outcome] ?? 0) > 0)
    && (filter.channel === undefined || s.channelId === filter.channel);
}

/** Most recently active first. */
export const newestFirst = (a: ConversationSummary, b: ConversationSummary): number =>
  b.lastAt.localeCompare(a.lastAt) || a.conversationId.localeCompare(b.conversationId);

/** A stored activity read back: any JSON object; its timestamp a Date again. */
const storedActivitySchema = z.custom<Partial<Activity>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an activity object');

export function parseStoredActivity(json: string, where: string): Partial<Activity> {
  const activity = parseStored(storedActivitySchema, JSON.parse(json), where);
  return { ...activity, ...(activity.timestamp !== undefined && { timestamp: new Date(activity.timestamp) }) };
}

/** Oldest first; `seq` (arrival) orders activities with the same timestamp. */
export const chronological = (a: { at: string; seq: number }, b: { at: string; seq: number }): number => a.at.localeCompare(b.at) || a.seq - b.seq;

export const auditEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  actor: z.string().min(1),
  action: z.string().min(1),
  municipality: z.string().min(1),
  target: z.string().optional(),
});

/**
 * Checks an entry before it is written (the audit log is evidence, so it must be readable later)
 * and writes its time as UTC with milliseconds, so stored times sort as text.
 */
export function checkAuditEntry(entry: AuditEntry): AuditEntry {
  const result = auditEntrySchema.safeParse(entry);
  if (!result.success) throw new Error(`AuditLog: invalid entry: ${describeIssues(result.error.issues, ' ')}`);
  return { ...result.data, at: new Date(result.data.at).toISOString() };
}

export function parseStored<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${where} is invalid: ${describeIssues(result.error.issues, ' ')}`);
  return result.data;
}
