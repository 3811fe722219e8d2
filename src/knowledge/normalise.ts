/**
 * Text → normalised terms, the same way for indexed sections and residents' questions:
 * NFC and lower case, the reviewed term map (nynorsk/English → bokmål), stop words removed,
 * Snowball Norwegian stemming, and compound splitting against the corpus vocabulary so that
 * "sporingsverktøy" also meets "verktøy" and "analyseverktøyet" also meets "analyse".
 */
import { stemmer } from '@orama/stemmers/norwegian';
import { KINDS, PHRASES, SPLIT_PHRASES, STEM_OVERRIDES, STOPWORDS, SYNONYMS, WORDS } from './terms';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const MAX_PHRASE_WORDS = 3;
const MIN_COMPOUND_LENGTH = 10;
/** Spelling is corrected for stems this long; two edits allowed from LONG_WORD on. */
const MIN_CORRECTABLE = 6;
const LONG_WORD = 12;
const MIN_PART = 4;

/** Lower-case words of a text, hyphenated forms joined ("e-post" → "epost", "IP-adresse" → "ipadresse"). */
export function rawWords(text: string): string[] {
  const joined = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/(\p{L})-(\p{L})/gu, '$1$2')
    .replace(/(\p{L})['’]s\b/gu, '$1'); // English possessive: "Sveio's" → "sveio"
  return joined.match(WORD) ?? [];
}

/*
 * Performance (see bench/): the term map as Maps, and the words phrases start with, so that a word
 * no phrase starts with costs one Set lookup instead of building and looking up its two- and
 * three-word continuations. Same mapping as looking the joined words up in PHRASES and WORDS.
 */
const PHRASE_MAP: ReadonlyMap<string, string> = new Map(Object.entries(PHRASES));
const PHRASE_FIRST_WORDS: ReadonlySet<string> = new Set(Object.keys(PHRASES).map((p) => p.split(' ')[0]!));
const WORD_MAP: ReadonlyMap<string, string> = new Map(Object.entries(WORDS));
const SPLIT_MAP: ReadonlyMap<string, [string, string]> = new Map(Object.entries(SPLIT_PHRASES));
/** Words an object between a verb and its particle may have ("pass all my personal details on"). */
const MAX_SPLIT_GAP = 4;

/** Applies PHRASES (longest first) and WORDS, so every word is in its bokmål form. */
export function mappedWords(text: string): string[] {
  const words = rawWords(text);
  joinSplitPhrases(words);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let consumed = 1;
    let replacement: string | undefined;
    const word = words[i]!;
    if (PHRASE_FIRST_WORDS.has(word)) {
      for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 2; n--) {
        const phrase = PHRASE_MAP.get(words.slice(i, i + n).join(' '));
        if (phrase) {
          replacement = phrase;
          consumed = n;
          break;
        }
      }
    }
    const mapped = replacement ?? WORD_MAP.get(word) ?? word;
    if (mapped.includes(' ')) out.push(...mapped.split(' '));
    else out.push(mapped);
    i += consumed;
  }
  return out;
}

/**
 * "pass my details on" → "dele my details": a verb whose particle follows its object is replaced as
 * the joined phrase would be, and the particle dropped (in place).
 */
function joinSplitPhrases(words: string[]): void {
  for (let i = 0; i < words.length; i++) {
    const split = SPLIT_MAP.get(words[i]!);
    if (!split) continue;
    const [particle, replacement] = split;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + 1 + MAX_SPLIT_GAP); j++) {
      if (words[j] !== particle) continue;
      words[i] = replacement;
      words.splice(j, 1);
      break;
    }
  }
}

/** Stems by word: Snowball is pure, and the same words recur in every notice and question. Cleared when full. */
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_SIZE = 100_000;

export const stem = (word: string): string => {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    s = STEM_OVERRIDES.find(([prefix]) => word.startsWith(prefix))?.[1] ?? stemmer(word);
    if (STEM_CACHE.size >= STEM_CACHE_SIZE) STEM_CACHE.clear();
    STEM_CACHE.set(word, s);
  }
  return s;
};

/** Content words of a text in bokmål form, stop words removed. */
export function contentWords(text: string): string[] {
  return mappedWords(text).filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
}

/** One content word of a question: its stem, its synonyms' stems and, for a compound, its parts' stems. */
export interface AnalysedWord {
  word: string;
  stem: string;
  synonyms: string[];
  parts: string[];
  /** Stems of the categories the word belongs to ("sjukemelding" → health data), also among `synonyms`. */
  kinds?: string[];
  /**
   * How much the word counts, besides its rarity: 1 unless said otherwise; less for a word of the
   * story a resident tells before the question (see Classifier).
   */
  weight?: number;
}

/** Stem → the stems of its synonym group (SYNONYMS), itself excluded. */
const SYNONYMS_BY_STEM: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const group of SYNONYMS) {
    const stems = new Set(group.map((w) => stem(w)));
    for (const s of stems) map.set(s, new Set([...(map.get(s) ?? []), ...stems]));
  }
  return new Map([...map].map(([s, group]) => [s, [...group].filter((g) => g !== s)]));
})();

