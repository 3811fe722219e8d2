/**
 * What a resident wants besides information: to exercise a right, to reach a person (or
 * complain, or report a breach), or just to chat. Cues are matched on the bokmål-mapped words
 * (see terms.ts), so one pattern serves bokmål, nynorsk and English.
 */
import type { Topic } from '../content/schema';
import { mappedWords, rawWords } from './normalise';

/** The GDPR rights a resident can ask to exercise (Art. 15–18, 20–22). */
export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'automated_decisions'] as const;
/** The order cues are tried in: access last, as its cue ("alt dere har om meg") also appears in other requests. */
const RIGHTS_BY_SPECIFICITY: readonly Right[] = ['erasure', 'rectification', 'restriction', 'portability', 'objection', 'automated_decisions', 'access'];
export type Right = (typeof RIGHTS)[number];

const RIGHT_CUES: Record<Right, RegExp> = {
  access: /\b(innsyn\w*|kopi\w*|utskrift\w*|(hva|alt|what|everything) (dere|vi|dykk) (har|have|lagrer)|(opplysningene?|opplysninger) (dere|vi) har om (jeg|meg))\b/,
  rectification: /\b(rette|rettet|retting|korriger\w*|oppdater\w*|endre|endret|feil\w*)\b/,
  erasure: /\b(slett\w*|fjern\w*|glemt|glemme|makuler\w*)\b/,
  restriction: /\b(begrens\w*|sperr\w*|stanse|stans|pause)\b/,
  portability: /\b(dataportabilitet|flytte|overføre|eksporter\w*|export\w*|maskinlesbar\w*|portable)\b/,
  objection: /\b(protest\w*|motsette|reserver\w*|nekte)\b/,
  automated_decisions: /\b(automatisert|automatisk) (avgjørelse|avgjørelser|behandling|vedtak)\b/,
};

/** "I want …", "please …", "can you …": the resident asks the municipality to do something. */
const VOLITION = /\b((jeg|vi) (vil|ønsker|krever|ber|trenger|skal|kreve|want|wish|need|would|request|demand|ønskjer|krev|treng)|vil (ha|at|gjerne)|ønsker (å|at)|be om|ber om|krev\w*|want|would like|request|demand|please|kan dere|could dere|can dere|gjer|gjør det|få slettet|få rettet|få innsyn|få kopi)\b/;
/** Requests phrased as commands: "Slett alt om meg", "Delete my data". */
const IMPERATIVE = /^(slett|fjern|rett|korriger|send|gi|vis|stopp|slette|rette)\b/;
/** A question about a right ("Can I …", "How do I …", "What is …") is answered, not started. */
const ASKS_ABOUT = /^(hvordan|hva|hvilke|hvilken|hvem|hvor|hvorfor|når|kan jeg|har jeg|får jeg|må jeg|is|are|er det|does|do|gjelder)\b/;

const PERSON = /\b((snakke|prate|tale|speak|talk|chat|chatte) (med|with|to)|menneske\w*|human|real person|ekte person|saksbehandler|ringe (jeg|meg)|ring (jeg|meg)|call (jeg|meg)|(kontakt|contact) med (en|ein) person)\b/;
const COMPLAINT = /\bklage\w*\b/;
const BREACH = /\b(lekk\w*|lekkasje|brudd|avvik|avveie|hacket|hacked|stjålet|stolen|leaked|snok\w*|uautoriser\w*|misbruk\w*|uten (lov|samtykke|tillatelse|grunn|hjemmel|lov)|feil (adresse|person|mottaker|folk)|(noen|someone|somebody|ansatt|ansatte|naboen|andre|legen|kollega\w*)(\s+\S+){0,5}\s+(lest|leste|las|lese|read|sett|snoket|kikket|looked|delt|shared|sjekket))\b/;
const NARRATIVE = /\b(har|hadde|has|have|had|ble|blei|vart|fikk|got|was|were|kom|kommet|gikk|gjekk|went|came|sendt|sent|endte|ended)\b/;

