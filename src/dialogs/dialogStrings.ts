/**
 * What the rights-request and DPO-message dialogs say, in bokmål, nynorsk and English. The rights
 * themselves are explained from content (general.yaml and the municipality's notice), not here.
 */
import type { Language } from '../content/schema';
import type { Right } from '../knowledge/intents';
import type { InnsynKind } from './recognise';

export interface DialogStrings {
  askRight: string;
  rightButtons: Record<Right, string>;
  /** "… om sletting" after "Du vil be": the right as the object of a request. */
  rightAsRequest: Record<Right, string>;
  askInnsynKind: string;
  innsynButtons: Record<InnsynKind, string>;
  innsynElsewhere: Record<Exclude<InnsynKind, 'gdpr'>, string>;
  requestIntro(right: string, article: string): string;
  noticeSays(name: string): string;
  noticeSilent(name: string): string;
  identityFromNotice: string;
  identityDefault: string;
  askDetails: string;
  retryDetails: string;
  askName: string;
  retryName: string;
  askContact: string;
  retryContact: string;
  summaryTitle: Record<'rights_request' | 'dpo_message', string>;
  summaryLabels: { right: string; details: string; message: string; name: string; replyTo: string; to: string };
  askConfirm: string;
  confirmButtons: { yes: string; no: string };
  retryConfirm: string;
  received(reference: string): string;
  deadline(date: string): string;
  freeAndComplaint: string;
  identityReminder: string;
  notSent: string;
  cancelled: string;
  submitFailed: string;
  resume: string;
  restartWith(right: string): string;
  dpoOffer(recipient: string): string;
  offerButtons: { yes: string; no: string };
  askMessage(recipient: string): string;
  retryMessage: string;
  dpoReceived(reference: string, recipient: string): string;
  offerDeclined: string;
}

