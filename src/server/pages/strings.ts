/**
 * The chat page's own words (everything around Web Chat), in bokmål and nynorsk: a chat page
 * speaks the municipality's målform. Web Chat's strings are in assets/strings.js, because the
 * browser needs them.
 */
import type { Malform } from '../../content/schema';

export interface ChatPageStrings {
  /** `{name}` is the municipality's name. */
  title: string;
  heading: string;
  intro: string;
  noPersonalData: string;
  noticeLink: string;
  statementLink: string;
  otherMunicipalities: string;
  deleteButton: string;
  deleteDialogTitle: string;
  deleteDialogText: string;
  deleteConfirm: string;
  deleteCancel: string;
  /** Announced in the status region after a deletion and on problems. */
  deleted: string;
  deleteFailed: string;
  connectFailed: string;
  loading: string;
  noScript: string;
  contactLead: string;
  chatRegion: string;
  linksLabel: string;
  newWindow: string;
  downloadButton: string;
  downloadFailed: string;
}

export const CHAT_PAGE_STRINGS: Record<Malform, ChatPageStrings> = {
  nb: {
    title: 'Spør om personvern – {name}',
    heading: 'Spør om personvern i {name}',
    intro: 'Chatten svarer på spørsmål om hvordan kommunen behandler personopplysninger. Svarene er hentet fra personvernerklæringen til kommunen.',
    noPersonalData: 'Ikke skriv fødselsnummer, helseopplysninger eller andre personopplysninger i chatten.',
    noticeLink: 'Les hele personvernerklæringen',
    statementLink: 'Tilgjengelighetserklæring',
    otherMunicipalities: 'Andre kommuner',
    deleteButton: 'Slett samtalen',
    deleteDialogTitle: 'Vil du slette samtalen?',
    deleteDialogText: 'Meldingene blir slettet fra tjenesten og kan ikke hentes tilbake. Etterpå kan du starte en ny samtale.',
    deleteConfirm: 'Slett',
    deleteCancel: 'Avbryt',
    deleted: 'Samtalen er slettet. Du kan starte en ny samtale.',
    deleteFailed: 'Samtalen kunne ikke slettes. Prøv igjen om litt.',
    connectFailed: 'Chatten er ikke tilgjengelig akkurat nå. Prøv igjen senere, eller kontakt kommunen.',
    loading: 'Chatten lastes …',
    noScript: 'Chatten trenger JavaScript. Du kan lese personvernerklæringen eller kontakte kommunen i stedet.',
    contactLead: 'Spørsmål chatten ikke kan svare på:',
    chatRegion: 'Chat',
    linksLabel: 'Mer informasjon',
    newWindow: '(åpnes i ny fane)',
    downloadButton: 'Last ned samtalen',
    downloadFailed: 'Samtalen kunne ikke lastes ned. Prøv igjen om litt.',
  },
  nn: {
    title: 'Spør om personvern – {name}',
    heading: 'Spør om personvern i {name}',
    intro: 'Chatten svarar på spørsmål om korleis kommunen behandlar personopplysningar. Svara er henta frå personvernerklæringa til kommunen.',
    noPersonalData: 'Ikkje skriv fødselsnummer, helseopplysningar eller andre personopplysningar i chatten.',
    noticeLink: 'Les heile personvernerklæringa',
    statementLink: 'Tilgjengelegheitserklæring',
    otherMunicipalities: 'Andre kommunar',
    deleteButton: 'Slett samtalen',
    deleteDialogTitle: 'Vil du slette samtalen?',
    deleteDialogText: 'Meldingane blir sletta frå tenesta og kan ikkje hentast tilbake. Etterpå kan du starte ein ny samtale.',
    deleteConfirm: 'Slett',
    deleteCancel: 'Avbryt',
    deleted: 'Samtalen er sletta. Du kan starte ein ny samtale.',
    deleteFailed: 'Samtalen kunne ikkje slettast. Prøv igjen om litt.',
    connectFailed: 'Chatten er ikkje tilgjengeleg akkurat no. Prøv igjen seinare, eller kontakt kommunen.',
    loading: 'Chatten blir lasta …',
    noScript: 'Chatten treng JavaScript. Du kan lese personvernerklæringa eller kontakte kommunen i staden.',
    contactLead: 'Spørsmål chatten ikkje kan svare på:',
    chatRegion: 'Chat',
    linksLabel: 'Meir informasjon',
    newWindow: '(blir opna i ny fane)',
    downloadButton: 'Last ned samtalen',
    downloadFailed: 'Samtalen kunne ikkje lastast ned. Prøv igjen om litt.',
  },
};

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
