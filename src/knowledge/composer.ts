/**
 * Picks the passage of a section that answers a question: the sentences (or a lead sentence with
 * its bullet list) sharing most weighted terms with it, in the notice's own order and wording,
 * plus the citation. Rendering it in the resident's language is the bot's job.
 */
import type { Municipality, Section } from '../content/schema';
import type { KnowledgeBase } from './knowledgeBase';
import type { AnalysedWord } from './normalise';

export interface ComposerOptions {
  /** Sections up to this length are quoted whole (as long as the longest passage: a section that fits is not cut). */
  wholeSectionChars: number;
  /** Upper bound for a quoted passage (one unit is always kept, however long). */
  maxPassageChars: number;
  /** A further unit is added when it scores at least this share of the best one. */
  relatedUnitShare: number;
}

export const defaultComposerOptions: ComposerOptions = {
  wholeSectionChars: 650,
  maxPassageChars: 650,
  relatedUnitShare: 0.5,
};

export interface Citation {
  sectionId: string;
  title: string;
  url?: string;
}

/** What the question asks for besides its words, as the classifier read it. */
export interface QuestionAsks {
  /**
   * The word a "Hvilke …", "Kva slags …", "What kind of …" question asks about: such a question
   * wants the things listed, so a list that answers it is quoted whole, not only the items that
   * repeat the question's words.
   */
  focus?: AnalysedWord;
}

export interface ComposedAnswer {
  passage: string;
  citation: Citation;
}

const BULLET = /^\s*[•·*\-–]\s*/;
/** A unit that is a bullet (passageUnits writes them with "• "). */
const BULLET_UNIT = /^• /;
/** A sentence that only makes sense after the one before it ("Det kan vere til dømes NAV …"). */
const CONTINUATION = /^(det|dette|den|desse|disse|dei|de|slike|sånne|til dømes|for eksempel|eksempel|døme|dømes|e\.g\.|such|these|this)\b/i;
const MIN_PREFIX_MATCH = 5;

/** A sentence or a bullet of a section; a bullet knows the sentence that leads its list in. */
export interface PassageUnit {
  text: string;
  lead?: number;
}

/** Sentences and bullets of a section, in order. */
export function passageUnits(text: string): PassageUnit[] {
  const units: PassageUnit[] = [];
  let lead: number | undefined;
  for (const paragraph of text.split(/\n\s*\n/)) {
    for (const line of paragraph.split('\n').map((l) => l.trim()).filter(Boolean)) {
      if (BULLET.test(line)) {
        units.push({ text: `• ${line.replace(BULLET, '')}`, lead });
        continue;
      }
      for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-ZÆØÅ«"0-9])/).filter(Boolean)) {
        units.push({ text: sentence });
        // The sentence right before a list introduces it, whether it ends in ":" ("… følgande
        // opplysningar:") or not ("Under er ei liste over type opplysningar som … blir behandla.").
        lead = units.length - 1;
      }
    }
  }
  return units;
}

/** Each unit's list (see AnalysedSection): a lead with its bullets, or a run of bullets no sentence leads. */
function listsOf(units: PassageUnit[]): (readonly number[] | undefined)[] {
  const lists: (number[] | undefined)[] = units.map(() => undefined);
  let leadless: number[] | undefined;
  units.forEach((unit, i) => {
    if (!BULLET_UNIT.test(unit.text)) {
      leadless = undefined;
      return;
    }
    const list = unit.lead === undefined ? (leadless ??= []) : (lists[unit.lead] ??= [unit.lead]);
    list.push(i);
    lists[i] = list;
  });
  return lists;
}

function matches(term: string, stem: string): boolean {
  if (term === stem) return true;
  return term.length >= MIN_PREFIX_MATCH && stem.length >= MIN_PREFIX_MATCH && (term.startsWith(stem) || stem.startsWith(term));
}