const nb: DialogStrings = {
  askRight: 'Hvilken rettighet vil du bruke? Velg en, eller skriv den med egne ord.',
  rightButtons: {
    access: 'Innsyn', rectification: 'Retting', erasure: 'Sletting', restriction: 'Begrensning',
    portability: 'Dataportabilitet', objection: 'Protest', automated_decisions: 'Automatiserte avgjørelser',
    consent_withdrawal: 'Trekke samtykke',
  },
  rightAsRequest: {
    access: 'innsyn i opplysningene kommunen har om deg', rectification: 'retting av opplysninger',
    erasure: 'sletting av opplysninger', restriction: 'begrensning av behandlingen', portability: 'å få opplysningene dine utlevert (dataportabilitet)',
    objection: 'å protestere mot behandlingen', automated_decisions: 'ikke å bli utsatt for automatiserte avgjørelser',
    consent_withdrawal: 'å trekke tilbake et samtykke du har gitt',
  },
  askInnsynKind: 'Innsyn kan bety tre ting. Hva mener du?',
  innsynButtons: {
    gdpr: 'Opplysninger kommunen har om meg', party: 'Dokumentene i min egen sak', public: 'Offentlige dokumenter',
  },
  innsynElsewhere: {
    party: 'Innsyn i din egen sak (partsinnsyn, forvaltningsloven § 18) ber du om hos den enheten eller saksbehandleren som har saken. Det er ikke en personvernforespørsel, så jeg sender den ikke herfra.',
    public: 'Innsyn i offentlige dokumenter (offentleglova) ber du om hos kommunens postmottak, gjerne med saksnummeret fra postlisten. Det er ikke en personvernforespørsel, så jeg sender den ikke herfra.',
  },
  requestIntro: (right, article) => `Du vil be om ${right} (${article}).`,
  noticeSays: (name) => `Personvernerklæringen til ${name} sier:`,
  noticeSilent: (name) => `Personvernerklæringen til ${name} sier ikke noe eget om denne rettigheten.`,
  identityFromNotice: 'Før kommunen svarer, bekrefter den hvem du er. Erklæringen sier:',
  identityDefault: 'Før kommunen svarer, bekrefter den hvem du er, for eksempel med ID-porten.',
  askDetails: 'Hva gjelder forespørselen? Skriv hvilken tjeneste eller hvilket område det gjelder (for eksempel barnehage, byggesak eller helsetjenester), og gjerne hva du ønsker. Ikke skriv fødselsnummer.',
  retryDetails: 'Skriv med noen ord hva forespørselen gjelder (mellom 3 og 2000 tegn), eller «avbryt».',
  askName: 'Hva heter du?',
  retryName: 'Skriv fullt navn (bare bokstaver), eller «avbryt».',
  askContact: 'Hvordan vil du få svar? Skriv e-postadressen eller telefonnummeret ditt.',
  retryContact: 'Det ser ikke ut som en e-postadresse eller et telefonnummer. Skriv for eksempel ola@eksempel.no eller 912 34 567, eller «avbryt».',
  summaryTitle: { rights_request: 'Forespørsel om personvernrettigheter', dpo_message: 'Melding til personvernombudet' },
  summaryLabels: { right: 'Rettighet', details: 'Gjelder', message: 'Melding', name: 'Navn', replyTo: 'Svar til', to: 'Til' },
  askConfirm: 'Stemmer dette? Skal jeg sende det?',
  confirmButtons: { yes: 'Ja, send', no: 'Nei, ikke send' },
  retryConfirm: 'Svar «ja» for å sende eller «nei» for å la være.',
  received: (reference) => `Forespørselen er mottatt og lagret. Referansenummeret ditt er ${reference}.`,
  deadline: (date) => `Kommunen skal svare deg uten ugrunnet opphold og senest innen én måned, det vil si innen ${date} (personvernforordningen art. 12 nr. 3).`,
  freeAndComplaint: 'Det er gratis. Er du ikke fornøyd med svaret, kan du klage til Datatilsynet (www.datatilsynet.no).',
  identityReminder: 'Kommunen bekrefter identiteten din før den svarer; ikke send fødselsnummer i chatten.',
  notSent: 'Greit, jeg har ikke sendt noe.',
  cancelled: 'Avbrutt. Ingenting er sendt. Spør gjerne om noe annet.',
  submitFailed: 'Beklager, jeg fikk ikke lagret forespørselen, så den er ikke sendt. Prøv igjen senere, eller kontakt kommunen direkte:',
  resume: 'Da fortsetter vi med forespørselen din (skriv «avbryt» for å avbryte):',
  restartWith: (right) => `Greit, vi begynner på nytt med ${right}.`,
  dpoOffer: (recipient) => `Vil du at jeg skal sende en melding til ${recipient}?`,
  offerButtons: { yes: 'Ja, send en melding', no: 'Nei takk' },
  askMessage: (recipient) => `Skriv kort hva du vil at ${recipient} skal vite. Ikke skriv fødselsnummer eller helseopplysninger.`,
  retryMessage: 'Skriv meldingen med noen ord (mellom 3 og 2000 tegn), eller «avbryt».',
  dpoReceived: (reference, recipient) => `Meldingen er mottatt og lagret, og går til ${recipient}. Referansenummeret ditt er ${reference}.`,
  offerDeclined: 'Greit. Du kan ta kontakt direkte når du vil.',
};

