/**
 * The searchable knowledge: one MiniSearch index per municipality over its notice's sections
 * (questions weighted above titles above text) and one over the general GDPR entries. A search
 * never crosses municipalities, so another kommune's facts cannot surface.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Content } from '../content/load';
import type { GeneralEntry, Language, Municipality, Section } from '../content/schema';
import { Analyser, type AnalysedWord, mappedWords, stem } from './normalise';
import { PackedMiniSearch } from './packedIndex';

export interface SearchOptions {
  /** Field weights: question variants are the strongest signal. */
  boost: { questions: number; title: number; text: number };
  /** Edit distance as a share of term length, for typos; only for terms of `fuzzyMinLength`+. */
  fuzzy: number;
  fuzzyMinLength: number;
  /** Prefix matching for terms of this length or longer ("slett" → "sletting"). */
  prefixMinLength: number;
  /** Weight of a question word that occurs nowhere in the content (see idf). */
  unknownWordWeight: number;
}

export const defaultSearchOptions: SearchOptions = {
  boost: { questions: 3, title: 2, text: 1 },
  fuzzy: 0.2,
  fuzzyMinLength: 5,
  prefixMinLength: 5,
  unknownWordWeight: 1.5,
};

/** A ranked hit with how much of the question it covers (0–1, weighted by term rarity). */
export interface Hit<T> {
  item: T;
  score: number;
  coverage: number;
  /** Question terms that matched, exactly, by prefix or fuzzily. */
  matchedStems: Set<string>;
  /** The index terms they matched. */
  matchedTerms: Set<string>;
}

interface Doc {
  id: string;
  questions: string;
  title: string;
  text: string;
}

const FIELDS = ['questions', 'title', 'text'] as const;
/** "bruker dere X", "brukar kommunen X", "do you use X", "uses X": the capitalised X. */
const USES_NAME = /\b(?:[Bb]ruk(?:er|ar|e)|[Nn]ytt(?:er|ar)|[Bb]enytt(?:er|ar)|[Uu]ses?|[Uu]sing)\s+(?:(?:dere|de|dykk|kommunen|you|the municipality)\s+)?(\p{Lu}[\p{L}\d]{2,})/gu;
/** A capitalised word after a lower-case one: a name inside a sentence, not its first word. */
const PROPER_NAME = /(?<=\p{Ll}[,]? )\p{Lu}[\p{L}]{2,}/gu;

export class KnowledgeBase {
  readonly analyser: Analyser;
  private readonly municipalities = new Map<string, { municipality: Municipality; sections: Map<string, Section>; index: MiniSearch<Doc> }>();
  private readonly general: { entries: Map<string, GeneralEntry>; index: MiniSearch<Doc> };
  private readonly documentFrequency = new Map<string, number>();
  private documentCount = 0;
  private readonly nameStems: Set<string>;
  private readonly properNames: Set<string>;
  private readonly options: SearchOptions;

  constructor(content: Content, options: Partial<SearchOptions> = {}) {
    this.options = { ...defaultSearchOptions, ...options };
    const docsByIndex = [
      ...content.municipalities.map((m) => m.sections.map(sectionDoc)),
      content.general.entries.map(generalDoc),
    ];
    this.analyser = new Analyser(Analyser.vocabularyOf(docsByIndex.flat().map(docText)));
    this.nameStems = new Set(
      content.municipalities.flatMap((m) => this.analyser.analyse(`${m.id} ${m.name.replace(/\bkommunen?\b/gi, '')}`).map((w) => w.stem)),
    );
    for (const doc of docsByIndex.flat()) this.countDocument(doc);
    // The general GDPR knowledge holds what every municipality shares: the law's own names (the
    // supervisory authority, the EEA, the country) are vocabulary there, not a product or supplier
    // that one notice may name and another not.
    const sharedWords = new Set(
      content.general.entries.flatMap((e) => (['nb', 'nn', 'en'] as const).flatMap((l) => this.analyser.analyse(`${e.title[l]} ${e.text[l]}`).map((w) => w.stem))),
    );
    this.properNames = properNamesOf(
      content.municipalities.flatMap((m) => m.sections.map((s) => s.text)), this.analyser, new Set([...this.nameStems, ...sharedWords]),
    );

    // Edge labels of the indexes' radix trees, interned: fragments of words that recur in every notice.
    const labels = new Map<string, string>();
    content.municipalities.forEach((municipality, i) => {
      const sections = new Map(municipality.sections.map((s) => [s.id, s]));
      this.municipalities.set(municipality.id, { municipality, sections, index: this.buildIndex(docsByIndex[i]!, labels) });
    });
    this.general = {
      entries: new Map(content.general.entries.map((e) => [e.id, e])),
      index: this.buildIndex(docsByIndex[docsByIndex.length - 1]!, labels),
    };
  }

