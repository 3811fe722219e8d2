/**
 * What GDPR Art. 13 requires a privacy notice to tell, as data: one rule per item, each with
 * one or more parts (e.g. the six rights). A part is decided from the file's structured data
 * (`data`), the sections' topics (`topics`) and the notice's own words (`patterns`, matched per
 * sentence of a section's title and text, bokmål and nynorsk forms).
 *
 * Patterns are written to recognise a notice *telling* the thing, not merely naming it: "klage
 * til Datatilsynet" needs both words in one sentence, the right of access is not party access
 * under forvaltningsloven, and so on. Flags are always `iu`; `\b` only next to ASCII letters
 * (JavaScript's `\b` does not see æ, ø, å as letters).
 */
import type { Topic } from '../content/schema';
import type { SentencePattern } from './text';

/**
 * Structured data that supports a part:
 * - `controller`: the `controller` field names the controller (not just "Kommunen")
 * - `service_office.details`: `contacts.service_office` has a phone, e-mail or address
 * - `dpo`: `contacts.dpo` exists
 * - `dpo.details`: `contacts.dpo` has a phone, e-mail or address
 */
export type DataSource = 'controller' | 'service_office.details' | 'dpo' | 'dpo.details';

export interface Art13Part {
  id: string;
  /** Norwegian (bokmål), as shown to the municipality. */
  label: string;
  /** Sections tagged with one of these are about this part. */
  topics: readonly Topic[];
  /** Sentences that tell it. */
  patterns: readonly SentencePattern[];
  /** Sentences that only mention it in passing: the part is then `weak`. */
  weakPatterns?: readonly SentencePattern[];
  /** Why a `weak` part is weak. */
  weakNote?: string;
  /** Sentences matching one of these never count (e.g. party access is not the GDPR right of access). */
  exclude?: readonly SentencePattern[];
  data?: readonly DataSource[];
  /** Only sections tagged with one of `topics` count as text evidence. */
  taggedOnly?: boolean;
  /**
   * `false` when the topics are about the item as a whole rather than this part (a `transfers`
   * section without a safeguard, a `consent` section without withdrawal): a tagged section
   * without matching text then leaves the part `missing`, not `tag_only`.
   */
  tagIsEvidence?: boolean;
  /** Sections tagged with one of these never count (e.g. the DPO's card is not the controller's contact). */
  excludeTopics?: readonly Topic[];
}

