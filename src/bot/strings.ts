/**
 * Everything the bot says in its own words, in bokmål, nynorsk and English. Facts never live
 * here: they come from the content files.
 */
import type { Language } from '../content/schema';
import type { Right } from '../knowledge/intents';
import type { Smalltalk } from '../knowledge/intents';

export interface Strings {
  welcome(name: string): string;
  /** Starter questions offered with the welcome (only those the notice answers). */
  suggestions: { rights: string; dpo: string; cookies: string; retention: string };
  askMunicipality: string;
  unknownMunicipality(id: string, known: string): string;
  municipalityChosen(name: string): string;
  changeMunicipalityCommand: RegExp;
  deleteConversationCommand: RegExp;
  conversationDeleted: string;
  answerIntro(name: string): string;
  source: string;
  rightsOverviewIntro(name: string): string;
  askAboutOne: string;
  notCovered(name: string): string;
  closestInNotice: string;
  contactIntro(name: string): string;
  noContact: string;
  generalLabel: string;
  outOfScope(name: string): string;
  smalltalk: Record<Smalltalk, string>;
  handoffPerson: string;
  handoffComplaint: string;
  handoffBreach: string;
  datatilsynet: string;
  rightNames: Record<Right, string>;
  nationalIdWarning: string;
  escalate: string;
  phone: string;
  email: string;
  address: string;
  serviceOffice: string;
  dpo: string;
}

const nb: Strings = {
  welcome: (name) =>
    `Hei! Jeg svarer på spørsmål om personvern i ${name}, ut fra kommunens personvernerklæring. Spør for eksempel «Hvilke rettigheter har jeg?» eller «Bruker dere informasjonskapsler?». Ikke skriv fødselsnummer eller helseopplysninger her.`,
  suggestions: {
    rights: 'Hvilke rettigheter har jeg?',
    dpo: 'Hvem er personvernombudet?',
    cookies: 'Bruker dere informasjonskapsler?',
    retention: 'Hvor lenge lagres opplysningene mine?',
  },
  askMunicipality: 'Hvilken kommune gjelder spørsmålet ditt?',
  unknownMunicipality: (id, known) => `Jeg kjenner ikke kommunen «${id}». Jeg kan svare for: ${known}.`,
  municipalityChosen: (name) => `Da svarer jeg ut fra personvernerklæringen til ${name}. Hva lurer du på?`,
  changeMunicipalityCommand: /^(bytt|endre|velg) kommune|^annen kommune$/i,
  deleteConversationCommand: /^(slett|fjern) (hele |denne )?(samtalen|chatten|samtaleloggen)[.!]?$/i,
  conversationDeleted: 'Samtalen er slettet fra kommunens lagring, også det du skrev i en forespørsel som ikke ble sendt. Skriver du mer, blir det lagret som en ny samtale.',
  answerIntro: (name) => `Dette står i personvernerklæringen til ${name}:`,
  source: 'Kilde',
  rightsOverviewIntro: (name) => `Personvernerklæringen til ${name} beskriver disse rettighetene dine:`,
  askAboutOne: 'Spør gjerne om en av dem, eller skriv for eksempel «Jeg vil ha innsyn» for å be om det.',
  notCovered: (name) => `Personvernerklæringen til ${name} sier ikke noe om dette.`,
  closestInNotice: 'Det nærmeste erklæringen sier, er dette:',
  contactIntro: (name) => `Spør ${name} direkte:`,
  noContact: 'Erklæringen oppgir ingen kontaktopplysninger. Kontakt kommunens servicekontor eller postmottak.',
  generalLabel: 'Generelt om personvern (ikke fra kommunens erklæring):',
  outOfScope: (name) =>
    `Det kan jeg dessverre ikke hjelpe med. Jeg svarer på spørsmål om personvern i ${name}: hvilke opplysninger kommunen behandler og hvorfor, rettighetene dine, informasjonskapsler, lagring, deling og hvem du kan kontakte. Andre spørsmål kan du stille til kommunen.`,
  smalltalk: {
    greeting: 'Hei! Hva vil du vite om personvern?',
    thanks: 'Bare hyggelig! Spør gjerne om mer.',
    goodbye: 'Ha det bra!',
    about_bot:
      'Jeg er en chatbot som svarer på spørsmål om personvern ut fra kommunens personvernerklæring, og hjelper deg å be om innsyn, retting eller sletting.',
  },
  handoffPerson: 'Du kan snakke med en person om personvern her:',
  handoffComplaint: 'Vil du klage på hvordan kommunen behandler opplysningene dine, kan du ta det opp med kommunen her:',
  handoffBreach:
    'Det du beskriver kan være et brudd på personopplysningssikkerheten. Meld det til kommunen så raskt som mulig:',
  datatilsynet: 'Du har også rett til å klage til Datatilsynet (www.datatilsynet.no).',
  rightNames: {
    access: 'innsyn',
    rectification: 'retting',
    erasure: 'sletting',
    restriction: 'begrensning av behandlingen',
    portability: 'dataportabilitet',
    objection: 'protest mot behandlingen',
    automated_decisions: 'ikke å bli utsatt for automatiserte avgjørelser',
    consent_withdrawal: 'å trekke tilbake et samtykke',
  },
  nationalIdWarning:
    'Du skrev noe som ser ut som et fødselsnummer. Av hensyn til personvernet ditt har jeg fjernet det og lagrer det ikke. Ikke del fødselsnummer i chatten.',
  escalate: 'Jeg forstår ikke helt hva du spør om. Det er kanskje lettere å spørre en person:',
  phone: 'telefon',
  email: 'e-post',
  address: 'adresse',
  serviceOffice: 'Servicekontor',
  dpo: 'Personvernombud',
};

