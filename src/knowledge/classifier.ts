/**
 * Decides what a turn is: an answer from the notice, a privacy question the notice does not
 * cover, something out of scope, smalltalk, a request for a person (handoff) or to exercise a
 * right (dialog). Answers need confidence: the share of the question's weighted content words
 * that the best section covers.
 */
import type { GeneralEntry, Language, Malform, Section, Topic } from '../content/schema';
import { type Hit, type KnowledgeBase, searchTerms } from './knowledgeBase';
import {
  asksAboutRightsInGeneral, asksForDefinition, detectRequest, detectSmalltalk, isSubject, mentionsPrivacy, ownedWords, pointedTopics, questionFocus,
  questionWordTopics, type RequestIntent, type Smalltalk, storyAndQuestion, withoutGreeting,
} from './intents';
import { detectLanguage } from './language';
import type { AnalysedWord } from './normalise';

/** Section titles that are themselves a definition question ("Kva er ein behandlingsprotokoll?"). */
const DEFINITION_TITLE = /^(hva|kva|what) (er|is|betyr|tyder|means?)\b/i;

/** Topics of sections that each describe one of the resident's rights. */
const RIGHT_TOPICS: ReadonlySet<Topic> = new Set<Topic>([
  'access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'automated_decisions', 'complaint',
]);
const MIN_OVERVIEW_SECTIONS = 2;
const CONTACT_TOPICS: readonly Topic[] = ['contact', 'dpo'];
/** A question after a story needs this many content words of its own to be weighed apart from the story. */
const MIN_QUESTION_WORDS = 2;
/** Letters an inflected form may add to a stem ("informasjonskapsl" + "ane"). */
const MAX_ENDING = 3;

/**
 * A question naming a subject (cookies, an analytics tool, logs, the DPO …) is only answered by a
 * section that mentions that subject, however much else it shares with the question.
 */
function missesSubject(question: AnalysedWord[], section: Hit<Section>, knowledge?: KnowledgeBase): boolean {
  // Exact or prefix matches only: a fuzzy "automatiserte" ≈ "automatisk" names another subject.
  // A shorter index term names the subject only when it differs by an ending, not when it is the
  // first half of a compound ("behandling" does not name "behandlingsprotokoll").
  const names = (term: string) =>
    [...section.matchedTerms].some((t) => t === term || (term.length >= 5 && (t.startsWith(term) || (term.startsWith(t) && t.length >= Math.max(5, term.length - MAX_ENDING)))));
  // A compound names its subject through a part only when that part is a subject itself: "sporingsverktøy"
  // is named by "sporing", "behandlingsprotokoll" is not named by "behandling".
  const subjectTerms = (w: AnalysedWord) => [w.stem, ...w.synonyms, ...w.parts.filter(isSubject)];
  return question.some((w) => (isSubject(w.stem) || (knowledge?.isProperName(w.stem) ?? false)) && !subjectTerms(w).some(names));
}

