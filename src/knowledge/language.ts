/**
 * Which language a resident wrote in: English, or Norwegian (bokmål or nynorsk). Replies follow
 * the municipality's målform for Norwegian and switch to English for English questions.
 */
import type { Language, Malform } from '../content/schema';
import { rawWords } from './normalise';

const ENGLISH = new Set(
  `the a an is are was were do does did what which who whom how why when where can could would should
  will my me i you your our their it this that with about from for of to in on and or have has
  please want like data privacy rights delete information personal website tell need get is there
  hello hi thanks thank yes no any use used uses`.split(/\s+/),
);
const NYNORSK = new Set(
  `eg kva korleis kven kvifor kor ikkje berre dei dykk dykkar frå òg ein eit mitt mine vere vert
  blir kan me rettar opplysningane opplysningar nokon noko sjølv heilt kvar kva for takk hjelp
  brukar lagra sletta retta behandla handsaming personvernombodet treng mykje dag morgon`.split(/\s+/),
);
const BOKMAL = new Set(
  `jeg hva hvordan hvem hvorfor hvor ikke bare de dere deres fra også en et mitt mine være blir
  kan vi rettigheter opplysningene opplysninger noen noe selv helt hver takk hjelp bruker lagret
  slettet rettet behandlet personvernombudet trenger mye dag morgen`.split(/\s+/),
);

function score(words: string[], vocabulary: ReadonlySet<string>): number {
  return words.filter((w) => vocabulary.has(w)).length;
}

/** English when English function words clearly outnumber Norwegian ones; otherwise the målform. */
export function detectLanguage(text: string, fallback: Malform): Language {
  const words = rawWords(text);
  const en = score(words, ENGLISH);
  const nn = score(words, NYNORSK);
  const nb = score(words, BOKMAL);
  if (en > Math.max(nn, nb)) return 'en';
  return fallback;
}

/** The resident's own Norwegian variety, used where no municipality is chosen yet. */
export function detectNorwegian(text: string): Malform {
  const words = rawWords(text);
  return score(words, NYNORSK) > score(words, BOKMAL) ? 'nn' : 'nb';
}
