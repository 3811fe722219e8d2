/**
 * The reviewed term map: brings nynorsk, English and everyday words to the bokmål form the
 * Norwegian stemmer then reduces, so "informasjonskapslar", "cookies" and "informasjonskapsler"
 * meet in one index term. Linguistic data only: no municipality's facts belong here.
 */

/** Multi-word expressions folded to one word before anything else (matched on lower-case words). */
export const PHRASES: Record<string, string> = {
  'data protection officer': 'personvernombud',
  'privacy officer': 'personvernombud',
  'data protection': 'personvern',
  'personal data': 'personopplysninger',
  'personal information': 'personopplysninger',
  'privacy policy': 'personvernerklæring',
  'privacy notice': 'personvernerklæring',
  'privacy statement': 'personvernerklæring',
  'legal basis': 'behandlingsgrunnlag',
  'lawful basis': 'behandlingsgrunnlag',
  'rettslig grunnlag': 'behandlingsgrunnlag',
  'rettsleg grunnlag': 'behandlingsgrunnlag',
  'rettslige grunnlaget': 'behandlingsgrunnlag',
  'rettslege grunnlaget': 'behandlingsgrunnlag',
  'phone number': 'telefonnummer',
  'telephone number': 'telefonnummer',
  'email address': 'epostadresse',
  'e mail': 'epost',
  'e post': 'epost',
  'e postadresse': 'epostadresse',
  'e postadressa': 'epostadresse',
  'web site': 'nettside',
  'min side': 'minside',
  'mi side': 'minside',
  'text message': 'sms',
  'text messages': 'sms',
  'pass on': 'dele',
  'hand over': 'utlevere',
  'how long': 'lenge',
  'ta vare på': 'oppbevare',
  'tar vare på': 'oppbevare',
  'tek vare på': 'oppbevare',
  'tok vare på': 'oppbevare',
  'tatt vare på': 'oppbevare',
  'teke vare på': 'oppbevare',
  'take care of': 'oppbevare',
  'kor lenge': 'lenge',
  'hvor lenge': 'lenge',
  'third country': 'tredjeland',
  'third countries': 'tredjeland',
  'processing record': 'behandlingsprotokoll',
  'record of processing': 'behandlingsprotokoll',
  'records of processing': 'behandlingsprotokoll',
  'service office': 'servicekontor',
  'customer service': 'servicekontor',
  'health records': 'journal',
  'sick note': 'sykemelding',
  'sick leave': 'sykemelding',
  'doctor note': 'legeattest',
  'doctors note': 'legeattest',
  'medical certificate': 'legeattest',
  'medical note': 'legeattest',
  'social security number': 'personnummer',
  // working for the municipality is being one of its employees
  'jobber i kommunen': 'ansatt kommunen', 'jobbar i kommunen': 'ansatt kommunen', 'jobber på kommunen': 'ansatt kommunen',
  'jobbar på kommunen': 'ansatt kommunen', 'arbeider i kommunen': 'ansatt kommunen', 'arbeidar i kommunen': 'ansatt kommunen',
  'jobber for kommunen': 'ansatt kommunen', 'jobbar for kommunen': 'ansatt kommunen', 'arbeider for kommunen': 'ansatt kommunen',
  'work for the': 'ansatt', 'works for the': 'ansatt', 'working for the': 'ansatt',
  'work at the': 'ansatt', 'works at the': 'ansatt', 'working at the': 'ansatt', 'work in the': 'ansatt', 'works in the': 'ansatt',
  'medical records': 'journal',
  'sensitive data': 'sensitive personopplysninger',
  'special categories': 'sensitive personopplysninger',
  'særlege kategoriar': 'sensitive personopplysninger',
  'særlige kategorier': 'sensitive personopplysninger',
  'adult education': 'voksenopplæring',
  'nursing home': 'sykehjem',
  'care home': 'sykehjem',
  'automated decision': 'automatisert avgjørelse',
  'automated decisions': 'automatisert avgjørelse',
  'freedom of information': 'offentlighet',
  'public records': 'offentlighet',
  'ip address': 'ipadresse',
  'ip adresse': 'ipadresse',
  'ip adressa': 'ipadresse',
};

