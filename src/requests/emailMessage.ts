/**
 * The e-mail a municipality receives for a request: a subject naming the kind of request and the
 * reference, and a plain-text body listing the fields, in the municipality's målform.
 */
import type { Language, Malform } from '../content/schema';
import type { Right } from '../knowledge/intents';
import { norwegianDateTime } from './references';
import type { EmailTarget } from './targets';
import type { ReplyTo, StoredRequest } from './types';

interface Labels {
  dpoMessage: string;
  /** A rights request whose right the dialog did not pin down. */
  rightsRequest: string;
  rights: Record<Right, string>;
  intro: string;
  /** Why a rights request has its deadline. */
  deadlineBasis: string;
  fields: Record<'reference' | 'type' | 'municipality' | 'received' | 'deadline' | 'name' | 'replyTo' | 'language' | 'conversation' | 'details', string>;
  replyMethods: Record<ReplyTo['method'], string>;
  languages: Record<Language, string>;
}

const LABELS: Record<Malform, Labels> = {
  nb: {
    dpoMessage: 'Melding til personvernombudet',
    rightsRequest: 'Krav etter personvernregelverket',
    rights: {
      access: 'Innsynskrav',
      rectification: 'Krav om retting',
      erasure: 'Krav om sletting',
      restriction: 'Krav om begrensning av behandlingen',
      portability: 'Krav om dataportabilitet',
      objection: 'Protest mot behandlingen',
      automated_decisions: 'Krav knyttet til automatiserte avgjørelser',
      consent_withdrawal: 'Tilbaketrekking av samtykke',
    },
    intro: 'Ny henvendelse fra personvernboten.',
    deadlineBasis: 'én måned, personvernforordningen art. 12 nr. 3; neste virkedag når fristen faller på en lørdag, søndag eller helligdag',
    fields: {
      reference: 'Referanse', type: 'Type', municipality: 'Kommune', received: 'Mottatt', deadline: 'Svarfrist', name: 'Navn',
      replyTo: 'Svar til', language: 'Språk', conversation: 'Samtale', details: 'Henvendelsen',
    },
    replyMethods: { email: 'e-post', phone: 'telefon' },
    languages: { nb: 'bokmål', nn: 'nynorsk', en: 'engelsk' },
  },
  nn: {
    dpoMessage: 'Melding til personvernombodet',
    rightsRequest: 'Krav etter personvernregelverket',
    rights: {
      access: 'Innsynskrav',
      rectification: 'Krav om retting',
      erasure: 'Krav om sletting',
      restriction: 'Krav om avgrensing av behandlinga',
      portability: 'Krav om dataportabilitet',
      objection: 'Protest mot behandlinga',
      automated_decisions: 'Krav knytt til automatiserte avgjerder',
      consent_withdrawal: 'Tilbaketrekking av samtykke',
    },
    intro: 'Ny førespurnad frå personvernboten.',
    deadlineBasis: 'ein månad, personvernforordninga art. 12 nr. 3',
    fields: {
      reference: 'Referanse', type: 'Type', municipality: 'Kommune', received: 'Motteke', deadline: 'Svarfrist', name: 'Namn',
      replyTo: 'Svar til', language: 'Språk', conversation: 'Samtale', details: 'Førespurnaden',
    },
    replyMethods: { email: 'e-post', phone: 'telefon' },
    languages: { nb: 'bokmål', nn: 'nynorsk', en: 'engelsk' },
  },
};

/** "Innsynskrav", "Melding til personvernombudet", … */
export function requestLabel(request: Pick<StoredRequest, 'kind' | 'right'>, malform: Malform): string {
  const labels = LABELS[malform];
  if (request.kind === 'dpo_message') return labels.dpoMessage;
  return request.right ? labels.rights[request.right] : labels.rightsRequest;
}

export function messageId(reference: string): string {
  return `<${reference}@personvern-bot>`;
}

export interface EmailMessage {
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  /** The same for every attempt, so mail systems can drop a second copy. */
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

export function emailMessage(request: StoredRequest, target: EmailTarget): EmailMessage {
  const labels = LABELS[target.malform];
  const f = labels.fields;
  const { replyTo } = request;
  const conversation = request.conversationId && `${request.conversationId}${request.channel ? ` (${request.channel})` : ''}`;
  const lines: [string, string | undefined][] = [
    [f.reference, request.reference],
    [f.type, requestLabel(request, target.malform)],
    [f.municipality, request.municipality],
    [f.received, norwegianDateTime(new Date(request.createdAt))],
    [f.deadline, request.kind === 'rights_request' ? `${request.deadline} (${labels.deadlineBasis})` : request.deadline],
    [f.name, request.name],
    [f.replyTo, `${labels.replyMethods[replyTo.method]} ${replyTo.address}`],
    [f.language, labels.languages[request.language]],
    [f.conversation, conversation],
  ];
  const text = [
    labels.intro,
    '',
    ...lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`),
    '',
    `${f.details}:`,
    request.details,
    '',
  ].join('\n');
  return {
    to: target.to,
    // Staff can answer an e-mail request with Reply.
    ...(replyTo.method === 'email' && { replyTo: replyTo.address }),
    subject: `${requestLabel(request, target.malform)} – ${request.reference}`,
    text,
    messageId: messageId(request.reference),
    date: new Date(request.createdAt),
    headers: { 'X-Personvern-Reference': request.reference },
  };
}
