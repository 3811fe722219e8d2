/**
 * What residents asked that the notice did not answer: replies with outcome not_covered, and
 * answers given with low confidence, each paired with the question it replied to, grouped by
 * similar question so content editors see what to add first.
 *
 * Similar = the same municipality and a Jaccard similarity of at least 0.5 between the
 * questions' stemmed content words (the knowledge base's normalisation: nynorsk and English
 * mapped to bokmål, stop words removed), compared with each group's most frequent wording.
 */
import { contentWords, stem } from '../knowledge/normalise';
import type { Outcome } from '../knowledge/classifier';
import { questionFor, type TranscriptEntry } from './transcript';

/** Answers below this confidence count as unanswered too. */
export const LOW_CONFIDENCE = 0.6;
export const SIMILARITY = 0.5;

export interface ConversationRef {
  channelId: string;
  conversationId: string;
}

export interface UnansweredTurn {
  municipality: string;
  question: string;
  /** ISO timestamp of the reply. */
  at: string;
  reason: 'not_covered' | 'low_confidence';
  conversation: ConversationRef;
}

export interface UnansweredGroup {
  municipality: string;
  /** The most frequent wording. */
  question: string;
  count: number;
  /** Other wordings, most frequent first, with how often each was asked. */
  variants: { text: string; count: number }[];
  notCovered: number;
  lowConfidence: number;
  lastSeen: string;
  /** The conversation of the latest occurrence, for a closer look. */
  latest: ConversationRef;
}

function reasonFor(outcome: Outcome | undefined, confidence: number | undefined, threshold: number): UnansweredTurn['reason'] | undefined {
  if (outcome === 'not_covered') return 'not_covered';
  if (outcome === 'answer' && confidence !== undefined && confidence < threshold) return 'low_confidence';
  return undefined;
}

/** The unanswered turns of one conversation whose reply falls in [from, to). */
export function unansweredTurns(entries: readonly TranscriptEntry[], conversation: ConversationRef, period: { from: Date; to: Date }, threshold = LOW_CONFIDENCE): UnansweredTurn[] {
  const turns: UnansweredTurn[] = [];
  entries.forEach((entry, index) => {
    if (entry.kind !== 'bot' || !entry.municipality || !entry.at) return;
    const reason = reasonFor(entry.outcome, entry.confidence, threshold);
    const at = Date.parse(entry.at);
    if (!reason || !(at >= period.from.getTime() && at < period.to.getTime())) return;
    const question = questionFor(entries, index)?.text.trim();
    if (question) turns.push({ municipality: entry.municipality, question, at: entry.at, reason, conversation });
  });
  return turns;
}

/** Lower case, punctuation and extra spaces removed: the wording variants are counted by this. */
export function wordingKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Stemmed content words; falls back to the wording when a question has none ("hæ?"). */
export function questionTerms(text: string): Set<string> {
  const terms = new Set(contentWords(text).map(stem));
  return terms.size > 0 ? terms : new Set([wordingKey(text)]);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

interface Wording {
  municipality: string;
  text: string;
  terms: Set<string>;
  turns: UnansweredTurn[];
}

const latestFirst = (a: UnansweredTurn, b: UnansweredTurn) => b.at.localeCompare(a.at);

export function groupUnanswered(turns: readonly UnansweredTurn[], similarity = SIMILARITY): UnansweredGroup[] {
  // 1. Identical wordings (per municipality) together; the newest turn's text shows the wording.
  const wordings = new Map<string, Wording>();
  for (const turn of [...turns].sort(latestFirst)) {
    const key = `${turn.municipality}\n${wordingKey(turn.question)}`;
    const existing = wordings.get(key);
    if (existing) existing.turns.push(turn);
    else wordings.set(key, { municipality: turn.municipality, text: turn.question, terms: questionTerms(turn.question), turns: [turn] });
  }
  // 2. Most frequent wording first: each joins the first group whose leading wording is similar.
  const ordered = [...wordings.values()].sort((a, b) => b.turns.length - a.turns.length || latestFirst(a.turns[0]!, b.turns[0]!));
  const groups: { lead: Wording; members: Wording[] }[] = [];
  for (const wording of ordered) {
    const group = groups.find((g) => g.lead.municipality === wording.municipality && jaccard(g.lead.terms, wording.terms) >= similarity);
    if (group) group.members.push(wording);
    else groups.push({ lead: wording, members: [wording] });
  }
  return groups
    .map(({ lead, members }) => {
      const all = members.flatMap((m) => m.turns).sort(latestFirst);
      return {
        municipality: lead.municipality,
        question: lead.text,
        count: all.length,
        variants: members.slice(1).map((m) => ({ text: m.text, count: m.turns.length })),
        notCovered: all.filter((t) => t.reason === 'not_covered').length,
        lowConfidence: all.filter((t) => t.reason === 'low_confidence').length,
        lastSeen: all[0]!.at,
        latest: all[0]!.conversation,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
}