const nn: Strings = {
  welcome: (name) =>
    `Hei! Eg svarar på spørsmål om personvern i ${name}, ut frå personvernerklæringa til kommunen. Spør til dømes «Kva rettar har eg?» eller «Brukar de informasjonskapslar?». Ikkje skriv fødselsnummer eller helseopplysningar her.`,
  suggestions: {
    rights: 'Kva rettar har eg?',
    dpo: 'Kven er personvernombodet?',
    cookies: 'Brukar de informasjonskapslar?',
    retention: 'Kor lenge blir opplysningane mine lagra?',
  },
  askMunicipality: 'Kva kommune gjeld spørsmålet ditt?',
  unknownMunicipality: (id, known) => `Eg kjenner ikkje kommunen «${id}». Eg kan svare for: ${known}.`,
  municipalityChosen: (name) => `Då svarar eg ut frå personvernerklæringa til ${name}. Kva lurer du på?`,
  changeMunicipalityCommand: /^(byt|bytt|endre|vel) kommune|^anna kommune$/i,
  deleteConversationCommand: /^(slett|fjern) (heile |denne )?(samtala|samtalen|chatten|samtaleloggen)[.!]?$/i,
  conversationDeleted: 'Samtala er sletta frå lagringa til kommunen, også det du skreiv i ein førespurnad som ikkje vart sendt. Skriv du meir, blir det lagra som ei ny samtale.',
  answerIntro: (name) => `Dette står i personvernerklæringa til ${name}:`,
  source: 'Kjelde',
  rightsOverviewIntro: (name) => `Personvernerklæringa til ${name} skildrar desse rettane dine:`,
  askAboutOne: 'Spør gjerne om ein av dei, eller skriv til dømes «Eg vil ha innsyn» for å be om det.',
  notCovered: (name) => `Personvernerklæringa til ${name} seier ikkje noko om dette.`,
  closestInNotice: 'Det næraste erklæringa seier, er dette:',
  contactIntro: (name) => `Spør ${name} direkte:`,
  noContact: 'Erklæringa oppgir ingen kontaktopplysningar. Kontakt servicekontoret eller postmottaket i kommunen.',
  generalLabel: 'Generelt om personvern (ikkje frå erklæringa til kommunen):',
  outOfScope: (name) =>
    `Det kan eg dessverre ikkje hjelpe med. Eg svarar på spørsmål om personvern i ${name}: kva opplysningar kommunen behandlar og kvifor, rettane dine, informasjonskapslar, lagring, deling og kven du kan kontakte. Andre spørsmål kan du stille til kommunen.`,
  smalltalk: {
    greeting: 'Hei! Kva vil du vite om personvern?',
    thanks: 'Berre hyggeleg! Spør gjerne om meir.',
    goodbye: 'Ha det bra!',
    about_bot:
      'Eg er ein chatbot som svarar på spørsmål om personvern ut frå personvernerklæringa til kommunen, og hjelper deg å be om innsyn, retting eller sletting.',
  },
  handoffPerson: 'Du kan snakke med ein person om personvern her:',
  handoffComplaint: 'Vil du klage på korleis kommunen behandlar opplysningane dine, kan du ta det opp med kommunen her:',
  handoffBreach:
    'Det du skildrar kan vere eit brot på personopplysningstryggleiken. Meld det til kommunen så raskt som mogleg:',
  datatilsynet: 'Du har også rett til å klage til Datatilsynet (www.datatilsynet.no).',
  rightNames: {
    access: 'innsyn',
    rectification: 'retting',
    erasure: 'sletting',
    restriction: 'avgrensing av behandlinga',
    portability: 'dataportabilitet',
    objection: 'protest mot behandlinga',
    automated_decisions: 'ikkje å bli utsett for automatiserte avgjerder',
    consent_withdrawal: 'å trekkje tilbake eit samtykke',
  },
  nationalIdWarning:
    'Du skreiv noko som ser ut som eit fødselsnummer. Av omsyn til personvernet ditt har eg fjerna det og lagrar det ikkje. Ikkje del fødselsnummer i chatten.',
  escalate: 'Eg forstår ikkje heilt kva du spør om. Det er kanskje lettare å spørje ein person:',
  phone: 'telefon',
  email: 'e-post',
  address: 'adresse',
  serviceOffice: 'Servicekontor',
  dpo: 'Personvernombod',
};

