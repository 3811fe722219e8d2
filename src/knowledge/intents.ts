/**
 * What a resident wants besides information: to exercise a right, to reach a person (or
 * complain, or report a breach), or just to chat. Cues are matched on the bokmål-mapped words
 * (see terms.ts), so one pattern serves bokmål, nynorsk and English.
 */
import type { Topic } from '../content/schema';
import { contentWords, mappedWords, rawWords, stem } from './normalise';

/** The GDPR rights a resident can ask to exercise (Art. 15–18, 20–22), and withdrawing consent (Art. 7(3)). */
export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'automated_decisions', 'consent_withdrawal'] as const;
/**
 * The order cues are tried in: withdrawing consent first ("Eg trekkjer samtykket, slett alt" is
 * about the consent), access last, as its cue ("alt dere har om meg") also appears in other requests.
 */
const RIGHTS_BY_SPECIFICITY: readonly Right[] = ['consent_withdrawal', 'erasure', 'rectification', 'restriction', 'portability', 'objection', 'automated_decisions', 'access'];
export type Right = (typeof RIGHTS)[number];
/** The GDPR article (and paragraph) of each right, cited when a resident asks to use it. */
export const RIGHT_ARTICLE: Record<Right, readonly [article: number, paragraph?: number]> = {
  access: [15], rectification: [16], erasure: [17], restriction: [18], portability: [20], objection: [21], automated_decisions: [22], consent_withdrawal: [7, 3],
};
/** The content topic a notice's section about each right is tagged with. */
export const RIGHT_TOPIC: Record<Right, Topic> = {
  access: 'access', rectification: 'rectification', erasure: 'erasure', restriction: 'restriction', portability: 'portability',
  objection: 'objection', automated_decisions: 'automated_decisions', consent_withdrawal: 'consent',
};

const RIGHT_CUES: Record<Right, RegExp> = {
  access: /\b(innsyn\w*|kopi\w*|utskrift\w*|(hva|alt|what|everything) (dere|de|vi|dykk|you) (har|have|hold|lagrer|lagret|registrert)|(har|er) (registrert|lagret) om (jeg|meg)|(opplysningene?|opplysninger) (dere|vi) har om (jeg|meg))\b/,
  rectification: /\b(rette|rettet|retting|korriger\w*|oppdater\w*|endre|endret|feil\w*)\b/,
  erasure: /\b(slett\w*|fjern\w*|glemt|glemme|makuler\w*)\b/,
  restriction: /\b(begrens\w*|sperr\w*|stanse|stans|pause)\b/,
  portability: /\b(dataportabilitet|flytte|overføre|eksporter\w*|export\w*|maskinlesbar\w*|portable)\b/,
  objection: /\b(protest\w*|motsette|reserver\w*|nekte)\b/,
  automated_decisions: /\b(automatisert|automatisk) (avgjørelse|avgjørelser|behandling|vedtak)\b/,
  consent_withdrawal: /\b(trekk\w*|tek|tar|ta|take|withdraw\w*|revoke\w*|revoking) (tilbake |attende |back )?((mitt|min|et|eit|my|the|a) )?(samtykk\w*|consent)|(samtykk\w*|consent) (tilbake|trekk\w*|withdraw\w*)\b/,
};

/** "Jeg vil …", "I want …", "please …", "kan dere …": the resident asks the municipality to act. */
const WANTS = /\b((jeg|vi) (vil|ønsker|krever|kreve|ber|trenger|skal ha|want|wish|need|would|request|demand|ønskjer|krev|treng|gjerne)|vil (ha|at|gjerne)|ønsker (å|at)|would like|want to|please|(kan|could|can|vil|would) (dere|de) (slette|fjerne|rette|korrigere|sende|gi|vise|sperre|stoppe|begrense|delete|remove|send|give|show|fix|stop|erase))/;
/** Requests phrased as commands, at the start of any sentence: "Slett alt om meg", "Delete my data". */
const IMPERATIVE = /^(slett|fjern|rett|korriger|send|gi|vis|stopp|slette|rette|delete|erase|remove|give|show)\b/;
/** "Eg trekkjer (tilbake) samtykket", "I withdraw my consent": saying it is doing it. */
const DECLARES_WITHDRAWAL = /^(jeg|vi|i|we) (herved |hereby )?(trekk\w*|withdraw\w*|revoke\w*|tar tilbake)\b/;
/** A sentence that is a question: a question word or a verb first. */
const QUESTION_START = /^((hvordan|hva|hvilke|hvilken|hvem|hvor|hvorfor|når)|(har|er|kan|blir|finnes|fins|får|må|skal|bør|has|have|is|are|do|does|did|can|could|will|would|should))\b/;
/** A question opening with a question word. */
const WH_QUESTION = /^(hvordan|hva|hvilke|hvilken|hvem|hvor|hvorfor|når)\b/;
/**
 * A question opening with a question word, or asking about the resident's own options ("Kan eg …",
 * "Må eg …"), asks about something rather than asking for it.
 */