/**
 * English verbs whose particle may follow the object ("pass my details on", "hand the file over"):
 * verb form → [particle, replacement]. The particle, up to MAX_SPLIT_GAP words later, is dropped.
 */
export const SPLIT_PHRASES: Record<string, [particle: string, replacement: string]> = {
  pass: ['on', 'dele'], passes: ['on', 'dele'], passed: ['on', 'dele'], passing: ['on', 'dele'],
  hand: ['over', 'utlevere'], hands: ['over', 'utlevere'], handed: ['over', 'utlevere'], handing: ['over', 'utlevere'],
  give: ['out', 'utlevere'], gives: ['out', 'utlevere'], giving: ['out', 'utlevere'], gave: ['out', 'utlevere'], given: ['out', 'utlevere'],
  send: ['on', 'dele'], sends: ['on', 'dele'], sent: ['on', 'dele'], sending: ['on', 'dele'],
};

/** Single words replaced by one or more words before stemming (English, nynorsk, spelling variants). */
export const WORDS: Record<string, string> = {
  // question and function words (nynorsk, dialect, English) to bokmål
  korleis: 'hvordan', koss: 'hvordan', kossen: 'hvordan', how: 'hvordan',
  kva: 'hva', ka: 'hva', what: 'hva', which: 'hvilke', kvifor: 'hvorfor', why: 'hvorfor',
  kven: 'hvem', kem: 'hvem', who: 'hvem', kor: 'hvor', where: 'hvor', når: 'når', when: 'når',
  eg: 'jeg', æ: 'jeg', e: 'er', i: 'jeg', me: 'vi', we: 'vi', you: 'dere', ikkje: 'ikke', not: 'ikke',
  // privacy vocabulary, English to bokmål
  privacy: 'personvern', gdpr: 'personvernforordningen', dpo: 'personvernombud', ombudsman: 'personvernombud',
  data: 'opplysninger', dataene: 'opplysningene', datane: 'opplysningene', dataa: 'opplysningene', dataen: 'opplysningene', information: 'opplysninger', info: 'opplysninger', details: 'opplysninger',
  personal: 'personlig', sensitive: 'sensitive', health: 'helseopplysninger',
  rights: 'rettigheter', right: 'rett', access: 'innsyn', insight: 'innsyn', copy: 'kopi',
  delete: 'slette', deleted: 'slettet', deletion: 'sletting', erase: 'slette', erased: 'slettet',
  erasure: 'sletting', remove: 'slette', removed: 'slettet', forgotten: 'slettet',
  correct: 'rette', corrected: 'rettet', correction: 'retting', rectify: 'rette', rectification: 'retting',
  fix: 'rette', wrong: 'feil', incorrect: 'feil', error: 'feil', errors: 'feil', mistakes: 'feil',
  restrict: 'begrense', restriction: 'begrensning', limit: 'begrense',
  portability: 'dataportabilitet', portable: 'dataportabilitet', transfer: 'overføre', transferred: 'overført',
  object: 'protestere', objection: 'protest', oppose: 'protestere',
  complain: 'klage', complaint: 'klage', appeal: 'klage',
  consent: 'samtykke', withdraw: 'trekke', purpose: 'formål', purposes: 'formål', reason: 'formål',
  basis: 'grunnlag', law: 'lov', laws: 'lover', act: 'lov', regulation: 'forordning', legislation: 'lover',
  cookie: 'informasjonskapsler', cookies: 'informasjonskapsler', informasjonskapsel: 'informasjonskapsler',
  informasjonskapslane: 'informasjonskapsler', informasjonskapslene: 'informasjonskapsler',
  analytics: 'analyse', analysis: 'analyse', statistics: 'statistikk', stats: 'statistikk',
  tracking: 'sporing', tracker: 'sporing', trackers: 'sporing', track: 'sporing',
  tool: 'verktøy', tools: 'verktøy', software: 'verktøy', website: 'nettside', webpage: 'nettside',
  site: 'nettside', web: 'nettside', homepage: 'hjemmeside', heimeside: 'hjemmeside', heimesida: 'hjemmeside',
  heimesidene: 'hjemmeside', nettstad: 'nettsted', nettstaden: 'nettsted',
  log: 'logg', logs: 'logg', logged: 'logget', logging: 'logging', server: 'server', webserver: 'webserver',
  store: 'lagre', stored: 'lagret', storage: 'lagring', keep: 'oppbevare', kept: 'oppbevart',
  retention: 'lagringstid', retain: 'oppbevare', archive: 'arkiv', archived: 'arkivert', archiving: 'arkivering',
  share: 'dele', shared: 'delt', sharing: 'deling', disclose: 'utlevere', disclosed: 'utlevert',
  recipients: 'mottakere', recipient: 'mottaker', receive: 'motta', gets: 'får', get: 'få',
  processor: 'databehandler', processors: 'databehandler', supplier: 'leverandør', suppliers: 'leverandør',
  vendor: 'leverandør', provider: 'leverandør', providers: 'leverandør',
  controller: 'behandlingsansvarlig', responsible: 'ansvarlig', owner: 'eier',
  process: 'behandle', processing: 'behandling', processed: 'behandlet', handle: 'behandle', handled: 'behandlet',
  collect: 'samle', collected: 'samlet', collection: 'innsamling', gather: 'samle',
  secure: 'sikre', security: 'sikkerhet', protect: 'sikre', protected: 'sikret', safe: 'sikker',
  confidentiality: 'taushetsplikt', secrecy: 'taushetsplikt', confidential: 'taushetsplikt',
  email: 'epost', emails: 'epost', mail: 'post', letter: 'brev', letters: 'brev', phone: 'telefon',
  telephone: 'telefon', call: 'ringe', calls: 'telefonsamtaler', number: 'nummer', address: 'adresse',
  ringde: 'ringe', ringte: 'ringe', ringt: 'ringe', ringer: 'ringe', called: 'ringe',
  contact: 'kontakte', reach: 'kontakte', ask: 'spørre', spørje: 'spørre', married: 'gift', spouse: 'ektefelle',
  ungen: 'barn', unge: 'barn', ungane: 'barn', born: 'barn', kids: 'barn', daughter: 'barn', son: 'barn', virus: 'virus', viruses: 'virus', spam: 'spam',
  school: 'skole', kindergarten: 'barnehage', nursery: 'barnehage', pupils: 'elever', students: 'elever',
  employees: 'ansatte', staff: 'ansatte', employee: 'ansatt', case: 'sak', cases: 'saker',
  municipality: 'kommune', council: 'kommune', form: 'skjema', forms: 'skjema', survey: 'spørreundersøkelse',
  deadline: 'frist', days: 'dager', day: 'dag', month: 'måned', months: 'måneder', year: 'år', years: 'år',
  answer: 'svar', answers: 'svar', answered: 'svart', reply: 'svar', respond: 'svare', response: 'svar',
  fast: 'raskt', quickly: 'raskt', soon: 'raskt', long: 'lenge',
  free: 'gratis', cost: 'koste', costs: 'koster', charge: 'gebyr', fee: 'gebyr',
  identity: 'identitet', id: 'legitimasjon', verify: 'bekrefte', proof: 'legitimasjon',
  facebook: 'facebook', social: 'sosiale', media: 'medier', camera: 'kamera', cctv: 'kameraovervåking',
  surveillance: 'overvåking', abroad: 'utlandet', outside: 'utenfor', eu: 'eu', eea: 'eøs', usa: 'usa',
  automatic: 'automatisk', automated: 'automatisert', decision: 'avgjørelse', decisions: 'avgjørelser',
  protocol: 'protokoll', record: 'opplysninger', records: 'opplysninger', recorded: 'registrert', register: 'register',
  principles: 'prinsipper', definition: 'definisjon', mean: 'betyr', means: 'betyr', meaning: 'betyr',
  public: 'offentlig', openness: 'offentlighet', journal: 'journal', breach: 'brudd', leak: 'lekkasje',
  children: 'barn', child: 'barn', parents: 'foreldre', patient: 'pasient', patients: 'pasienter',
  hospital: 'sykehus', telephony: 'telefoni', antivirus: 'antivirus', password: 'passord',
  // nynorsk and bokmål spelling variants whose stems would not otherwise meet
  personvernombod: 'personvernombud', personvernombodet: 'personvernombud', ombod: 'ombud', ombodet: 'ombud',
  personvernombodtenesta: 'personvernombud', handsaming: 'behandling', handsaminga: 'behandling',
  handsame: 'behandle', handsamar: 'behandler', handsama: 'behandlet',
  sjukehus: 'sykehus', sjukehuset: 'sykehus', teieplikt: 'taushetsplikt', teieplikta: 'taushetsplikt',
  føremål: 'formål', føremålet: 'formål', tilsette: 'ansatte', tilsett: 'ansatt',
  rettleiing: 'veiledning', avgjerd: 'avgjørelse', avgjerder: 'avgjørelser', motsegn: 'protest',
  mynde: 'myndighet', verksemd: 'virksomhet', verksemda: 'virksomhet', skule: 'skole', skulen: 'skole',
  tenester: 'tjenester', teneste: 'tjeneste', tenesta: 'tjeneste', tenestene: 'tjenestene',
  tenestleg: 'tjenstlig', vaksenopplæring: 'voksenopplæring', vaksenopplæringa: 'voksenopplæring',
  rettigheiter: 'rettigheter', rettar: 'rettigheter', rettane: 'rettighetene', fråvær: 'fravær',
  prøveresultat: 'prøveresultater', avgrensing: 'begrensning', avgrensa: 'begrense', avgrense: 'begrense',
  sperra: 'sperret', sletta: 'slettet', retta: 'rettet', lagra: 'lagret', lagrast: 'lagres',
  opplysingar: 'opplysninger', opplysingane: 'opplysningene', nokon: 'noen', noko: 'noe',
  sporingsverktøy: 'sporing verktøy', nettstatistikk: 'nettside statistikk', webanalyse: 'nettside analyse',
  nettsida: 'nettside', nettsidene: 'nettside', nettsiden: 'nettside', nettsider: 'nettside',
  // dialect and everyday forms
  "i'd": 'jeg vil', 'i’d': 'jeg vil', utan: 'uten', ønskjer: 'ønsker', treng: 'trenger', krev: 'krever',
  åssen: 'hvordan', hvordn: 'hvordan', hvorden: 'hvordan', åpenhet: 'offentlighet',
  meiroffentlegheit: 'meroffentlighet', meroffentlighet: 'meroffentlighet', offentlegheit: 'offentlighet',
  offentleglova: 'offentleglova', epostadressa: 'epostadresse', telefonnummeret: 'telefonnummer',
  // dialect pronouns and question words (trøndersk, vestlandsk, nordnorsk)
  mæ: 'meg', dæ: 'deg', sæ: 'seg', dokker: 'dere', dokk: 'dere', dåkker: 'dere', dæm: 'dem',
  koffor: 'hvorfor', kofor: 'hvorfor', korfor: 'hvorfor', korsn: 'hvordan', kordan: 'hvordan', itj: 'ikke',
  // nynorsk forms whose bokmål stem differs
  sjå: 'se', viss: 'hvis', gonger: 'ganger', gong: 'gang', frå: 'fra',
  // more everyday English
  kid: 'barn', exam: 'eksamen', exams: 'eksamen', result: 'resultat', results: 'resultater',
  visit: 'besøk', visits: 'besøk', visited: 'besøkt', visitor: 'besøkende', visitors: 'besøkende',
  gave: 'gitt', given: 'gitt', need: 'trenger', needs: 'trenger',
  refuse: 'nekte', refused: 'nektet', deny: 'nekte', denied: 'nektet', reject: 'avslå', rejected: 'avslått', prevent: 'hindre',
  look: 'se', picture: 'bilde', pictures: 'bilder', illness: 'sykdom', disease: 'sykdom', diagnosis: 'diagnose',
  medication: 'medisiner', update: 'oppdatere', updated: 'oppdatert', elderly: 'eldre', pupil: 'elev', absence: 'fravær',
  job: 'jobb', encrypted: 'kryptert', unencrypted: 'ukryptert', encryption: 'kryptert', agree: 'samtykke', agreed: 'samtykket',
  lawful: 'lovlig', paid: 'betalt', speak: 'snakke', satisfied: 'fornøyd', forever: 'alltid',
  other: 'andre', others: 'andre', family: 'familie', relatives: 'pårørende',
  sell: 'selge', sells: 'selger', selling: 'selge', sold: 'solgt',
  journalists: 'journalister', newspaper: 'avis', newspapers: 'aviser',
  // family words: a question about one's daughter or son is about one's child
  datter: 'barn', datteren: 'barn', dattera: 'barn', døtre: 'barn', døtrene: 'barn', dotter: 'barn', dottera: 'barn',
  døtrer: 'barn', sønn: 'barn', sønnen: 'barn', sønner: 'barn', sønnene: 'barn', sonen: 'barn', søner: 'barn',
  sønene: 'barn', borna: 'barn', barna: 'barn', barnet: 'barn', ungar: 'barn', unger: 'barn', ungene: 'barn',
  // nynorsk health words
  sjukdom: 'sykdom', sjukdomen: 'sykdom', sjukeheim: 'sykehjem', sjukeheimen: 'sykehjem',
};