const en: Strings = {
  welcome: (name) =>
    `Hello! I answer questions about privacy in ${name}, based on the municipality's privacy notice (in Norwegian). Ask for example "What rights do I have?" or "Do you use cookies?". Please don't type national ID numbers or health details here.`,
  suggestions: {
    rights: 'What are my rights?',
    dpo: 'Who is the data protection officer?',
    cookies: 'Do you use cookies?',
    retention: 'How long is my data kept?',
  },
  askMunicipality: 'Which municipality is your question about?',
  unknownMunicipality: (id, known) => `I don't know the municipality "${id}". I can answer for: ${known}.`,
  municipalityChosen: (name) => `I'll answer from ${name}'s privacy notice. What would you like to know?`,
  changeMunicipalityCommand: /^(change|switch|choose) municipality/i,
  deleteConversationCommand: /^(delete|erase|remove) (this |the |my )?(conversation|chat|chat history)[.!]?$/i,
  conversationDeleted: 'This conversation has been deleted from the municipality\'s storage, including anything you typed into a request that was not sent. Anything you write now is stored as a new conversation.',
  answerIntro: (name) => `${name}'s privacy notice says (in Norwegian):`,
  source: 'Source',
  rightsOverviewIntro: (name) => `${name}'s privacy notice describes these rights of yours (in Norwegian):`,
  askAboutOne: 'Ask about any of them, or write for example "I want access to my data" to request it.',
  notCovered: (name) => `${name}'s privacy notice does not say anything about this.`,
  closestInNotice: 'The closest it says is this (in Norwegian):',
  contactIntro: (name) => `Ask ${name} directly:`,
  noContact: "The notice gives no contact details. Contact the municipality's service office.",
  generalLabel: "General privacy information (not from the municipality's notice):",
  outOfScope: (name) =>
    `Sorry, I can't help with that. I answer questions about privacy in ${name}: what personal data the municipality processes and why, your rights, cookies, storage, sharing and whom to contact. Please ask the municipality about other matters.`,
  smalltalk: {
    greeting: 'Hello! What would you like to know about privacy?',
    thanks: "You're welcome! Feel free to ask more.",
    goodbye: 'Goodbye!',
    about_bot:
      "I'm a chatbot that answers privacy questions from the municipality's privacy notice and helps you request access to, correction or deletion of your data.",
  },
  handoffPerson: 'You can talk to a person about privacy here:',
  handoffComplaint: 'If you want to complain about how the municipality handles your data, you can raise it with the municipality here:',
  handoffBreach: 'What you describe may be a personal data breach. Please report it to the municipality as soon as possible:',
  datatilsynet: 'You also have the right to complain to Datatilsynet, the Norwegian Data Protection Authority (www.datatilsynet.no).',
  rightNames: {
    access: 'access to your data',
    rectification: 'correction of your data',
    erasure: 'erasure of your data',
    restriction: 'restriction of processing',
    portability: 'data portability',
    objection: 'to object to the processing',
    automated_decisions: 'not to be subject to automated decisions',
    consent_withdrawal: 'to withdraw your consent',
  },
  nationalIdWarning:
    'You typed something that looks like a national identity number. To protect your privacy I removed it and do not store it. Please do not share ID numbers in the chat.',
  escalate: "I'm not sure what you are asking. It may be easier to ask a person:",
  phone: 'phone',
  email: 'e-mail',
  address: 'address',
  serviceOffice: 'Service office',
  dpo: 'Data protection officer',
};

export const STRINGS: Record<Language, Strings> = { nb, nn, en };