const ASKS_ABOUT = /^((hvordan|hva|hvilke|hvilken|hvem|hvor|hvorfor|når)\b|(kan|må|skal|får|har|bør|burde|can|may|must|should|do|does|is|are) (jeg|vi|man|en|det|it)\b|(koster|er|blir|gjelder|tar)\b)/;

/**
 * A sentence, or a message's last words, asking whether something is possible or allowed: "kan eg
 * det?", "er det mogleg?", "går det an?", "is that possible?", "can I do that?".
 */
const TAG_QUESTION = /\b((kan|can|får|may) (jeg|vi|man|en|det) (gjøre |gjere |do )?(det|dette|that|this)( da)?|(er|is) (det|dette|that|it|this) (mulig|mogleg|possible|lov|lovlig|allowed|greit|ok)|går det an)$/;

/** Wanting a person: talking to someone, being called, asking for a human rather than the bot. */
const PERSON = /\b((snakke|prate|tale|speak|talk|chat|chatte) (med|with|to)|(ringe|ring|call) (jeg|meg)|(vil|want|ønsker|would like|need|trenger|treng)(\s+\S+){0,4}\s+(et |eit |a |en |ein )?(ekte |real )?(menneske|human|person|saksbehandler))\b/;
/** Wanting to complain, not asking how complaints work. */
const COMPLAINT = /\b((vil|ønsker|ønskjer|want|would like|skal|må)(\s+\S+){0,3}\s+klage|(jeg|vi) klager (på|over) (kommunen|dere|behandlingen)|klage (på|over) (kommunen|dere))\b/;
/** Words that name a breach outright. */
const BREACH_WORD = /\b(lekk\w*|lekt|lekkasje|\w*brudd|avvik\w*|avveie|hacket|hacked|stjålet|stolen|leaked|snok\w*|uautoriser\w*|misbruk\w*)\b/;
/** Descriptions of one, which need a told event ("har", "kom", "went") to count. */
const BREACH_STORY = /\b(uten (lov|samtykke|tillatelse|grunn|hjemmel)|feil (adresse|person|mottaker|folk|foreldre)|wrong (adresse|person|people|parents|foreldre)|ved (en|ein) feil|by (mistake|accident)|feilsendt|(til|to) (naboen|my neighbou?r)|(til|of|om) (en|ein|another|noen) (annen|annan|andre|person|else)|someone else|(noen|someone|somebody|ansatt|ansatte|naboen|andre|legen|kollega\w*)(\s+\S+){0,5}\s+(lest|leste|las|lese|read|sett|snoket|kikket|looked|delt|shared|sjekket))\b/;
const NARRATIVE = /\b(har|hadde|has|have|had|ble|blei|vart|fikk|fekk|got|was|were|kom|kommet|gikk|gjekk|went|came|sendt|sent|sende|emailed|mailed|endte|ended|mottok|received)\b/;

export type RequestIntent = { kind: 'dialog'; right: Right } | { kind: 'handoff'; reason: 'person' | 'complaint' | 'breach' };

function sentences(text: string): string[] {
  return text.split(/[.!?;\n]+/).map((s) => mappedWords(s).join(' ')).filter(Boolean);
}

