/**
 * Bench data, generated in memory from the real content: municipalities at national scale (357,
 * Norway's count) made from the five reviewed notices with their own identity, and a mix of
 * questions (the notices' question variants, some with typos, and off-topic ones).
 */
import { loadContent, type Content } from '../src/content/load';
import { municipalitySchema, type Contact, type Municipality } from '../src/content/schema';

/** Norway's municipalities since 2024. */
export const NATIONAL_COUNT = 357;

/** Deterministic PRNG (mulberry32): every run asks the same questions of the same municipalities. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const PREFIXES = [
  'Nord', 'Sør', 'Aust', 'Vest', 'Øvre', 'Nedre', 'Midt', 'Stor', 'Lille', 'Ny', 'Gamle', 'Indre', 'Ytre', 'Høg',
  'Lang', 'Kvit', 'Raud', 'Blå', 'Grøn', 'Sol', 'Fager', 'Berg', 'Dal', 'Eik', 'Bjørk', 'Furu', 'Elv', 'Sand', 'Stein', 'Mo',
];
const SUFFIXES = [
  'fjell', 'dal', 'vik', 'nes', 'øy', 'fjord', 'berg', 'heim', 'stad', 'sand', 'bø', 'land', 'strand', 'voll', 'haug',
  'lia', 'ås', 'eid', 'vær', 'bygd',
];
const FIRST_NAMES = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Sigrid', 'Nils', 'Astrid', 'Per', 'Marit', 'Knut', 'Solveig', 'Eirik', 'Ragnhild', 'Tor', 'Liv'];
const LAST_NAMES = ['Haugen', 'Berg', 'Dahl', 'Lie', 'Moen', 'Solberg', 'Strand', 'Bakken', 'Lund', 'Nygård', 'Vik', 'Aas', 'Hauge', 'Sæther', 'Myhre'];

/** "Nordfjell" → "nordfjell", "Grønøy" → "gronoy": ids are ASCII like the real ones. */
const toId = (name: string) => name.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a');

/** A fresh copy of a string, so that generated municipalities share no text with each other (as real ones would not). */
const fresh = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Identity {
  id: string;
  base: string;
  name: string;
  random: () => number;
}

/** Every string of a template that names the template municipality, mapped to the new one's. */
function replacements(template: Municipality, to: Identity): [RegExp, string][] {
  const pairs: [RegExp, string][] = [];
  const base = template.name.replace(/\s+kommune$/i, '');
  if (base.toLowerCase() !== 'kommunen') {
    const word = (w: string) => new RegExp(`(?<![\\p{L}])${escape(w)}(?![\\p{L}])`, 'gu');
    pairs.push([word(base), to.base], [word(base.toUpperCase()), to.base.toUpperCase()], [word(template.id), to.id]);
  }
  const phone = () => `${Math.floor(40 + to.random() * 59)} ${String(Math.floor(to.random() * 100)).padStart(2, '0')} ${String(Math.floor(to.random() * 100)).padStart(2, '0')} ${String(Math.floor(to.random() * 100)).padStart(2, '0')}`;
  const person = () => `${pick(to.random, FIRST_NAMES)} ${pick(to.random, LAST_NAMES)}`;
  const seen = new Set<string>();
  for (const contact of Object.values(template.contacts) as (Contact | undefined)[]) {
    if (!contact) continue;
    if (contact.phone && !seen.has(contact.phone)) {
      seen.add(contact.phone);
      pairs.push([new RegExp(escape(contact.phone), 'g'), phone()]);
    }
    if (contact.email && !seen.has(contact.email)) {
      seen.add(contact.email);
      pairs.push([new RegExp(escape(contact.email), 'g'), `${contact.email.split('@')[0]}@${to.id}.kommune.no`]);
    }
    // "Personvernombudet v/ Jon-Einar Aandal": the person named is another one here.
    const named = /v\/\s*(.+)$/.exec(contact.name)?.[1];
    if (named && !seen.has(named)) {
      seen.add(named);
      pairs.push([new RegExp(escape(named), 'g'), person()]);
    }
  }
  return pairs;
}

function rewrite(value: unknown, pairs: [RegExp, string][]): unknown {
  if (typeof value === 'string') return fresh(pairs.reduce((s, [from, to]) => s.replace(from, to), value));
  if (Array.isArray(value)) return value.map((v) => rewrite(v, pairs));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, pairs)]));
  return value;
}