/** A section's units and each unit's index terms, worked out once: the content does not change. */
interface AnalysedSection {
  units: PassageUnit[];
  terms: string[][];
  /** For a unit in a list (a bullet, or the sentence leading bullets): the list's units, lead first. */
  lists: (readonly number[] | undefined)[];
}
/** Sections kept analysed; emptied when full (bounded memory at national scale, where most are never asked about). */
const ANALYSED_SECTIONS = 2_000;

export class Composer {
  private readonly options: ComposerOptions;
  private readonly analysed = new Map<Section, AnalysedSection>();

  constructor(private readonly knowledge: KnowledgeBase, options: Partial<ComposerOptions> = {}) {
    this.options = { ...defaultComposerOptions, ...options };
  }

  compose(municipality: Municipality, section: Section, question: AnalysedWord[], asks: QuestionAsks = {}): ComposedAnswer {
    const citation: Citation = { sectionId: section.id, title: section.title, ...(municipality.url ? { url: municipality.url } : {}) };
    const analysed = this.analysedSection(section);
    const { units } = analysed;
    const chosen = section.text.length <= this.options.wholeSectionChars ? units.map((_, i) => i) : this.selectUnits(analysed, question, asks);
    return { passage: chosen.map((i) => units[i]!.text).join('\n'), citation };
  }

  private analysedSection(section: Section): AnalysedSection {
    let analysed = this.analysed.get(section);
    if (!analysed) {
      const units = passageUnits(section.text.trim());
      analysed = { units, terms: units.map((unit) => [...new Set(this.knowledge.analyser.terms(unit.text))]), lists: listsOf(units) };
      if (this.analysed.size >= ANALYSED_SECTIONS) this.analysed.clear();
      this.analysed.set(section, analysed);
    }
    return analysed;
  }

  /** Indexes of the units to quote, in document order. */
  private selectUnits({ units, terms: unitTerms, lists }: AnalysedSection, question: AnalysedWord[], asks: QuestionAsks): number[] {
    const scores = unitTerms.map((terms) => {
      const occurs = (s: string) => terms.some((t) => matches(t, s));
      // Each question word scores by its rarity: fully when it or a synonym occurs, in part for
      // the parts of a compound that occur ("telefonsamtale" shares only "telefon" with "telefonnummer").
      return question.reduce((sum, w) => {
        const share = [w.stem, ...w.synonyms].some(occurs) ? 1 : w.parts.length ? w.parts.filter(occurs).length / w.parts.length : 0;
        return sum + share * this.knowledge.idf(w.stem) * (w.weight ?? 1);
      }, 0);
    });
    const best = Math.max(...scores);
    const chosen = new Set<number>();
    let length = 0;
    const take = (i: number, always = false): boolean => {
      const unit = units[i];
      if (!unit || chosen.has(i)) return false;
      if (!always && length + unit.text.length > this.options.maxPassageChars) return false;
      chosen.add(i);
      length += unit.text.length;
      return true;
    };

    if (best === 0) {
      take(0, true);
      take(1);
      return [...chosen].sort((a, b) => a - b);
    }
    const order = scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score || a.i - b.i);
    // "Hvilke opplysninger …" answered by a list: the list, whole as far as it fits.
    const bestList = asks.focus && lists[order[0]!.i];
    if (bestList) bestList.forEach((i, n) => take(i, n === 0));
    for (const { score, i } of order) {
      if (chosen.size > 0 && score < best * this.options.relatedUnitShare) break;
      const unit = units[i]!;
      // A bullet needs the sentence that introduces its list.
      if (unit.lead !== undefined && !chosen.has(unit.lead) && !take(unit.lead, chosen.size === 0)) continue;
      take(i, chosen.size === 0);
      // A list's lead sentence that answers the question brings its bullets.
      units.forEach((u, j) => u.lead === i && take(j));
    }
    // Keep an example or elaboration that follows a chosen sentence, when it still fits.
    for (const i of [...chosen]) if (CONTINUATION.test(units[i + 1]?.text ?? '')) take(i + 1);
    return [...chosen].sort((a, b) => a - b);
  }
}
