/**
 * What an archive keeps of an activity: the resident's words with personal identifiers masked
 * (national ID numbers, e-mail addresses, phone numbers, any other run of six or more digits),
 * and nothing of what the dialogs flagged as personal data (PERSONAL_DATA_FLAG) but a
 * placeholder. Every archive applies this before it writes, so no backend can store a raw message.
 *
 * The resident's activities keep an allow-list of fields: attachments, entities, names and any
 * channelData beyond the bot's own reply fields are the client's and may carry anything.
 */
import type { Activity, ChannelAccount, ConversationAccount, MessageReaction } from 'botbuilder';
import { redactNationalIds } from '../bot/nationalId';
import { PERSONAL_DATA_FLAG } from './types';

export const MASKS = {
  email: '[e-post]',
  phone: '[telefon]',
  number: '[tall]',
  personalData: '[personopplysning – lagret bare i henvendelsen]',
} as const;

/** The channelData fields kept from a resident's activity (the ones the bot's replies carry). */
const KEPT_CHANNEL_DATA = ['outcome', 'sources', 'municipality', 'language', 'confidence'] as const;

/** Characters of an address's local part (RFC 5322 atext and dots); the lookbehind starts a match at a run's beginning. */
const LOCAL = "[\\p{L}\\p{N}._%+!#$&'*/=?^`{|}~-]";
const EMAIL = new RegExp(`(?<!${LOCAL})${LOCAL}+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+`, 'gu');
/** "+47 912 34 567", "0046 70-123 45 67", "+1 (555) 123-4567": counted as a phone number from 7 digits. */
const INTERNATIONAL_PHONE = /(?:\+|(?<![\p{L}\p{N}])00)[ \u00a0]?\p{Nd}[\p{Nd} \u00a0.()-]*\p{Nd}/gu;
const MIN_INTERNATIONAL_DIGITS = 7;
/** A Norwegian number: eight digits from 2–9, grouped by spaces or dashes, not part of a longer digit run. */
const NORWEGIAN_PHONE = /(?<!\p{Nd}[ \u00a0\u202f.\-–/]?)[2-9]\p{Nd}(?:[ \u00a0-]?\p{Nd}){6}(?![ \u00a0\u202f.\-–/]?\p{Nd})/gu;
/** Six or more digits (any script), single spaces, dots, dashes or slashes between them allowed: "123 456", "12.03.1990". */
const DIGIT_RUN = /\p{Nd}(?:[ \u00a0\u202f.\-–/]?\p{Nd}){5,}/gu;

/** The text with national IDs, e-mail addresses, phone numbers and runs of 6+ digits replaced. */
export function maskText(text: string): string {
  const withoutEmails = text.replace(EMAIL, MASKS.email);
  return redactNationalIds(withoutEmails)
    .text.replace(INTERNATIONAL_PHONE, (match) => (countDigits(match) >= MIN_INTERNATIONAL_DIGITS ? MASKS.phone : match))
    .replace(NORWEGIAN_PHONE, MASKS.phone)
    // Last, so whatever the rules above left, no run of six digits survives.
    .replace(DIGIT_RUN, MASKS.number);
}

const countDigits = (text: string) => text.replace(/\P{Nd}/gu, '').length;

/** Whether the bot sent it; anything else (a missing role included) is treated as the resident's. */
export const isBotActivity = (activity: Partial<Activity>): boolean => activity.from?.role === 'bot';

export const isFlaggedPersonal = (activity: Partial<Activity>): boolean => {
  const data: unknown = activity.channelData;
  return isRecord(data) && data[PERSONAL_DATA_FLAG] === true;
};

/**
 * A copy of the activity as an archive may store it. The bot's own replies are kept whole (but
 * for the resident's name on them); the resident's are reduced to an allow-list and masked;
 * flagged activities, from either side, keep only a placeholder text.
 */
export function maskActivity(activity: Partial<Activity>): Partial<Activity> {
  const flagged = isFlaggedPersonal(activity);
  if (isBotActivity(activity) && !flagged) return { ...activity, ...accounts(activity) };
  const kept: Partial<Activity> = accounts(activity);
  for (const key of ENVELOPE) copyField(activity, kept, key);
  const channelData = keptChannelData(activity.channelData, flagged);
  if (channelData) kept.channelData = channelData;
  if (flagged) return { ...kept, text: MASKS.personalData };
  if (typeof activity.text === 'string') kept.text = maskText(activity.text);
  if (typeof activity.name === 'string') kept.name = maskText(activity.name);
  if (activity.value !== undefined) kept.value = maskValue(activity.value);
  if (activity.reactionsAdded) kept.reactionsAdded = reactions(activity.reactionsAdded);
  if (activity.reactionsRemoved) kept.reactionsRemoved = reactions(activity.reactionsRemoved);
  if (activity.membersAdded) kept.membersAdded = activity.membersAdded.map(account);
  if (activity.membersRemoved) kept.membersRemoved = activity.membersRemoved.map(account);
  return kept;
}

/** Fields of a resident's (or flagged) activity kept as they are: none can hold what they typed. */
const ENVELOPE = ['type', 'id', 'timestamp', 'channelId', 'serviceUrl', 'replyToId', 'locale', 'textFormat'] as const;

function copyField<K extends keyof Activity>(from: Partial<Activity>, to: Partial<Activity>, key: K): void {
  if (from[key] !== undefined) to[key] = from[key];
}

/** Strings masked, numbers of six or more digits replaced, structure kept; nesting beyond 20 levels dropped. */
export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'number') return Math.abs(value) >= 100_000 ? MASKS.number : value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, depth + 1)]));
  return value;
}

function keptChannelData(channelData: unknown, flagged: boolean): Record<string, unknown> | undefined {
  if (!isRecord(channelData)) return flagged ? { [PERSONAL_DATA_FLAG]: true } : undefined;
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_CHANNEL_DATA) {
    if (channelData[key] !== undefined) kept[key] = maskValue(channelData[key]);
  }
  if (flagged) kept[PERSONAL_DATA_FLAG] = true;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Accounts without the resident's name (Teams sends the real one) or directory ids; the bot's name stays. */
function accounts(activity: Partial<Activity>): Partial<Activity> {
  return {
    ...(activity.from && { from: account(activity.from) }),
    ...(activity.recipient && { recipient: account(activity.recipient) }),
    ...(activity.conversation && { conversation: conversation(activity.conversation) }),
  };
}

function account(a: ChannelAccount): ChannelAccount {
  return { id: a.id, name: a.role === 'bot' ? a.name : '', ...(a.role !== undefined && { role: a.role }) };
}

function conversation(c: ConversationAccount): ConversationAccount {
  return { id: c.id, name: '', isGroup: c.isGroup, conversationType: c.conversationType, ...(c.tenantId !== undefined && { tenantId: c.tenantId }) };
}

/** Reactions (👍/👎 on a reply) keep only their type. */
function reactions(list: MessageReaction[]): MessageReaction[] {
  return list.map((r) => ({ type: typeof r.type === 'string' ? maskText(r.type) : '' }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