/** Detects a request to exercise a right or to reach a person; undefined for a plain question. */
export function detectRequest(text: string): RequestIntent | undefined {
  const parts = sentences(text);
  const mapped = parts.join(' ');
  // "Ein kollega snokar i journalar. Kven har tilgang til journalen min?": a story told before a
  // question of its own is background; the breach or the person wanted must be in the question.
  // (Only worked out when the whole message has such a cue: most questions have none.)
  const cue = BREACH_WORD.test(mapped) || BREACH_STORY.test(mapped) || PERSON.test(mapped);
  const told = cue ? storyAndQuestion(text) : undefined;
  const asked = told && asksApartFromStory(told.question) ? sentences(told.question) : parts;
  const askedMapped = asked === parts ? mapped : asked.join(' ');
  // A report tells something; "Har kommunen hatt personvernbrudd?" only asks.
  const onlyAsks = asked.every((p) => QUESTION_START.test(p));
  if (!onlyAsks && (BREACH_WORD.test(askedMapped) || (BREACH_STORY.test(askedMapped) && NARRATIVE.test(askedMapped)))) {
    return { kind: 'handoff', reason: 'breach' };
  }
  // "Hvem kan jeg snakke med om …?" asks for a contact, which the notice may give.
  if (PERSON.test(askedMapped) && !asked.every((p) => WH_QUESTION.test(p))) return { kind: 'handoff', reason: 'person' };
  if (COMPLAINT.test(mapped)) return { kind: 'handoff', reason: 'complaint' };
  // "Eg vil protestere, kan eg det?": the wish is put as a question about whether one may.
  if (parts.some((p) => TAG_QUESTION.test(p))) return undefined;
  const asksForIt = parts.some((p) => IMPERATIVE.test(p) || DECLARES_WITHDRAWAL.test(p) || (WANTS.test(p) && !ASKS_ABOUT.test(p)));
  if (!asksForIt) return undefined;
  const right = rightIn(mapped);
  return right ? { kind: 'dialog', right } : undefined;
}

/** A question after a story needs this many content words to stand apart from it. */
const MIN_OWN_QUESTION_WORDS = 2;
/** "Kven kan eg melde det til?", "Kan eg klage?", "Kva gjer eg no?": asks what to do about the story. */
const ASKS_WHAT_TO_DO = /^(klag|meld|rapporter|report|varsl|kontakt|datatilsyn|anmeld|gjør|gjer|do|hjelp|help|ansvar)/;

/** Whether a question told after a story asks something of its own, not what to do about the story. */
function asksApartFromStory(question: string): boolean {
  const words = contentWords(question);
  return words.length >= MIN_OWN_QUESTION_WORDS && !words.some((w) => ASKS_WHAT_TO_DO.test(w));
}

/** A message's sentences as the resident wrote them, each with its closing punctuation. */
function rawSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * A message that tells a story and then asks ("Eg ringde kommunen i går om heimehjelp. Vert
 * nummeret mitt lagra?"): the sentences that ask (a question mark, or a question word or verb
 * first) and the rest. Undefined when every sentence asks or none does.
 */
export function storyAndQuestion(text: string): { question: string; story: string } | undefined {
  const all = rawSentences(text);
  if (all.length < 2) return undefined;
  const asks = (s: string) => /\?\s*$/.test(s) || QUESTION_START.test(mappedWords(s).join(' '));
  const question = all.filter(asks);
  if (question.length === 0 || question.length === all.length) return undefined;
  return { question: question.join(' '), story: all.filter((s) => !asks(s)).join(' ') };
}

/** A message phrased as a question: a question mark, or a question word or verb first. */
export function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || sentences(text).some((p) => QUESTION_START.test(p));
}

const RIGHTS_IN_GENERAL = /\b(rettigheter|rettighetene|rettighet)\b/;

/** Besides the rights word, at most this many content words ("som innbyggar") for an overview question. */
const MAX_OTHER_WORDS_IN_OVERVIEW_QUESTION = 1;

/** "Kva rettar har eg?", "What are my rights?": rights in general, no particular one named, nothing else asked. */
export function asksAboutRightsInGeneral(text: string): boolean {
  if (!RIGHTS_IN_GENERAL.test(mappedWords(text).join(' ')) || mentionedRight(text) !== undefined) return false;
  const others = contentWords(text).filter((w) => !RIGHTS_IN_GENERAL.test(w) && !/^personvern/.test(w));
  return others.length <= MAX_OTHER_WORDS_IN_OVERVIEW_QUESTION;
}