/** `count` distinct names like "Nordfjell kommune", in a deterministic order. */
export function municipalityNames(count: number, random: () => number): string[] {
  const all = PREFIXES.flatMap((p) => SUFFIXES.map((s) => `${p}${s}`));
  if (count > all.length) throw new Error(`at most ${all.length} generated names`);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

export interface NationalContent {
  content: Content;
  /** The reviewed municipalities the generated ones were made from. */
  templates: Municipality[];
  /** Generated id → the template it was made from. */
  templateOf: Map<string, string>;
}

/**
 * `count` municipalities, each a real notice (round robin over the five) with a new id, name,
 * controller, URL, contact names, phones and e-mails, everywhere they occur in its text;
 * sections and question variants are the template's. Validated like content files.
 */
export function nationalContent(count = NATIONAL_COUNT, contentDir = 'content', seed = 357): NationalContent {
  const real = loadContent(contentDir);
  const random = rng(seed);
  const templates = real.municipalities;
  const templateOf = new Map<string, string>();
  const municipalities = municipalityNames(count, random).map((base, i) => {
    const template = templates[i % templates.length]!;
    const identity: Identity = { id: toId(base), base, name: `${base} kommune`, random };
    const m = rewrite(template, replacements(template, identity)) as Municipality;
    templateOf.set(identity.id, template.id);
    return municipalitySchema.parse({
      ...m,
      id: identity.id,
      name: identity.name,
      controller: template.controller === template.name || template.controller === 'Kommunen' ? identity.name : m.controller,
      url: `https://www.${identity.id}.kommune.no/personvern`,
    });
  });
  return { content: { municipalities, general: real.general }, templates, templateOf };
}

/** What a question is, for reporting latency by kind. */
export type QuestionKind = 'variant' | 'typo' | 'off_topic';

export interface BenchQuestion {
  municipality: string;
  text: string;
  kind: QuestionKind;
}

/** Not about privacy, or smalltalk: the classifier's early exits and out_of_scope path. */
export const OFF_TOPIC = [
  'Når går bussen til Bergen?', 'Kan du fortelje ein vits?', 'Hva blir været i morgen?', 'Korleis søkjer eg om byggeløyve?',
  'What is the capital of France?', 'Hvor kan jeg parkere ved rådhuset?', 'Kva kostar ein barnehageplass?', 'Når er biblioteket ope?',
  'Hvordan søker jeg om startlån?', 'Is the swimming pool open on Sundays?', 'Kor mykje er eigedomsskatten?', 'Hvem vant fotballkampen i går?',
  'Kan eg få hjelp med skattemeldinga?', 'When is the rubbish collected?', 'Hvordan bestiller jeg time hos fastlegen?', 'Hei!',
  'Takk for hjelpa', 'Hello, who are you?', 'Tusen takk!', 'Ha det bra', 'Er brua stengd i dag?', 'How do I apply for a building permit?',
  'Hvor mye koster kommunale avgifter?', 'Kva skjer på kulturhuset i helga?',
];

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq', e: 'wr', i: 'uo', o: 'ip', n: 'bm', r: 'et', s: 'ad', t: 'ry', l: 'kø', k: 'jl', g: 'fh', m: 'n', p: 'oå', d: 'sf', v: 'cb',
};

/** One or two typing errors in words of five letters or more: swapped, dropped, doubled or a neighbouring key. */
export function withTypos(text: string, random: () => number): string {
  const words = text.split(' ');
  const long = words.map((w, i) => (w.replace(/[^\p{L}]/gu, '').length >= 5 ? i : -1)).filter((i) => i >= 0);
  if (long.length === 0) return text;
  const errors = 1 + Math.floor(random() * 2);
  for (let e = 0; e < errors; e++) {
    const i = pick(random, long);
    const w = words[i]!;
    const at = 1 + Math.floor(random() * (w.length - 2));
    const kind = Math.floor(random() * 4);
    const c = w[at]!;
    if (kind === 0) words[i] = w.slice(0, at) + w[at + 1] + c + w.slice(at + 2);
    else if (kind === 1) words[i] = w.slice(0, at) + w.slice(at + 1);
    else if (kind === 2) words[i] = w.slice(0, at) + c + w.slice(at);
    else words[i] = w.slice(0, at) + pick(random, [...(KEYBOARD_NEIGHBOURS[c.toLowerCase()] ?? 'e')]) + w.slice(at + 1);
  }
  return words.join(' ');
}

export interface QuestionMix {
  count: number;
  /** Shares of typo'd variants and off-topic questions; the rest are variants as written. */
  typoShare: number;
  offTopicShare: number;
  seed: number;
}

export const defaultMix: QuestionMix = { count: 3000, typoShare: 0.25, offTopicShare: 0.15, seed: 42 };

/**
 * Questions from the templates' question variants (a template's own name replaced by the asked
 * municipality's), each to a random municipality.
 */
export function benchQuestions(national: NationalContent, mix: Partial<QuestionMix> = {}): BenchQuestion[] {
  const { count, typoShare, offTopicShare, seed } = { ...defaultMix, ...mix };
  const random = rng(seed);
  const variants = national.templates.flatMap((t) => {
    const base = t.name.replace(/\s+kommune$/i, '');
    const own = new RegExp(`(?<![\\p{L}])${escape(base)}(?![\\p{L}])`, 'gu');
    return t.sections.flatMap((s) => s.questions.map((q) => (base.toLowerCase() === 'kommunen' ? q : q.replace(own, '{name}'))));
  });
  const ids = national.content.municipalities.map((m) => m.id);
  const names = new Map(national.content.municipalities.map((m) => [m.id, m.name.replace(/\s+kommune$/, '')]));
  return Array.from({ length: count }, () => {
    const municipality = pick(random, ids);
    const roll = random();
    if (roll < offTopicShare) return { municipality, text: pick(random, OFF_TOPIC), kind: 'off_topic' as const };
    const text = pick(random, variants).replaceAll('{name}', names.get(municipality)!);
    return roll < offTopicShare + typoShare ? { municipality, text: withTypos(text, random), kind: 'typo' as const } : { municipality, text, kind: 'variant' as const };
  });
}
