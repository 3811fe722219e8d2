/** Small text helpers of the content lint: sentences, pattern matching, normalising. */

/**
 * A text pattern: one regular expression, or several that must all match the same sentence
 * (e.g. [/klag/, /Datatilsynet/]: a sentence about complaining *to Datatilsynet*).
 */
export type SentencePattern = RegExp | readonly RegExp[];

/** A sentence of a section: its title (a heading is a sentence of its own) or one of its text's. */
export interface Sentence {
  text: string;
  inTitle: boolean;
}

/**
 * Splits text into sentences: every line is one or more sentences (bullet points and address
 * lines stay separate), and a line is split after . ! ? when the next word starts with a capital
 * letter or a quote, so "f.eks. ved", "nr. 1" and "jf. artikkel" do not split.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[«"“\p{Lu}])/u))
    .map((s) => s.replace(/^\s*[•·\-–*]\s*/u, '').trim())
    .filter((s) => s.length > 0);
}

export function sectionSentences(section: { title: string; text: string }): Sentence[] {
  return [{ text: section.title.trim(), inTitle: true }, ...splitSentences(section.text).map((text) => ({ text, inTitle: false }))];
}

export function matchesPattern(sentence: string, pattern: SentencePattern): boolean {
  const all: readonly RegExp[] = pattern instanceof RegExp ? [pattern] : pattern;
  // A global or sticky expression keeps state between calls; use a fresh copy of those.
  return all.length > 0 && all.every((re) => (re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re).test(sentence));
}

export function matchesAny(sentence: string, patterns: readonly SentencePattern[]): boolean {
  return patterns.some((p) => matchesPattern(sentence, p));
}

/** A quote for the report: whitespace collapsed, at most `max` characters. */
export function shorten(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** For comparing question variants: NFC, lower case, punctuation and symbols ignored. */
export function normaliseQuestion(question: string): string {
  return question
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** ASCII form of a Norwegian name for comparing with a domain: "Bjørnafjorden" → "bjornafjorden". */
export function asciiFold(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  const variants = [
    lower.replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a'),
    lower.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa'),
  ];
  return [...new Set(variants.map((v) => v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')))];
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