  /**
   * A tool or service the question asks whether the municipality uses ("Bruker dere Hotjar?",
   * "Do you use Matomo?") that no notice names at all: no section can be about it, whatever else
   * the question shares with one. Only capitalised names right after "use"-verbs count, so
   * places ("Eg flyttar til Bergen") and Norwegian words written with a capital stay ordinary.
   */
  unknownToolIn(text: string): string | undefined {
    for (const match of text.matchAll(USES_NAME)) {
      const name = match[1]!;
      const known = mappedWords(name).some((w) => this.documentFrequency.has(stem(w)) || this.nameStems.has(stem(w)));
      if (!known) return name;
    }
    return undefined;
  }

  /** Whether a stem is (part of) a municipality's name: "Sveio" in a question is no content word. */
  isMunicipalityName(stem: string): boolean {
    return this.nameStems.has(stem);
  }

  /** Whether a stem is a proper name somewhere in the notices: a product, supplier or agency ("Google", "Telia"). */
  isProperName(stem: string): boolean {
    return this.properNames.has(stem);
  }

  municipalityIds(): string[] {
    return [...this.municipalities.keys()];
  }

  municipality(id: string): Municipality | undefined {
    return this.municipalities.get(id)?.municipality;
  }

  /**
   * Rarity weight of a stem across all content. A word no notice uses at all ("stuff", "ting",
   * a typo) weighs like a common word: it cannot be matched, and is more often filler than the
   * point of the question.
   */
  idf(stem: string): number {
    const df = this.documentFrequency.get(stem);
    if (df === undefined) return this.options.unknownWordWeight;
    return Math.log(1 + (this.documentCount + 1) / (1 + df));
  }

  /** Ranked hits, best first; `limit` the best only (the classifier weighs five: coverage is not worked out for the rest). */
  searchSections(municipalityId: string, question: AnalysedWord[], limit = Infinity): Hit<Section>[] {
    const entry = this.municipalities.get(municipalityId);
    if (!entry) throw new Error(`KnowledgeBase: unknown municipality "${municipalityId}"`);
    return this.search(entry.index, question, limit).map((r) => ({ ...r, item: entry.sections.get(r.id)! }));
  }

  searchGeneral(question: AnalysedWord[], limit = Infinity): Hit<GeneralEntry>[] {
    return this.search(this.general.index, question, limit).map((r) => ({ ...r, item: this.general.entries.get(r.id)! }));
  }

  /** Share of the question's weight that a set of matched stems covers; compounds count by their parts. */
  coverage(question: AnalysedWord[], matched: ReadonlySet<string>): number {
    let total = 0;
    let covered = 0;
    for (const word of question) {
      const weight = this.idf(word.stem) * (word.weight ?? 1);
      total += weight;
      if (matched.has(word.stem) || word.synonyms.some((s) => matched.has(s))) covered += weight;
      else if (word.parts.length) covered += (weight * word.parts.filter((p) => matched.has(p)).length) / word.parts.length;
    }
    return total === 0 ? 0 : covered / total;
  }