const nn: DialogStrings = {
  askRight: 'Kva for ein rett vil du bruke? Vel ein, eller skriv han med eigne ord.',
  rightButtons: {
    access: 'Innsyn', rectification: 'Retting', erasure: 'Sletting', restriction: 'Avgrensing',
    portability: 'Dataportabilitet', objection: 'Protest', automated_decisions: 'Automatiserte avgjerder',
    consent_withdrawal: 'Trekkje samtykke',
  },
  rightAsRequest: {
    access: 'innsyn i opplysningane kommunen har om deg', rectification: 'retting av opplysningar',
    erasure: 'sletting av opplysningar', restriction: 'avgrensing av behandlinga', portability: 'å få opplysningane dine utleverte (dataportabilitet)',
    objection: 'å protestere mot behandlinga', automated_decisions: 'ikkje å bli utsett for automatiserte avgjerder',
    consent_withdrawal: 'å trekkje tilbake eit samtykke du har gitt',
  },
  askInnsynKind: 'Innsyn kan tyde tre ting. Kva meiner du?',
  innsynButtons: {
    gdpr: 'Opplysningar kommunen har om meg', party: 'Dokumenta i mi eiga sak', public: 'Offentlege dokument',
  },
  innsynElsewhere: {
    party: 'Innsyn i di eiga sak (partsinnsyn, forvaltningslova § 18) ber du om hos eininga eller saksbehandlaren som har saka. Det er ikkje ein personvernførespurnad, så eg sender han ikkje herifrå.',
    public: 'Innsyn i offentlege dokument (offentleglova) ber du om hos postmottaket i kommunen, gjerne med saksnummeret frå postlista. Det er ikkje ein personvernførespurnad, så eg sender han ikkje herifrå.',
  },
  requestIntro: (right, article) => `Du vil be om ${right} (${article}).`,
  noticeSays: (name) => `Personvernerklæringa til ${name} seier:`,
  noticeSilent: (name) => `Personvernerklæringa til ${name} seier ikkje noko eige om denne retten.`,
  identityFromNotice: 'Før kommunen svarar, stadfestar han kven du er. Erklæringa seier:',
  identityDefault: 'Før kommunen svarar, stadfestar han kven du er, til dømes med ID-porten.',
  askDetails: 'Kva gjeld førespurnaden? Skriv kva for ei teneste eller eit område det gjeld (til dømes barnehage, byggjesak eller helsetenester), og gjerne kva du ønskjer. Ikkje skriv fødselsnummer.',
  retryDetails: 'Skriv med nokre ord kva førespurnaden gjeld (mellom 3 og 2000 teikn), eller «avbryt».',
  askName: 'Kva heiter du?',
  retryName: 'Skriv fullt namn (berre bokstavar), eller «avbryt».',
  askContact: 'Korleis vil du få svar? Skriv e-postadressa eller telefonnummeret ditt.',
  retryContact: 'Det ser ikkje ut som ei e-postadresse eller eit telefonnummer. Skriv til dømes kari@eksempel.no eller 912 34 567, eller «avbryt».',
  summaryTitle: { rights_request: 'Førespurnad om personvernrettar', dpo_message: 'Melding til personvernombodet' },
  summaryLabels: { right: 'Rett', details: 'Gjeld', message: 'Melding', name: 'Namn', replyTo: 'Svar til', to: 'Til' },
  askConfirm: 'Stemmer dette? Skal eg sende det?',
  confirmButtons: { yes: 'Ja, send', no: 'Nei, ikkje send' },
  retryConfirm: 'Svar «ja» for å sende eller «nei» for å la vere.',
  received: (reference) => `Førespurnaden er motteken og lagra. Referansenummeret ditt er ${reference}.`,
  deadline: (date) => `Kommunen skal svare deg utan ugrunna opphald og seinast innan éin månad, det vil seie innan ${date} (personvernforordninga art. 12 nr. 3).`,
  freeAndComplaint: 'Det er gratis. Er du ikkje nøgd med svaret, kan du klage til Datatilsynet (www.datatilsynet.no).',
  identityReminder: 'Kommunen stadfestar identiteten din før han svarar; ikkje send fødselsnummer i chatten.',
  notSent: 'Greitt, eg har ikkje sendt noko.',
  cancelled: 'Avbrote. Ingenting er sendt. Spør gjerne om noko anna.',
  submitFailed: 'Orsak, eg fekk ikkje lagra førespurnaden, så han er ikkje sendt. Prøv igjen seinare, eller kontakt kommunen direkte:',
  resume: 'Då held vi fram med førespurnaden din (skriv «avbryt» for å avbryte):',
  restartWith: (right) => `Greitt, vi byrjar på nytt med ${right}.`,
  dpoOffer: (recipient) => `Vil du at eg skal sende ei melding til ${recipient}?`,
  offerButtons: { yes: 'Ja, send ei melding', no: 'Nei takk' },
  askMessage: (recipient) => `Skriv kort kva du vil at ${recipient} skal vite. Ikkje skriv fødselsnummer eller helseopplysningar.`,
  retryMessage: 'Skriv meldinga med nokre ord (mellom 3 og 2000 teikn), eller «avbryt».',
  dpoReceived: (reference, recipient) => `Meldinga er motteken og lagra, og går til ${recipient}. Referansenummeret ditt er ${reference}.`,
  offerDeclined: 'Greitt. Du kan ta kontakt direkte når du vil.',
};