/**
 * Stems fixed by prefix where Snowball would merge different words: "rettigheter" (rights) and
 * "rette" (correct) both stem to "rett".
 */
export const STEM_OVERRIDES: [prefix: string, stem: string][] = [
  ['rettighe', 'rettighet'],
];

/**
 * Words that carry no meaning for retrieval, in nb, nn and en (after the WORDS map, so only the
 * bokmål forms of mapped words need listing).
 */
export const STOPWORDS = new Set(
  `og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min mitt
  ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle
  vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg
  si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn
  inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk
  dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne kvar kvarhelst kven kvi
  kvifor me medan mi mine mykje no nokon noka nokor noko nokre si sia sidan so somt somme um upp vere
  vore verte vort varte vart kor korleis kva kvifor ka ikkje berre fordi difor hvilket hvilken hvilke
  the a an of to in is are be was were it its this that these those and or for on at by with from as
  do does did can could would should will shall may might have has had my mine your yours our their
  me us them they he she his her please tell about any there what which who whom whose how why when
  where if so than then too very just also into out up down get got want like know need i'm i've
  du dere deg meg min mi mitt mine vår våre oss vi dykk hei takk få får fikk fått gjøre gjør gjere gjer
  vert vart verte blitt vorte nokon stad sted somewhere anywhere
  egentlig eigentleg actually really lure lurer lurte wonder wondering tenkte tenker lurt
  all let lets anyone anybody anything everything hu slags sorts faktisk gang ganger times
  vanlig vanlige vanleg vanlege ordinary else someone somebody people am`.split(/\s+/),
);