/** Which right a text names, if any (for a question about a right or a dialog's first step). */
export function mentionedRight(text: string): Right | undefined {
  return rightIn(mappedWords(text).join(' '));
}

/** Whether a text names this right (among others, maybe). */
export function namesRight(text: string, right: Right): boolean {
  return RIGHT_CUES[right].test(mappedWords(text).join(' '));
}

function rightIn(mapped: string): Right | undefined {
  return RIGHTS_BY_SPECIFICITY.find((r) => RIGHT_CUES[r].test(mapped));
}

export type Smalltalk = 'greeting' | 'thanks' | 'goodbye' | 'about_bot';

const SMALLTALK: [Smalltalk, RegExp][] = [
  ['about_bot', /\b(hvem|kven|who|hva|kva|what) (er|are|kan|can) (du|you)( do| gjøre| gjere| hjelpe( meg)?( med)?| help( me)?( with)?)?\b|\bhelp\b|\bhjelp\b/g],
  ['thanks', /\b((tusen |mange )?takk( skal du ha)?( for (hjelpen|hjelpa|svaret|svara|det|informasjonen))?|thank you( very much| so much)?( for (the|your) help)?|thanks( a lot)?( for (the|your) help)?|ty|thx|tak)\b/g],
  ['goodbye', /\b(ha det( bra| godt)?|hadet|hade|ha (en|ein) (fin|god|fortsatt fin) (dag|kveld|helg)|vi snakkes|bye|goodbye|see you|have a (nice|good) day)\b/g],
  ['greeting', /\b(hei( hei)?|heisann|hallo|halla|hey|hi|hello|god (morgen|morgon|dag|kveld|ettermiddag)|good (morning|afternoon|evening|day)|morn|hvordan (går det|har du det)|korleis (går det|har du det)|how are you)\b/g],
];
const FILLER = /\b(there|der|deg|alle|everyone|ok|okei|okay|flott|supert?|great|fint|bra|så mye|igjen|again|og|and|du|you|kjære|bot|chatbot|that|this|it|was|is|det|dette|var|er|very|veldig|really|helpful|useful|nyttig|nyttige|perfekt|perfect|nice)\b/g;

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
  'automatis', 'avgjør', 'profiler', 'bilde', 'bilet', 'foto', 'video', 'hemmelig', 'anonym', 'sporing',
  'informasjon', 'registrer', 'eier', 'minside', 'journal', 'dokument', 'arkiv', 'sensitiv', 'gift', 'sivilstatus',
  'ektefelle', 'statistikk', 'sms', 'varsl', 'kryptert', 'hack', 'virus', 'samtykk', 'reserver',
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
  [/^(ring|samtal|telefonsamtal|telefoni)/, ['phone']],
  [/^(del|utlever|mottak|overfør)/, ['sharing', 'processors', 'transfers']],
];

/** Stems naming a concrete subject a notice either covers or not (see Classifier). */
const SUBJECT = /^(leng$|informasjonskapsl|cooki|analys|sporing|logg|webserver|personvernombud|kamera|overvåk|facebook|sms|ipadress|automatis|behandlingsprotokoll|protokoll)/;

export function isSubject(stem: string): boolean {
  return SUBJECT.test(stem);
}

const POSSESSIVE = /^(min|mi|mitt|mine|my)$/;

/**
 * Words the resident names as their own: "adressen min", "mitt telefonnummer", "my e-mail". Such
 * a word is about the resident's data, so it points at no kind of section ("adressen min er feil"
 * does not ask for the municipality's address).
 */
export function ownedWords(text: string): Set<string> {
  const words = mappedWords(text);
  const owned = new Set<string>();
  words.forEach((w, i) => {
    if (POSSESSIVE.test(w)) return;
    if (POSSESSIVE.test(words[i + 1] ?? '') || POSSESSIVE.test(words[i - 1] ?? '')) owned.add(w);
  });
  return owned;
}

/** "Hvilke opplysninger …", "Kva slags data …", "What information …": asks which kinds of data, not about data in general. */
const DATA_FOCUS = /^(personopplysning|opplysning|informasjon|persondata)/;