export type RequestIntent = { kind: 'dialog'; right: Right } | { kind: 'handoff'; reason: 'person' | 'complaint' | 'breach' };

/** Detects a request to exercise a right or to reach a person; undefined for a plain question. */
export function detectRequest(text: string): RequestIntent | undefined {
  const mapped = mappedWords(text).join(' ');
  const asks = ASKS_ABOUT.test(mapped);
  const wants = VOLITION.test(mapped) || IMPERATIVE.test(mapped);

  if (BREACH.test(mapped) && NARRATIVE.test(mapped)) return { kind: 'handoff', reason: 'breach' };
  if (PERSON.test(mapped) && (wants || !asks)) return { kind: 'handoff', reason: 'person' };
  if (COMPLAINT.test(mapped) && (wants || /\b(jeg|vi) klager\b/.test(mapped)) && !asks) return { kind: 'handoff', reason: 'complaint' };
  if (wants && !asks) {
    const right = RIGHTS_BY_SPECIFICITY.find((r) => RIGHT_CUES[r].test(mapped));
    if (right) return { kind: 'dialog', right };
  }
  return undefined;
}

const RIGHTS_IN_GENERAL = /\b(rettigheter|rettighetene|rettighet)\b/;

/** "Kva rettar har eg?", "What are my rights?": rights in general, no particular one named. */
export function asksAboutRightsInGeneral(text: string): boolean {
  return RIGHTS_IN_GENERAL.test(mappedWords(text).join(' ')) && mentionedRight(text) === undefined;
}

/** Which right a text names, if any (for a question about a right or a dialog's first step). */
export function mentionedRight(text: string): Right | undefined {
  const mapped = mappedWords(text).join(' ');
  return RIGHTS_BY_SPECIFICITY.find((r) => RIGHT_CUES[r].test(mapped));
}

export type Smalltalk = 'greeting' | 'thanks' | 'goodbye' | 'about_bot';

const SMALLTALK: [Smalltalk, RegExp][] = [
  ['about_bot', /\b(hvem|kven|who|hva|kva|what) (er|are|kan|can) (du|you)( do| gjøre| gjere| hjelpe( meg)?( med)?| help( me)?( with)?)?\b|\bhelp\b|\bhjelp\b/g],
  ['thanks', /\b((tusen |mange )?takk( skal du ha)?( for (hjelpen|hjelpa|svaret|svara|det|informasjonen))?|thank you( very much| so much)?( for (the|your) help)?|thanks( a lot)?( for (the|your) help)?|ty)\b/g],
  ['goodbye', /\b(ha det( bra| godt)?|hadet|hade|vi snakkes|bye|goodbye|see you)\b/g],
  ['greeting', /\b(hei( hei)?|heisann|hallo|halla|hey|hi|hello|god (morgen|morgon|dag|kveld|ettermiddag)|good (morning|afternoon|evening|day)|morn|hvordan (går det|har du det)|korleis (går det|har du det)|how are you)\b/g],
];
const FILLER = /\b(ok|okei|okay|flott|supert?|great|fint|bra|så mye|igjen|again|og|and|du|you|kjære|bot|chatbot)\b/g;

/** Smalltalk when greetings, thanks and the like are all the message holds. */
export function detectSmalltalk(text: string): Smalltalk | undefined {
  let rest = rawWords(text).join(' ');
  let found: Smalltalk | undefined;
  for (const [kind, pattern] of SMALLTALK) {
    const stripped = rest.replace(pattern, ' ');
    if (stripped !== rest && !found) found = kind;
    rest = stripped;
  }
  if (!found) return undefined;
  return rest.replace(FILLER, ' ').trim() === '' ? found : undefined;
}

