/**
 * Reads a resident's answers inside a dialog: cancel, yes/no, which right, which kind of
 * "innsyn", and contact details. Words are matched after the term map (terms.ts) turns nynorsk
 * and English into bokmål, so one pattern serves all three languages.
 */
import { z } from 'zod';
import { REDACTED_ID } from '../bot/nationalId';
import { mentionedRight, RIGHTS, type Right } from '../knowledge/intents';
import { mappedWords, rawWords } from '../knowledge/normalise';
import type { ReplyTo } from '../requests/types';

/** "avbryt", "cancel", "stopp", "glem det": leave the dialog at any step. */
const CANCEL = /^(avbryt|avbrot|avbryte|cancel|stopp?|stop it|avslutt|quit|exit|glem det|gløym det|forget it|never mind|nevermind|drit i det)$/;

export function isCancel(text: string): boolean {
  return CANCEL.test(rawWords(text).join(' ').replace(/\b(takk|thanks|please|bare|berre|just)\b/g, '').trim());
}

const YES = /^(ja|jo|jepp|jau|japp|jada|yes|yeah|yep|yup|ok|okei|okay|sure|correct|riktig|stemmer|det stemmer|send|send den|send det|gjør det|gjer det|do it|go ahead)\b/;
const NO = /^(nei|nope|no|ikke|ikkje|ikke send|ikkje send|don't|do not|la være|la vere|nei takk|no thanks)\b/;

/** true for yes, false for no, undefined when the answer is neither. */
export function yesOrNo(text: string): boolean | undefined {
  const words = rawWords(text).join(' ');
  if (NO.test(words)) return false;
  if (YES.test(words)) return true;
  return undefined;
}

/** "3", "nr. 3", "the third": the resident picked a numbered choice. */
function choiceNumber(text: string, count: number): number | undefined {
  const match = /^(?:nr\.?\s*|nummer\s*|number\s*)?(\d{1,2})\.?$/i.exec(text.trim());
  const n = match ? Number(match[1]) : NaN;
  return n >= 1 && n <= count ? n - 1 : undefined;
}

function sameWords(a: string, b: string): boolean {
  return rawWords(a).join(' ') === rawWords(b).join(' ');
}

/** A right picked by button title, by number in the offered order, or named in the resident's words. */
export function recogniseRight(text: string, titles: Record<Right, string>): Right | undefined {
  const byTitle = RIGHTS.find((r) => sameWords(titles[r], text));
  if (byTitle) return byTitle;
  const n = choiceNumber(text, RIGHTS.length);
  if (n !== undefined) return RIGHTS[n];
  return mentionedRight(text) ?? rightByTitleWord(text, titles);
}

/** "begrensning", "avgrensing", "automated": the main word of a button title on its own. */
function rightByTitleWord(text: string, titles: Record<Right, string>): Right | undefined {
  const words = rawWords(text);
  if (words.length > 3) return undefined;
  return RIGHTS.find((r) => rawWords(titles[r]).some((w) => w.length > 4 && words.includes(w)));
}

/**
 * "Innsyn" covers three different things in Norwegian: GDPR access to one's own data (Art. 15),
 * partsinnsyn in one's own case (forvaltningsloven § 18) and public records (offentleglova).
 */
export const INNSYN_KINDS = ['gdpr', 'party', 'public'] as const;
export type InnsynKind = (typeof INNSYN_KINDS)[number];

const INNSYN_WORD = /\binnsyn\w*/;
const INNSYN_CUES: Record<InnsynKind, RegExp> = {
  gdpr: /\b(personopplysning\w*|opplysning\w*|data|informasjon\w*|registrert|lagret|gdpr|personvern\w*|(om|about|on) (jeg|meg|me)|art(ikkel)? 15|kopi\w*|(hva|alt) (dere|de|vi|you) har)\b/,
  party: /\b(partsinnsyn|sak|saken|saka|saker|sakene|saksdokument\w*|vedtak\w*|byggesak\w*|case|klagesak\w*|forvaltningslov\w*)\b/,
  public: /\b(offentlig\w*|offentleg\w*|postliste\w*|postlista|postjournal\w*|einnsyn|journal(en)?|public|møtebok\w*|dokument(er|a|ene)?)\b/,
};

/** Which innsyn the words say; undefined when they do not settle it. */
export function innsynKindIn(text: string): InnsynKind | undefined {
  const mapped = mappedWords(text).join(' ');
  const found = INNSYN_KINDS.filter((k) => INNSYN_CUES[k].test(mapped));
  // "Innsyn i opplysningene om meg i saken min" is about the resident's own data: GDPR access covers it.
  if (found.includes('gdpr')) return 'gdpr';
  return found.length === 1 ? found[0] : undefined;
}

/** For a request that says "innsyn": which kind, or 'ask' when the words do not settle it; undefined without the word. */
export function innsynMeant(text: string): InnsynKind | 'ask' | undefined {
  if (!INNSYN_WORD.test(mappedWords(text).join(' '))) return undefined;
  return innsynKindIn(text) ?? 'ask';
}

export function recogniseInnsynKind(text: string, titles: Record<InnsynKind, string>): InnsynKind | undefined {
  const byTitle = INNSYN_KINDS.find((k) => sameWords(titles[k], text));
  if (byTitle) return byTitle;
  const n = choiceNumber(text, INNSYN_KINDS.length);
  return n !== undefined ? INNSYN_KINDS[n] : innsynKindIn(text);
}

const email = z.email({ pattern: z.regexes.unicodeEmail });
/** Norwegian numbers: 8 digits, optionally +47/0047; foreign ones: + and 7–15 digits. */
const NORWEGIAN_PHONE = /^(?:(?:\+|00)47)?([2-9]\d{7})$/;
const FOREIGN_PHONE = /^(?:\+|00)([1-9]\d{6,14})$/;

/** An e-mail address or phone number, normalised; undefined when the text is neither. */
export function recogniseReplyTo(text: string): ReplyTo | undefined {
  return parseReplyTo(text) ?? replyToInSentence(text);
}

function parseReplyTo(text: string): ReplyTo | undefined {
  const trimmed = text.trim().replace(/[.,;:!]$/, '');
  if (email.safeParse(trimmed).success && /@[^@]+\.[^@.]{2,}$/.test(trimmed)) return { method: 'email', address: trimmed.toLowerCase() };
  const digits = trimmed.replace(/[\s().-]/g, '');
  const norwegian = NORWEGIAN_PHONE.exec(digits);
  if (norwegian) return { method: 'phone', address: norwegian[1]!.replace(/^(\d{3})(\d{2})(\d{3})$/, '$1 $2 $3') };
  const foreign = FOREIGN_PHONE.exec(digits);
  return foreign ? { method: 'phone', address: `+${foreign[1]}` } : undefined;
}

const EMAIL_IN_TEXT = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[^\s<>()"',;:]+/g;
const PHONE_IN_TEXT = /(?:\+|00)?\d[\d ().-]{6,18}\d/g;

/** "Send svar til kari@døme.no takk", "ring meg på 912 34 567": exactly one address or number in a sentence. */
function replyToInSentence(text: string): ReplyTo | undefined {
  const found = [...(text.match(EMAIL_IN_TEXT) ?? []), ...(text.match(PHONE_IN_TEXT) ?? [])]
    .map(parseReplyTo)
    .filter((r): r is ReplyTo => r !== undefined);
  return found.length === 1 ? found[0] : undefined;
}

const NAME = /^[\p{L}][\p{L}\p{M}'’. -]{1,99}$/u;

/** A person's name: letters, spaces, hyphens and apostrophes; never a number. */
export function isName(text: string): boolean {
  const trimmed = text.trim();
  return NAME.test(trimmed) && /\p{L}.*\p{L}/u.test(trimmed) && !trimmed.includes(REDACTED_ID);
}

export const MIN_FREE_TEXT = 3;
export const MAX_FREE_TEXT = 2000;

export function isFreeText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= MIN_FREE_TEXT && trimmed.length <= MAX_FREE_TEXT && /\p{L}/u.test(trimmed);
}
