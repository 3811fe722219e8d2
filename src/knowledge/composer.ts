/**
 * Picks the passage of a section that answers a question: the sentences (or a lead sentence with
 * its bullet list) sharing most weighted terms with it, in the notice's own order and wording,
 * plus the citation. Rendering it in the resident's language is the bot's job.
 */
import type { Municipality, Section } from '../content/schema';
import { type KnowledgeBase, searchTerms } from './knowledgeBase';
import type { AnalysedWord } from './normalise';

export interface ComposerOptions {
  /** Sections up to this length are quoted whole. */
  wholeSectionChars: number;
  /** Upper bound for a quoted passage (one unit is always kept, however long). */
  maxPassageChars: number;
  /** A further unit is added when it scores at least this share of the best one. */
  relatedUnitShare: number;
}

export const defaultComposerOptions: ComposerOptions = {
  wholeSectionChars: 420,
  maxPassageChars: 650,
  relatedUnitShare: 0.5,
};

export interface Citation {
  sectionId: string;
  title: string;
  url?: string;
}

export interface ComposedAnswer {
  passage: string;
  citation: Citation;
}

const BULLET = /^\s*[•·*\-–]\s*/;
/** A sentence that only makes sense after the one before it ("Det kan vere til dømes NAV …"). */
const CONTINUATION = /^(det|dette|desse|disse|dei|de|slike|sånne|til dømes|for eksempel|eksempel|døme|dømes|e\.g\.|such|these|this)\b/i;
const MIN_PREFIX_MATCH = 5;

/** Sentences and bullet lists of a section, in order; a list stays with the sentence that leads it in. */
export function passageUnits(text: string): string[] {
  const units: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').map((l) => l.trim()).filter(Boolean);
    const bullets = lines.filter((l) => BULLET.test(l));
    if (bullets.length) {
      const lead = lines.filter((l) => !BULLET.test(l)).join(' ');
      const list = bullets.map((b) => `• ${b.replace(BULLET, '')}`).join('\n');
      // A list following a sentence that ends in ":" belongs to it.
      const previous = units[units.length - 1];
      if (!lead && previous?.endsWith(':')) units[units.length - 1] = `${previous}\n${list}`;
      else units.push(lead ? `${lead}\n${list}` : list);
      continue;
    }
    units.push(...lines.join(' ').split(/(?<=[.!?])\s+(?=[A-ZÆØÅ«"0-9])/).filter(Boolean));
  }
  return units;
}

function matches(term: string, stem: string): boolean {
  if (term === stem) return true;
  return term.length >= MIN_PREFIX_MATCH && stem.length >= MIN_PREFIX_MATCH && (term.startsWith(stem) || stem.startsWith(term));
}

export class Composer {
  private readonly options: ComposerOptions;

  constructor(private readonly knowledge: KnowledgeBase, options: Partial<ComposerOptions> = {}) {
    this.options = { ...defaultComposerOptions, ...options };
  }

  compose(municipality: Municipality, section: Section, question: AnalysedWord[]): ComposedAnswer {
    const citation: Citation = { sectionId: section.id, title: section.title, ...(municipality.url ? { url: municipality.url } : {}) };
    const text = section.text.trim();
    if (text.length <= this.options.wholeSectionChars) return { passage: passageUnits(text).join('\n'), citation };
    return { passage: this.selectUnits(passageUnits(text), question).join('\n'), citation };
  }

  private selectUnits(units: string[], question: AnalysedWord[]): string[] {
    const scores = units.map((unit) => {
      const terms = [...new Set(this.knowledge.analyser.terms(unit))];
      // Each question word scores once, by its own rarity, when it or a synonym or part occurs.
      return question.reduce((sum, w) => (searchTerms(w).some((s) => terms.some((t) => matches(t, s))) ? sum + this.knowledge.idf(w.stem) : sum), 0);
    });
    const best = Math.max(...scores);
    if (best === 0) return units.slice(0, 2);
    const order = scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score || a.i - b.i);
    const chosen: number[] = [];
    let length = 0;
    for (const { score, i } of order) {
      const unitLength = units[i]!.length;
      if (chosen.length > 0 && (score < best * this.options.relatedUnitShare || length + unitLength > this.options.maxPassageChars)) continue;
      chosen.push(i);
      length += unitLength;
    }
    // Keep an example or elaboration that follows a chosen sentence, when it still fits.
    for (const i of [...chosen]) {
      const next = units[i + 1];
      if (next && !chosen.includes(i + 1) && CONTINUATION.test(next) && length + next.length <= this.options.maxPassageChars) {
        chosen.push(i + 1);
        length += next.length;
      }
    }
    return chosen.sort((a, b) => a - b).map((i) => units[i]!);
  }
}