/**
 * Question words that point at a kind of section on their own, though they are stop words:
 * "Hvorfor …" asks for a purpose, "Hvor … fra?" / "Where … from?" for where data is collected from.
 */
const QUESTION_WORD_CUES: [RegExp, Topic][] = [
  [/(^|[.!?]\s*)(hvorfor|why)\b/, 'purpose'],
  [/\b(hvor|kvar|where)\b[^.!?]*\b(fra|frå|from)\b/, 'collection'],
];

/** Topics the question words of a text point at (see QUESTION_WORD_CUES). */
export function questionWordTopics(text: string): Topic[] {
  const mapped = mappedWords(text).join(' ');
  return QUESTION_WORD_CUES.filter(([cue]) => cue.test(mapped)).map(([, topic]) => topic);
}

export function pointedTopics(stems: readonly string[], focus?: string): Set<Topic> {
  const topics = new Set<Topic>();
  if (focus !== undefined && DATA_FOCUS.test(focus)) topics.add('categories');
  for (const [cue, pointed] of TOPIC_CUES) if (stems.some((s) => cue.test(s))) pointed.forEach((t) => topics.add(t));
  return topics;
}

/** Determiners after which the next word names what is asked for: "Hvilke lover …", "Kva for leverandør …", "What kind of data …". */
const WH_DETERMINER = /^(hvilke|hvilken|hvilket)$/;
const WH_KIND = /^(for|slags|slag|type|typer|typar|kind|kinds|sort|sorts)$/;
const WH_KIND_OF = /^(av|of)$/;

/**
 * The word a question asks about, when a question word picks it out: "Hvilke lover gir …" →
 * "lover", "Kva for opplysningar …" → "opplysninger", "What tool do you use?" → "tool"'s bokmål
 * form. A section that does not mention it cannot answer the question, however much else it shares.
 */
export function questionFocus(text: string): string | undefined {
  const raw = rawWords(text);
  const mapped = mappedWords(text);
  // Only when the term map kept words one to one can raw and mapped words be lined up.
  if (raw.length !== mapped.length) return undefined;
  for (let i = 0; i < mapped.length - 1; i++) {
    const word = mapped[i]!;
    const english = raw[i] === 'what' || raw[i] === 'which';
    if (!WH_DETERMINER.test(word) && !(word === 'hva' && (english || WH_KIND.test(mapped[i + 1]!)))) continue;
    let j = i + 1;
    if (WH_KIND.test(mapped[j] ?? '')) j++;
    if (WH_KIND_OF.test(mapped[j] ?? '') && WH_KIND.test(mapped[j - 1] ?? '')) j++;
    const next = mapped[j];
    return next !== undefined && contentWords(next).length === 1 ? next : undefined;
  }
  return undefined;
}

/** "Hva er …", "Kva tyder …", "What is …", "What does … mean": asks for a definition. */
export function asksForDefinition(text: string): boolean {
  return /^(hva|what) (er|is|betyr|are|does)\b|^hva (menes|meiner|tyder)\b|\bbetyr\b/.test(mappedWords(text).join(' '));
}

/** The roots as the stemmer leaves them, so "dele" also matches the stem "del". */
const PRIVACY_STEM_ROOTS = [...new Set(PRIVACY_ROOTS.map((root) => stem(root)))];

/** "… om meg", "what you have on me", "my kid's …", "saken min": a question about the resident's own data. */
const ABOUT_ME = /\b(om|about|on|of) (jeg|meg)\b|\b(min|mine|mitt|mi|my) (barn|sønn|datter|opplysninger|opplysningene|sak|saker|journal)|\b(barn|opplysning\w*|sak|saken|saka|saker|sakene|sakane|journal|journalen|søknad\w*) (min|mine|mitt|mi)\b/;

/** English "me" is nynorsk "we" in the term map, so the English form is read from the raw words. */
const ABOUT_ME_ENGLISH = /\b(about|on|of) me\b/;

export function mentionsPrivacy(text: string, stems: readonly string[]): boolean {
  return (
    stems.some((s) => PRIVACY_STEM_ROOTS.some((root) => s.startsWith(root))) ||
    ABOUT_ME.test(mappedWords(text).join(' ')) ||
    ABOUT_ME_ENGLISH.test(rawWords(text).join(' '))
  );
}