  private search(index: MiniSearch<Doc>, question: AnalysedWord[], limit: number): (Omit<Hit<unknown>, 'item'> & { id: string })[] {
    const terms = [...new Set(question.flatMap(searchTerms))];
    if (terms.length === 0) return [];
    // A term weighs as much as the weightiest question word searching for it.
    const termWeights = new Map<string, number>();
    for (const word of question) {
      if (word.weight === undefined) continue;
      for (const t of searchTerms(word)) termWeights.set(t, Math.max(termWeights.get(t) ?? 0, word.weight));
    }
    for (const word of question) if (word.weight === undefined) for (const t of searchTerms(word)) termWeights.delete(t);
    const { fuzzy, fuzzyMinLength, prefixMinLength, boost } = this.options;
    // Typos are in the resident's own words; a synonym or compound part matched fuzzily is noise.
    const typed = new Set(question.map((w) => w.stem));
    const results: SearchResult[] = index.search(terms.join(' '), {
      boost,
      ...(termWeights.size ? { boostTerm: (term: string) => termWeights.get(term) ?? 1 } : {}),
      fuzzy: (term) => (typed.has(term) && term.length >= fuzzyMinLength ? fuzzy : false),
      prefix: (term) => term.length >= prefixMinLength,
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
    });
    return results.slice(0, limit).map((r) => {
      const matchedStems = new Set(r.queryTerms);
      return { id: String(r.id), score: r.score, coverage: this.coverage(question, matchedStems), matchedStems, matchedTerms: new Set(r.terms) };
    });
  }

  private buildIndex(docs: Doc[], labels: Map<string, string>): MiniSearch<Doc> {
    const index = new PackedMiniSearch<Doc>({
      fields: [...FIELDS],
      storeFields: [],
      tokenize: (text) => [text],
      processTerm: (text) => this.analyser.terms(text),
    });
    index.addAll(docs);
    // Packed one at a time, so that only one index's Maps exist at once (see packedIndex.ts).
    index.pack(labels);
    return index;
  }

  private countDocument(doc: Doc): void {
    this.documentCount++;
    for (const term of new Set(this.analyser.terms(docText(doc)))) {
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }
}

/**
 * Stems of words the notices always write with a capital letter and use inside sentences: names
 * of products, suppliers and agencies ("Google", "Telia", "Skatteetaten"), not capitalised
 * sentence or bullet starts.
 */
function properNamesOf(texts: string[], analyser: Analyser, exclude: ReadonlySet<string>): Set<string> {
  const capitalised = new Set<string>();
  const lowerCase = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(PROPER_NAME)) capitalised.add(match[0].toLowerCase());
    for (const word of text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}]*/gu) ?? []) lowerCase.add(word);
  }
  // Words the term map rewrites ("Analytics" → analyse, "Privacy" → personvern) are vocabulary, not names.
  const stems = [...capitalised]
    .filter((w) => !lowerCase.has(w))
    .flatMap((w) => analyser.analyse(w).filter((a) => a.word === w).map((a) => a.stem));
  return new Set(stems.filter((s) => !exclude.has(s)));
}

/** Everything a question word searches for: itself, its synonyms and its compound parts. */
export function searchTerms(word: AnalysedWord): string[] {
  return [word.stem, ...word.synonyms, ...word.parts];
}

function sectionDoc(s: Section): Doc {
  return { id: s.id, questions: s.questions.join('\n'), title: s.title, text: s.text };
}

function generalDoc(e: GeneralEntry): Doc {
  const languages: Language[] = ['nb', 'nn', 'en'];
  return {
    id: e.id,
    questions: e.questions.join('\n'),
    title: languages.map((l) => e.title[l]).join('\n'),
    text: languages.map((l) => e.text[l]).join('\n'),
  };
}

function docText(doc: Doc): string {
  return `${doc.questions}\n${doc.title}\n${doc.text}`;
}
