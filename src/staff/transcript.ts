/**
 * A stored transcript as staff read it: the resident's messages and the bot's replies in order,
 * each reply with its outcome, confidence, sources (section titles from content, general
 * entries labelled) and the resident's 👍/👎 on it.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { GeneralEntry, Municipality } from '../content/schema';
import { OUTCOMES, type Outcome } from '../knowledge/classifier';
import { teamsFeedback } from '../bot/teamsFeedback';

export const GENERAL_SOURCE_PREFIX = 'general:';

export type Feedback = 'like' | 'dislike';

export interface SourceRef {
  id: string;
  title: string;
  general: boolean;
}

export interface ResidentMessage {
  kind: 'resident';
  id?: string;
  at?: string;
  text: string;
}

export interface BotReply {
  kind: 'bot';
  id?: string;
  at?: string;
  text: string;
  /** The resident message it answers. */
  replyToId?: string;
  outcome?: Outcome;
  confidence?: number;
  municipality?: string;
  sources: SourceRef[];
  /** The resident's last reaction to this reply, if any. */
  feedback?: Feedback;
}

export type TranscriptEntry = ResidentMessage | BotReply;

const replyDataSchema = z
  .object({
    outcome: z.enum(OUTCOMES).optional().catch(undefined),
    sources: z.array(z.string()).optional().catch(undefined),
    municipality: z.string().optional().catch(undefined),
    confidence: z.number().min(0).max(1).optional().catch(undefined),
  })
  .loose();

const reactionsSchema = z.array(z.object({ type: z.string() }).loose()).optional().catch(undefined);

function replyData(activity: Partial<Activity>): z.infer<typeof replyDataSchema> {
  return replyDataSchema.safeParse(activity.channelData ?? {}).data ?? {};
}

const isBot = (a: Partial<Activity>) => a.from?.role === 'bot';

/** The municipalities a conversation's replies were for (usually one; a resident may switch). */
export function conversationMunicipalities(activities: readonly Partial<Activity>[]): string[] {
  const found = new Set<string>();
  for (const a of activities) {
    const m = a.type === 'message' && isBot(a) ? replyData(a).municipality : undefined;
    if (m) found.add(m);
  }
  return [...found];
}

/** Looks up section titles in the content the bot answered from. */
export class SourceTitles {
  private readonly sections: Map<string, Map<string, string>>;
  private readonly general: Map<string, string>;

  constructor(municipalities: readonly Municipality[], general: readonly GeneralEntry[] = []) {
    this.sections = new Map(municipalities.map((m) => [m.id, new Map(m.sections.map((s) => [s.id, s.title]))]));
    this.general = new Map(general.map((g) => [g.id, g.title.nb]));
  }

  resolve(municipality: string | undefined, source: string): SourceRef {
    if (source.startsWith(GENERAL_SOURCE_PREFIX)) {
      const id = source.slice(GENERAL_SOURCE_PREFIX.length);
      return { id: source, title: this.general.get(id) ?? id, general: true };
    }
    const title = municipality ? this.sections.get(municipality)?.get(source) : undefined;
    return { id: source, title: title ?? `${source} (finnes ikke i innholdet nå)`, general: false };
  }
}

/** The final reaction per reply id (Web Chat's and Teams'): later reactions replace earlier ones, removals clear them. */
function feedbackByReply(activities: readonly Partial<Activity>[]): Map<string, Feedback> {
  const feedback = new Map<string, Feedback>();
  for (const a of activities) {
    // Teams' feedback buttons: one reaction per press, the latest counts.
    const teams = teamsFeedback(a);
    if (teams) feedback.set(teams.replyToId, teams.reaction);
    if (a.type !== 'messageReaction' || !a.replyToId) continue;
    for (const r of reactionsSchema.parse(a.reactionsRemoved) ?? []) {
      if (feedback.get(a.replyToId) === r.type) feedback.delete(a.replyToId);
    }
    for (const r of reactionsSchema.parse(a.reactionsAdded) ?? []) {
      if (r.type === 'like' || r.type === 'dislike') feedback.set(a.replyToId, r.type);
    }
  }
  return feedback;
}

function textOf(a: Partial<Activity>): string {
  if (typeof a.text === 'string' && a.text.trim()) return a.text;
  return (a.attachments?.length ?? 0) > 0 ? '(kort uten tekst)' : '';
}

const timestampOf = (a: Partial<Activity>): string | undefined => {
  const t: unknown = a.timestamp;
  if (t instanceof Date) return t.toISOString();
  return typeof t === 'string' ? t : undefined;
};

export function buildTranscript(activities: readonly Partial<Activity>[], titles: SourceTitles): TranscriptEntry[] {
  const feedback = feedbackByReply(activities);
  const entries: TranscriptEntry[] = [];
  for (const a of activities) {
    if (a.type !== 'message') continue;
    const common = { ...(a.id && { id: a.id }), ...(timestampOf(a) && { at: timestampOf(a) }), text: textOf(a) };
    if (!isBot(a)) {
      entries.push({ kind: 'resident', ...common });
      continue;
    }
    const data = replyData(a);
    const reaction = a.id ? feedback.get(a.id) : undefined;
    entries.push({
      kind: 'bot',
      ...common,
      ...(a.replyToId && { replyToId: a.replyToId }),
      ...(data.outcome && { outcome: data.outcome }),
      ...(data.confidence !== undefined && { confidence: data.confidence }),
      ...(data.municipality && { municipality: data.municipality }),
      sources: (data.sources ?? []).map((s) => titles.resolve(data.municipality, s)),
      ...(reaction && { feedback: reaction }),
    });
  }
  return entries;
}

/** The index of the resident message a reply answers: the one it names, else the last one before it. */
export function questionIndex(entries: readonly TranscriptEntry[], index: number): number | undefined {
  const reply = entries[index];
  if (reply?.kind !== 'bot') return undefined;
  if (reply.replyToId) {
    const named = entries.findIndex((e) => e.kind === 'resident' && e.id === reply.replyToId);
    if (named >= 0) return named;
  }
  for (let i = index - 1; i >= 0; i--) if (entries[i]?.kind === 'resident') return i;
  return undefined;
}

export function questionFor(entries: readonly TranscriptEntry[], index: number): ResidentMessage | undefined {
  const found = questionIndex(entries, index);
  const entry = found === undefined ? undefined : entries[found];
  return entry?.kind === 'resident' ? entry : undefined;
}

/**
 * The part of a transcript that concerns one municipality: its replies and the resident messages
 * they answer (a message belongs to the municipality of its first reply). What a resident asked
 * after switching to another municipality stays hidden.
 */
export function turnsFor(entries: readonly TranscriptEntry[], municipality: string): { entries: TranscriptEntry[]; hidden: number } {
  const owner = new Map<number, string | undefined>();
  entries.forEach((entry, index) => {
    const question = entry.kind === 'bot' ? questionIndex(entries, index) : undefined;
    if (entry.kind === 'bot' && question !== undefined && !owner.has(question)) owner.set(question, entry.municipality);
  });
  const visible = entries.filter((entry, index) => (entry.kind === 'bot' ? entry.municipality : owner.get(index)) === municipality);
  return { entries: visible, hidden: entries.length - visible.length };
}