export const OUTCOMES = ['answer', 'not_covered', 'out_of_scope', 'handoff', 'dialog', 'smalltalk'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ClassifierOptions {
  /** Minimum weighted coverage of the question by a section to answer from it. */
  answerCoverage: number;
  /** Long questions carry more narrative words: the required coverage drops this much per word beyond five… */
  longQuestionDiscount: number;
  /** …down to this floor. */
  minAnswerCoverage: number;
  /** What a question word pointing at a section's topic ("Hvorfor" at a purpose) adds to its coverage when ranking. */
  questionWordCoverage: number;
  /** Weight of the words of a story told before the question (see storyAndQuestion). */
  storyWeight: number;
  /** Minimum coverage for general knowledge to be added to a not_covered reply. */
  generalCoverage: number;
  /** Minimum coverage for the closest section to be shown, as such, in a not_covered reply. */
  relatedCoverage: number;
  /** How many top-ranked sections are weighed by coverage. */
  candidates: number;
  /** Sections within this much coverage of the best count as equally good; then kind and rank decide. */
  coverageTie: number;
}

export const defaultClassifierOptions: ClassifierOptions = {
  answerCoverage: 0.45,
  longQuestionDiscount: 0.02,
  minAnswerCoverage: 0.35,
  storyWeight: 0.15,
  questionWordCoverage: 0.5,
  generalCoverage: 0.55,
  relatedCoverage: 0.3,
  candidates: 5,
  coverageTie: 0.1,
};

export interface Classification {
  outcome: Outcome;
  language: Language;
  /** The question as analysed (after a leading greeting is removed). */
  question: AnalysedWord[];
  /** The word a "Hvilke …" / "What kind of …" question asks about (see questionFocus). */
  focus?: AnalysedWord;
  /** Coverage of the chosen section (0 when none). */
  confidence: number;
  section?: Hit<Section>;
  /** For not_covered: the closest section, shown as "what the notice does say" rather than as the answer. */
  related?: Hit<Section>;
  /** For a question about rights in general: every section on a particular right, in notice order. */
  overview?: Section[];
  general?: Hit<GeneralEntry>;
  smalltalk?: Smalltalk;
  request?: RequestIntent;
}

export class Classifier {
  private readonly options: ClassifierOptions;

  constructor(private readonly knowledge: KnowledgeBase, options: Partial<ClassifierOptions> = {}) {
    this.options = { ...defaultClassifierOptions, ...options };
  }

  classify(municipalityId: string, malform: Malform, text: string): Classification {
    const language = detectLanguage(text, malform);
    const smalltalk = detectSmalltalk(text);
    if (smalltalk) return { outcome: 'smalltalk', language, question: [], confidence: 1, smalltalk };

    const questionText = withoutGreeting(text);
    const question = this.analyse(questionText).filter((w) => !this.knowledge.isMunicipalityName(w.stem));
    const request = detectRequest(questionText);
    const stems = question.flatMap((w) => [w.stem, ...w.parts, ...(w.kinds ?? [])]);
    const focusText = questionFocus(questionText);
    const focus = focusText === undefined ? undefined : this.knowledge.analyser.analyse(focusText)[0];
    const topics = pointedTopics(stems, focus?.stem);
    // "adressen min", "my phone number": the resident's own contact details ask for no contact section.
    const owned = ownedWords(questionText);
    const unownedTopics = pointedTopics(question.filter((w) => !owned.has(w.word)).flatMap((w) => [w.stem, ...w.parts]));
    for (const t of CONTACT_TOPICS) if (!unownedTopics.has(t)) topics.delete(t);
    const asked = new Set(questionWordTopics(questionText));
    for (const topic of asked) topics.add(topic);
    const section = this.bestSection(municipalityId, question, topics, asksForDefinition(questionText), focus, asked);
    const confidence = section?.coverage ?? 0;
    const base = { language, question, confidence, section, ...(focus ? { focus } : {}) };
    if (request) return { ...base, outcome: request.kind, request };

    // Without any privacy or contact word a question is out of scope, whatever words it shares
    // with the notice by chance ("Kan du fortelle meg en vits?" shares "vite" after stemming).
    // Asking about a tool or supplier ("Brukar de Siteimprove?", "Do you use Matomo?") is asking
    // what the municipality does with residents' data, even without a privacy word.
    const namesTool = stems.some((s) => this.knowledge.isProperName(s)) || this.knowledge.unknownToolIn(questionText) !== undefined;
    if (!namesTool && !mentionsPrivacy(questionText, stems)) return { ...base, section: undefined, outcome: 'out_of_scope' };
    const rightsInGeneral = asksAboutRightsInGeneral(questionText);
    if (rightsInGeneral) {
      const overview = this.rightsSections(municipalityId);
      if (overview.length >= MIN_OVERVIEW_SECTIONS) return { ...base, confidence: 1, outcome: 'answer', overview };
    } else if (section && confidence >= this.requiredCoverage(question) && !missesSubject(question, section, this.knowledge) && !this.knowledge.unknownToolIn(questionText)) {
      return { ...base, outcome: 'answer' };
    }

    const general = this.knowledge.searchGeneral(question, 1)[0];
    // The notice may still say something close (Siteimprove when asked about Google Analytics).
    const related = section && !rightsInGeneral && confidence >= this.options.relatedCoverage && !missesSubject(question, section) ? section : undefined;
    return {
      ...base,
      section: undefined,
      related,
      outcome: 'not_covered',
      general: general && general.coverage >= this.options.generalCoverage ? general : undefined,
    };
  }

  /** The question's words; those of a story told before the question count for less. */
  private analyse(text: string): AnalysedWord[] {
    const parts = storyAndQuestion(text);
    const asked = parts && this.knowledge.analyser.analyse(parts.question);
    // "… og har ikkje fått svar. Har han forsvunne?": a question of a word or two asks about the story.
    if (!parts || !asked || asked.length < MIN_QUESTION_WORDS) return this.knowledge.analyser.analyse(text);
    const story = this.knowledge.analyser.analyse(parts.story).map((w) => ({ ...w, weight: this.options.storyWeight }));
    return [...asked, ...story];
  }

  private requiredCoverage(question: AnalysedWord[]): number {
    const { answerCoverage, longQuestionDiscount, minAnswerCoverage } = this.options;
    return Math.max(minAnswerCoverage, answerCoverage - longQuestionDiscount * Math.max(0, question.length - 5));
  }

  private rightsSections(municipalityId: string): Section[] {
    const sections = this.knowledge.municipality(municipalityId)?.sections ?? [];
    // The first specific topic is what a section is mainly about; later ones are side subjects.
    return sections.filter((s) => {
      const main = s.topics.find((t) => t !== 'rights');
      return main !== undefined && RIGHT_TOPICS.has(main);
    });
  }

  /**
   * Among the top-ranked sections that could answer (see below), those covering about as much of the question as the best are
   * equally good answers; of these, one of the kind the question points at wins (a definition for
   * "Hva er ...", a contact section for a phone number), else the highest ranked.
   */
  private bestSection(
    municipalityId: string, question: AnalysedWord[], topics: ReadonlySet<Topic>, wantsDefinition: boolean, focus?: AnalysedWord,
    asked: ReadonlySet<Topic> = new Set(),
  ): Hit<Section> | undefined {
    const all = this.knowledge.searchSections(municipalityId, question, this.options.candidates);
    // Sections that could answer (enough coverage, naming the subject the question names) compete
    // first; of these, those naming what a "Hvilke lover …" question asks for, when there are any.
    const answerable = all.filter((h) => h.coverage >= this.requiredCoverage(question) && !missesSubject(question, h, this.knowledge));
    const namesFocus = (h: Hit<Section>) => focus !== undefined && searchTerms(focus).some((t) => h.matchedStems.has(t));
    const onFocus = answerable.filter(namesFocus);
    const hits = onFocus.length ? onFocus : answerable.length ? answerable : all;
    // "Hvorfor …", "Hvor … fra": the question word asks for a purpose or a source as a content word
    // would, so among the sections that could answer, one on that topic ranks as if it covered more.
    const ranked = (h: Hit<Section>) => h.coverage + (h.item.topics.some((t) => asked.has(t)) ? this.options.questionWordCoverage : 0);
    const bestCoverage = Math.max(0, ...hits.map(ranked));
    const tied = hits.filter((h) => ranked(h) >= bestCoverage - this.options.coverageTie);
    const fits = (h: Hit<Section>) =>
      (wantsDefinition && (h.item.topics.includes('definitions') || DEFINITION_TITLE.test(h.item.title))) ||
      h.item.topics.some((t) => topics.has(t));
    return tied.find(fits) ?? tied[0];
  }
}