const en: DialogStrings = {
  askRight: 'Which right do you want to use? Pick one, or describe it in your own words.',
  rightButtons: {
    access: 'Access', rectification: 'Rectification', erasure: 'Erasure', restriction: 'Restriction',
    portability: 'Data portability', objection: 'Objection', automated_decisions: 'Automated decisions',
    consent_withdrawal: 'Withdraw consent',
  },
  rightAsRequest: {
    access: 'access to the data the municipality holds about you', rectification: 'rectification of your data',
    erasure: 'erasure of your data', restriction: 'restriction of processing', portability: 'a copy of your data to take elsewhere (data portability)',
    objection: 'to object to the processing', automated_decisions: 'not to be subject to automated decisions',
    consent_withdrawal: 'to withdraw consent you have given',
  },
  askInnsynKind: '"Innsyn" can mean three things. Which do you mean?',
  innsynButtons: {
    gdpr: 'Data the municipality holds about me', party: 'The documents in my own case', public: 'Public documents',
  },
  innsynElsewhere: {
    party: 'Access to your own case (partsinnsyn, Public Administration Act § 18) is requested from the unit or case officer handling the case. It is not a data protection request, so I do not send it from here.',
    public: 'Access to public documents (Freedom of Information Act, offentleglova) is requested from the municipality\'s post office (postmottak), ideally with the case number from the public records list. It is not a data protection request, so I do not send it from here.',
  },
  requestIntro: (right, article) => `You want to request ${right} (${article}).`,
  noticeSays: (name) => `${name}'s privacy notice says (in Norwegian):`,
  noticeSilent: (name) => `${name}'s privacy notice says nothing specific about this right.`,
  identityFromNotice: 'Before answering, the municipality will confirm who you are. The notice says:',
  identityDefault: 'Before answering, the municipality will confirm who you are, for example with ID-porten.',
  askDetails: 'What does your request concern? Name the service or area (for example kindergarten, a building application or health services), and what you would like. Please do not type your national ID number.',
  retryDetails: 'Please describe the request in a few words (3 to 2000 characters), or type "cancel".',
  askName: 'What is your name?',
  retryName: 'Please type your full name (letters only), or "cancel".',
  askContact: 'How would you like a reply? Type your e-mail address or phone number.',
  retryContact: 'That does not look like an e-mail address or a phone number. Type, for example, ola@example.com or +47 912 34 567, or "cancel".',
  summaryTitle: { rights_request: 'Data protection request', dpo_message: 'Message to the data protection officer' },
  summaryLabels: { right: 'Right', details: 'Concerns', message: 'Message', name: 'Name', replyTo: 'Reply to', to: 'To' },
  askConfirm: 'Is this correct? Shall I send it?',
  confirmButtons: { yes: 'Yes, send', no: 'No, do not send' },
  retryConfirm: 'Answer "yes" to send or "no" not to.',
  received: (reference) => `Your request has been received and saved. Your reference number is ${reference}.`,
  deadline: (date) => `The municipality must reply without undue delay and at the latest within one month, that is by ${date} (GDPR Art. 12(3)).`,
  freeAndComplaint: 'It is free of charge. If you are not satisfied with the answer, you can complain to Datatilsynet, the Norwegian Data Protection Authority (www.datatilsynet.no).',
  identityReminder: 'The municipality will verify your identity before replying; do not send your national ID number in the chat.',
  notSent: 'All right, nothing has been sent.',
  cancelled: 'Cancelled. Nothing has been sent. Feel free to ask something else.',
  submitFailed: 'Sorry, I could not save your request, so it has not been sent. Please try again later or contact the municipality directly:',
  resume: 'Let us continue with your request (type "cancel" to stop):',
  restartWith: (right) => `All right, let us start again with ${right}.`,
  dpoOffer: (recipient) => `Would you like me to send a message to ${recipient}?`,
  offerButtons: { yes: 'Yes, send a message', no: 'No, thanks' },
  askMessage: (recipient) => `Briefly write what you want ${recipient} to know. Please do not include your national ID number or health details.`,
  retryMessage: 'Please write the message in a few words (3 to 2000 characters), or type "cancel".',
  dpoReceived: (reference, recipient) => `Your message has been received and saved, and goes to ${recipient}. Your reference number is ${reference}.`,
  offerDeclined: 'All right. You can contact them directly whenever you like.',
};

export const DIALOG_STRINGS: Record<Language, DialogStrings> = { nb, nn, en };