/** A question with its leading greeting removed ("Hei! Kva rettar har eg?" → "Kva rettar har eg?"). */
export function withoutGreeting(text: string): string {
  return text.replace(/^\s*(hei( hei)?|heisann|hallo|hey|hi|hello|god (morgen|morgon|dag|kveld))\b[\s,!.]*/i, '');
}

/**
 * Roots of privacy and contact vocabulary (stems, matched as prefixes). A question with none of
 * them that the notice cannot answer is out of scope; with one, it is a privacy question the notice
 * does not cover.
 */
const PRIVACY_ROOTS = [
  'personvern', 'personopplysning', 'opplysning', 'personforordning', 'samtykk', 'informasjonskapsl',
  'sporing', 'analys', 'statistikk', 'logg', 'innsyn', 'slett', 'retting', 'korriger', 'lagr', 'oppbevar',
  'dele', 'delt', 'deling', 'utlever', 'tilgang', 'sikker', 'sikr', 'taushetsplikt', 'ombud', 'behandl',
  'databehandl', 'protokoll', 'journal', 'ipadress', 'overvåk', 'kamera', 'fødselsnumm', 'personnumm',
  'dnumm', 'avvik', 'brudd', 'lekk', 'klag', 'datatilsyn', 'arkiv', 'epost', 'kontakt', 'telefon',
  'adress', 'privat', 'registr', 'innsaml', 'formål', 'grunnlag', 'dataportabil', 'protest', 'begrens',
  'sperr', 'anonym', 'identitet', 'legitimasjon', 'kopi', 'rettighet', 'rett', 'overfør', 'tredjeland',
  'leverandør', 'nettsid', 'hjemmesid', 'nettsted', 'cookie', 'sensitiv', 'helseopplysning', 'gdpr',
  'offent', 'meroffent', 'partsinnsyn', 'servicekontor', 'ansvarl', 'verktøy', 'spor', 'post',
  'facebook', 'sosial', 'sms', 'skjema', 'minsid', 'brev', 'digital', 'tilbakemeld', 'kommentar', 'virus',
  'antivirus', 'taushet', 'teieplikt', 'prinsipp', 'forordning', 'personvernerklæring', 'ombod',
  'saksbehandl', 'vedtak', 'eksamen', 'elev', 'pasient', 'helse', 'samtal', 'opptak', 'passord', 'ipadresse',
];

/**
 * Cues in a question that point at a kind of section (content topics). Among sections covering a
 * question about equally well, one tagged with the pointed-at topic is preferred: "Kva
 * telefonnummer har kommunen?" wants the contact section, not a list of data categories.
 */
const TOPIC_CUES: [RegExp, readonly Topic[]][] = [
  [/^(telefon|epost|adress|kontakt|ring|servicekontor|personvernombud|ombud)/, ['contact', 'dpo']],
  [/^(informasjonskapsl|cooki)/, ['cookies']],
  [/^(analys|statistikk|sporing|verktøy)/, ['analytics']],
  [/^(lenge|lagringstid|oppbevar|slett)/, ['retention', 'erasure']],
  [/^(klag|datatilsyn)/, ['complaint']],
  [/^(logg|webserver|ipadress)/, ['logs']],
  [/^(del|utlever|mottak|overfør)/, ['sharing', 'processors', 'transfers']],
];

export function pointedTopics(stems: readonly string[]): Set<Topic> {
  const topics = new Set<Topic>();
  for (const [cue, pointed] of TOPIC_CUES) if (stems.some((s) => cue.test(s))) pointed.forEach((t) => topics.add(t));
  return topics;
}

/** "Hva er …", "Kva tyder …", "What is …", "What does … mean": asks for a definition. */
export function asksForDefinition(text: string): boolean {
  return /^(hva|what) (er|is|betyr|are|does)\b|^hva (menes|meiner|tyder)\b|\bbetyr\b/.test(mappedWords(text).join(' '));
}

export function mentionsPrivacy(stems: readonly string[]): boolean {
  return stems.some((s) => PRIVACY_ROOTS.some((root) => s.startsWith(root)));
}