/** Stem of an everyday word → the stems of the categories it belongs to (KINDS). */
const KINDS_BY_STEM: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [category, words] of Object.entries(KINDS)) {
    const c = stem(category);
    for (const w of words) map.set(stem(w), [...new Set([...(map.get(stem(w)) ?? []), c])]);
  }
  return map;
})();

/** The category stems a stem belongs to ("legeattest" → "helseopplysning"), [] for none. */
export function kindsOf(s: string): string[] {
  return KINDS_BY_STEM.get(s) ?? [];
}

/**
 * Normalises terms against a vocabulary of stems (the whole corpus), which compound splitting
 * needs to know which parts are real words.
 */
export class Analyser {
  private readonly splitCache = new Map<string, string[]>();
  private readonly correctionCache = new Map<string, string>();
  /** The vocabulary by stem length, for corrections (built on first use). */
  private vocabularyByLength?: Map<number, string[]>;

  constructor(private readonly vocabulary: ReadonlySet<string>) {}

  /** Builds the vocabulary from texts (plain stems, no splitting). */
  static vocabularyOf(texts: Iterable<string>): Set<string> {
    const vocabulary = new Set<string>();
    for (const text of texts) for (const w of contentWords(text)) vocabulary.add(stem(w));
    return vocabulary;
  }

  analyse(text: string): AnalysedWord[] {
    return contentWords(text).map((word) => {
      const plain = stem(word);
      const s = this.corrected(plain);
      const synonyms = SYNONYMS_BY_STEM.get(s) ?? [];
      const plainKinds = kindsOf(plain);
      const kinds = plainKinds.length ? plainKinds : kindsOf(s);
      if (kinds.length === 0) return { word, stem: s, synonyms, parts: this.compoundParts(word) };
      return { word, stem: s, synonyms: [...new Set([...synonyms, ...kinds])], parts: this.compoundParts(word), kinds };
    });
  }

  /** Index terms for a text: every stem plus the stems of compound parts. */
  terms(text: string): string[] {
    // analyse(text).flatMap((a) => [a.stem, ...a.parts]) without the objects: it indexes every notice.
    const terms: string[] = [];
    for (const word of contentWords(text)) {
      terms.push(this.corrected(stem(word)));
      for (const part of this.compoundParts(word)) terms.push(part);
    }
    return terms;
  }

  /**
   * A stem no content uses, replaced by the one known stem within a small edit distance
   * ("infomasjonskapsl" → "informasjonskapsl"); kept as it is when none or several are that close.
   */
  corrected(s: string): string {
    if (s.length < MIN_CORRECTABLE || this.vocabulary.has(s) || /\d/.test(s)) return s;
    const cached = this.correctionCache.get(s);
    if (cached !== undefined) return cached;
    const limit = s.length >= LONG_WORD ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    let ties = 0;
    // Only stems within `limit` of its length can be that close. The result does not depend on
    // the order stems are tried in: it is the one stem at the smallest distance, or none.
    const byLength = (this.vocabularyByLength ??= lengthBuckets(this.vocabulary));
    for (let length = s.length - limit; length <= s.length + limit; length++) {
      for (const known of byLength.get(length) ?? []) {
        const d = editDistance(s, known, limit);
        if (d < bestDistance) {
          best = known;
          bestDistance = d;
          ties = 0;
        } else if (d === bestDistance) ties++;
      }
    }
    const result = best !== undefined && ties === 0 ? best : s;
    this.correctionCache.set(s, result);
    return result;
  }

  /** The two stems of a compound whose parts are both known words, or [] ("sporingsverktøy" → sporing, verktøy). */
  compoundParts(word: string): string[] {
    if (word.length < MIN_COMPOUND_LENGTH || /\d/.test(word)) return [];
    const cached = this.splitCache.get(word);
    if (cached) return cached;
    let best: string[] = [];
    // Prefer the longest known head (right part): Norwegian compounds put the head last.
    for (let i = MIN_PART; i <= word.length - MIN_PART && best.length === 0; i++) {
      const right = stem(word.slice(i));
      if (right.length < MIN_PART || !this.vocabulary.has(right)) continue;
      const left = word.slice(0, i);
      const candidates = [left, left.replace(/[se]$/, '')].filter((l) => l.length >= MIN_PART);
      const known = candidates.map(stem).find((l) => this.vocabulary.has(l) && !STOPWORDS.has(l));
      if (known) best = [known, right];
    }
    this.splitCache.set(word, best);
    return best;
  }
}

function lengthBuckets(words: Iterable<string>): Map<number, string[]> {
  const buckets = new Map<number, string[]>();
  for (const w of words) {
    const bucket = buckets.get(w.length);
    if (bucket) bucket.push(w);
    else buckets.set(w.length, [w]);
  }
  return buckets;
}

/** Two reused rows: a correction compares a word with a few hundred stems. */
let rowA = new Int32Array(32);
let rowB = new Int32Array(32);

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = c === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