export interface Art13Rule {
  id: string;
  /** e.g. "13(1)(a)". */
  article: string;
  /** Norwegian (bokmål). */
  label: string;
  /** All topics the rule looks at (the union of its parts'). */
  topics: readonly Topic[];
  parts: readonly Art13Part[];
  /** Only required where this holds (consent withdrawal where consent is used); else `not_applicable`. */
  appliesWhen?: { topics: readonly Topic[]; patterns: readonly SentencePattern[]; note: string };
  /** The note when the item is missing entirely (default: the notice says nothing about it). */
  missingNote?: string;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u;
/** Eight digits, spaced or not, optionally after +47: "920 76 580", "53 74 80 00", "56575000". */
const PHONE = /(?<!\d)(?:\+47 ?)?(?:\d ?){7}\d(?!\d)/u;
const POSTBOX = /\bpostboks\b/iu;
/** A Norwegian postcode and place: "5559 SVEIO", "5649 Eikelandsosen" (case-sensitive on purpose). */
const POSTCODE = /(?<!\d)\d{4} [A-ZÆØÅ][A-ZÆØÅa-zæøå]+/u;
const CONTACT_DETAILS: readonly SentencePattern[] = [EMAIL, PHONE, POSTBOX, POSTCODE];

const RIGHT_CUE = /(?<!\p{L})(?:rett|krev\p{L}*|be|ber|kan|få)(?!\p{L})/iu;

export const ART13_RULES: readonly Art13Rule[] = [
  {
    id: 'controller',
    article: '13(1)(a)',
    label: 'Behandlingsansvarlig og kontaktopplysninger',
    topics: ['controller', 'contact'],
    parts: [
      {
        id: 'identity',
        label: 'hvem som er behandlingsansvarlig',
        topics: ['controller'],
        data: ['controller'],
        patterns: [
          /\bkommunen?\b[^.!?]{0,80}\ber\b[^.!?]{0,60}behandlingsansvarl/iu,
          /behandlingsansvarl\w*\s+(?:er|:)\s+[^.!?]{0,60}\bkommune/iu,
          /(?:øvste|øverste)\s+ansvarl\w*\s+for\s+(?:all\s+)?behandling/iu,
        ],
      },
      {
        id: 'contact',
        label: 'kontaktopplysninger til behandlingsansvarlig',
        topics: ['controller', 'contact'],
        data: ['service_office.details'],
        taggedOnly: true,
        tagIsEvidence: false,
        excludeTopics: ['dpo'],
        patterns: CONTACT_DETAILS,
      },
    ],
  },
  {
    id: 'dpo',
    article: '13(1)(b)',
    label: 'Kontaktopplysninger til personvernombudet',
    topics: ['dpo'],
    parts: [
      {
        id: 'dpo',
        label: 'at kommunen har personvernombud',
        topics: ['dpo'],
        data: ['dpo'],
        patterns: [/personvernomb(?:u|o)d/iu],
      },
      {
        id: 'contact',
        label: 'kontaktopplysninger til personvernombudet',
        topics: ['dpo'],
        data: ['dpo.details'],
        taggedOnly: true,
        tagIsEvidence: false,
        patterns: CONTACT_DETAILS,
      },
    ],
  },
  {
    id: 'purpose_legal_basis',
    article: '13(1)(c)',
    label: 'Formål og rettslig grunnlag',
    topics: ['purpose', 'legal_basis'],
    parts: [
      {
        id: 'purpose',
        label: 'formålet med behandlingen',
        topics: ['purpose'],
        patterns: [
          /\bform[åa]l|føremål/iu,
          /behandl\w*\s+(?:dine\s+)?personopplysning\w*[^.!?]{0,40}\bfor\s+å\b/iu,
          /\bfor\s+å\s+(?:kunne\s+)?(?:utføre|utføra|tilby|levere|levera|identifisere|administrere|saksbehandl)/iu,
        ],
      },
      {
        id: 'legal_basis',
        label: 'det rettslige grunnlaget',
        topics: ['legal_basis'],
        patterns: [
          /rettsl[ie]g\w*\s+grunnlag|behandlingsgrunnlag|rettsl[ie]g\w*\s+(?:plikt|forplikt)/iu,
          /artikkel\s+6\b|\bart\.\s*6\b/iu,
          /\b(?:heimel|heimla|hjemmel|hjemlet|hjemla)\b|lovhei?mel|lovhjemmel|lovpålag/iu,
          /\bsamtykke\b[^.!?]{0,60}(?:grunnlag|basert)|(?:grunnlag|basert)[^.!?]{0,60}\bsamtykke\b/iu,
          /offentleg\s+mynde|offentlig\s+myndighet|allmenn\w*\s+(?:si\s+)?interesse|berettiga|berettiget/iu,
        ],
      },
    ],
  },
  {
    id: 'recipients',
    article: '13(1)(e)',
    label: 'Mottakere og databehandlere',
    topics: ['sharing', 'processors'],
    parts: [
      {
        id: 'recipients',
        label: 'mottakere eller kategorier av mottakere',
        topics: ['sharing', 'processors'],
        patterns: [
          /mottak[ae]r/iu,
          /utlever/iu,
          /\bdatabehandl(?:ar|er)/iu,
          /leverandør/iu,
          /tredjepart/iu,
          [
            /\b(?:deler|dele|delt|gir|gi|sender|sendt)\b|overfør/iu,
            /\b(?:NAV|sjukehus|sykehus|Skatteetaten|Utdanningsdirektoratet|eksterne|andre\s+offentlige|andre\s+offentlege)\b/iu,
          ],
        ],
      },
    ],
  },
  {
    id: 'transfers',
    article: '13(1)(f)',
    label: 'Overføring til land utenfor EU/EØS og grunnlaget for den',
    topics: ['transfers'],
    missingNote: 'Erklæringen sier ikke om opplysninger overføres ut av EU/EØS (skal opplyses der det skjer).',
    parts: [
      {
        id: 'transfer',
        label: 'om opplysninger overføres ut av EU/EØS',
        topics: ['transfers'],
        patterns: [/tredjeland/iu, /(?:utanfor|utenfor|ut\s+av)\s+(?:EU|EØS)/iu, /\bUSA\b/u, /\bland\s+(?:utanfor|utenfor)\b/iu],
      },
      {
        id: 'safeguard',
        label: 'grunnlaget eller garantien for overføringen',
        topics: ['transfers'],
        tagIsEvidence: false,
        patterns: [
          /standard\s*(?:personvern)?\s*(?:bestemm|kontrakt|klausul)|standardkontrakt|standardklausul|modellklausul|\bSCC\b/iu,
          /tilstrekkel\w*\s+(?:\S+\s+)?nivå|tilstrekkel\w*\s+\w*nivå|adekvans/iu,
          /Data\s+Privacy\s+Framework|bindande\s+verksemdsreglar|bindende\s+virksomhetsregler|passande\s+tryggingstiltak|nødvendige\s+garanti/iu,
          /Privacy\s+Shield/iu,
        ],
      },
    ],
  },
  {
    id: 'retention',
    article: '13(2)(a)',
    label: 'Lagringstid eller kriteriene for den',
    topics: ['retention', 'archive'],
    parts: [
      {
        id: 'retention',
        label: 'hvor lenge opplysningene lagres',
        topics: ['retention', 'archive'],
        patterns: [
          /lagringstid|oppbevaringstid/iu,
          [
            /lagr|oppbevar|slett|\blogg|arkiver|\barkiv\b/iu,
            /så\s+lenge|(?<!\d)\d+\s*(?:dagar|dager|dag|døgn|veker|uker|månader|måneder|år)\b|ubestemt\s+tid|lovhei?mel|lovhjemmel|arkivlov|etter\s+ei\s+gitt\s+tid|ikk(?:j)?e\s+lenger\s+(?:er\s+)?nødvendig|ikke\s+lenger\s+trengs/iu,
          ],
        ],
      },
    ],
  },
  {
    id: 'rights',
    article: '13(2)(b)',
    label: 'Rettighetene (innsyn, retting, sletting, begrensning, protest, dataportabilitet)',
    topics: ['rights', 'access', 'rectification', 'erasure', 'restriction', 'objection', 'portability'],
    parts: [
      {
        id: 'access',
        label: 'innsyn',
        topics: ['access'],
        patterns: [[/innsyn/iu, RIGHT_CUE], /(?:rett\s+til\s+å|be\s+om\s+å)\s+(?:få\s+)?(?:vite|vita|sjå|se)(?!\p{L})/iu],
        exclude: [/partsinnsyn|\bpart(?:ane|ene|en)?\b|offentl\w*\s+journal|offentleglov|offentlegheit|offentlighet|saksdokument|protokoll/iu],
      },
      {
        id: 'rectification',
        label: 'retting',
        topics: ['rectification'],
        patterns: [
          /\bretting\b|korriger/iu,
          [/\brett(?:e|a|ast|es|et)\b/iu, /feil|mangelfull|ufullstendig|misvis|uriktig|ikk(?:j)?e\s+(?:er\s+)?riktig|supplere/iu],
        ],
      },
      {
        id: 'erasure',
        label: 'sletting',
        topics: ['erasure'],
        patterns: [[/slett/iu, /\b(?:rett|krev\w*|be|ber|kan\s+du|du\s+kan|kan\s+eg|kan\s+jeg)\b/iu]],
        exclude: [/informasjonskaps|cookie|innlegg|kommentar/iu],
      },
      {
        id: 'restriction',
        label: 'begrensning av behandling',
        topics: ['restriction'],
        patterns: [[/\b(?:begrens|avgrens)/iu, /behandl|\bbruk/iu]],
        weakPatterns: [/\bsperr/iu],
        weakNote: 'omtalt bare som «sperring», ikke som retten til begrensning av behandling (GDPR art. 18)',
      },
      {
        id: 'objection',
        label: 'protest',
        topics: ['objection'],
        patterns: [/\bprotest|motsegn|innsigelse|\bmotsett\w*\s+(?:deg|meg|seg)\b/iu],
      },
      {
        id: 'portability',
        label: 'dataportabilitet',
        topics: ['portability'],
        patterns: [/portabilitet/iu, [/ta\s+med\s+seg|\bflytt|overfør/iu, /verksemd|virksomhet|behandlingsansvarl/iu, /\b(?:rett|kan|krev\w*)\b/iu]],
      },
    ],
  },
  {
    id: 'consent_withdrawal',
    article: '13(2)(c)',
    label: 'Retten til å trekke tilbake samtykke',
    topics: ['consent'],
    appliesWhen: {
      topics: ['consent'],
      patterns: [/samtykk|tillatelse\s+fra\s+deg|løyve\s+frå\s+deg/iu],
      note: 'Erklæringen nevner ikke samtykke som grunnlag, så kravet gjelder ikke.',
    },
    missingNote: 'Erklæringen nevner samtykke, men sier ikke at det kan trekkes tilbake.',
    parts: [
      {
        id: 'withdrawal',
        label: 'at samtykke kan trekkes tilbake',
        topics: ['consent'],
        tagIsEvidence: false,
        patterns: [[/samtykk/iu, /trekk\w*\s+(?:\S+\s+){0,3}tilbake|tilbake\s*trekk|tilbakekall|\bangre/iu]],
      },
    ],
  },
  {
    id: 'complaint',
    article: '13(2)(d)',
    label: 'Retten til å klage til Datatilsynet',
    topics: ['complaint'],
    parts: [
      {
        id: 'complaint',
        label: 'retten til å klage til Datatilsynet',
        topics: ['complaint'],
        patterns: [[/klag/iu, /Datatilsynet/iu]],
      },
    ],
  },
  {
    id: 'automated_decisions',
    article: '13(2)(f)',
    label: 'Automatiserte avgjørelser',
    topics: ['automated_decisions'],
    missingNote: 'Erklæringen sier ikke om kommunen bruker automatiserte avgjørelser (skal opplyses der de brukes; si gjerne at de ikke brukes).',
    parts: [
      {
        id: 'automated_decisions',
        label: 'om kommunen bruker automatiserte avgjørelser',
        topics: ['automated_decisions'],
        patterns: [[/automatiser|heilautomat|helautomat|profilering/iu, /\b(?:kommunen|vi|me|oss)\b/iu]],
        weakPatterns: [/automatiser|heilautomat|helautomat|profilering/iu],
        weakNote: 'nevnt bare som en generell rettighet, ikke om kommunen selv bruker automatiserte avgjørelser',
      },
    ],
  },
];

/**
 * Sections whose main (first) topic is one of these describe the law in general: a match there
 * is only `weak` ("Feil opplysningar skal rettast" in an introduction to the GDPR is not this
 * municipality saying you may have your data corrected).
 */
export const GENERAL_MAIN_TOPICS: readonly Topic[] = ['about', 'principles'];
/** Sections whose main topic is one of these (glossaries) are never evidence. */
export const IGNORED_MAIN_TOPICS: readonly Topic[] = ['definitions'];