/**
 * Words residents use interchangeably for one idea (bokmål forms). A question word also searches
 * its group, and counts as covered when any of them matches: "utlevert" finds "overført til
 * eksterne mottakarar", "sikrar" finds "beskytter".
 */
export const SYNONYMS: string[][] = [
  ['dele', 'deler', 'delt', 'utlevere', 'utlevert', 'utlevering', 'overføre', 'overført', 'mottaker', 'mottakere', 'tredjepart', 'videreformidle', 'videreformidling'],
  ['sikre', 'sikrer', 'sikker', 'sikkerhet', 'beskytte', 'beskytter', 'trygg', 'trygge', 'vern', 'verne', 'ivareta', 'ivaretar'],
  ['lagre', 'lagret', 'lagres', 'lagring', 'oppbevare', 'oppbevarer', 'oppbevart', 'lagringstid'],
  ['slette', 'slettet', 'sletting', 'fjerne', 'fjernet'],
  ['rette', 'rettet', 'retting', 'korrigere', 'korrigert', 'endre'],
  ['innsyn', 'kopi', 'utskrift'],
  ['kontakte', 'kontakt', 'kontaktar', 'kontaktinformasjon', 'ringe', 'nå', 'snakke'],
  ['nettside', 'nettsted', 'hjemmeside', 'webside'],
  ['analyse', 'analyseverktøy', 'statistikk', 'besøksstatistikk', 'sporing', 'webanalyse'],
  ['lov', 'lover', 'hjemmel', 'hjemlet', 'lovheimel', 'regulere', 'regulerer', 'regulert'],
  ['tilgang', 'tilgjengelig', 'adgang'],
  ['bruke', 'bruker', 'benytte', 'benytter', 'nytte', 'nytter'],
  ['begrense', 'begrensning', 'sperre', 'sperret'],
  ['protest', 'protestere', 'motsegn', 'innsigelse', 'reservere', 'nekte'],
  ['behandlingsgrunnlag', 'grunnlag', 'rettsgrunnlag'],
  ['leverandør', 'databehandler', 'underleverandør'],
  ['ansatte', 'tilsette', 'saksbehandler', 'saksbehandlere'],
  ['europa', 'eu', 'eøs', 'eea', 'europeisk'],
  // "How long" is answered by a duration: "30 dagar", "fem år", "lagringstid".
  ['lenge', 'dager', 'dagar', 'døgn', 'uker', 'veker', 'måneder', 'månader', 'år', 'periode', 'lagringstid', 'tidsrom'],
  ['gift', 'ektefelle', 'samboer', 'sambuar', 'sivilstatus', 'partner'],
  ['kontakte', 'spørre', 'henvende', 'vende'],
  ['barn', 'born', 'elev', 'elever'],
  ['nekte', 'nekter', 'nektet', 'avslå', 'avslår', 'avslått', 'avvise', 'avviser', 'avvist'],
  ['presse', 'pressen', 'journalist', 'journalister', 'avis', 'aviser'],
];

/**
 * Everyday words for things that belong to a category the notices name with their own word: a
 * doctor's certificate or a sick note is health data, whatever the notice calls it. A question
 * word here also searches its category words and counts as covered by them (one way: asking about
 * "helseopplysninger" does not search for sick notes). Only relations true in general belong here,
 * never one notice's wording.
 */
export const KINDS: Record<string, string[]> = {
  helseopplysninger: [
    'legeattest', 'legeerklæring', 'helseattest', 'sykemelding', 'sjukemelding', 'sykmelding', 'sjukmelding',
    'diagnose', 'diagnoser', 'medisin', 'medisiner', 'sykdom', 'sjukdom', 'resept', 'epikrise', 'vaksine', 'vaksinasjon',
    'psykolog', 'legejournal', 'pasientjournal',
  ],
  fødselsnummer: ['personnummer', 'personnr'],
  // selling data is one way of handing it over
  utlevere: ['selge', 'selger', 'selges', 'solgt', 'selje', 'seljer', 'seljast', 'selt'],
};

