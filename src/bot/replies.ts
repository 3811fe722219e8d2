/**
 * Turns a classification into the activity a resident sees: plain text readable in any channel
 * (Web Chat, Teams, Emulator), with the citation in the text, and channelData telling staff
 * reports and tests what the turn was.
 */
import { ActionTypes, type Activity, type Attachment, type CardAction, CardFactory } from 'botbuilder';
import type { Contact, Language, Municipality, Section } from '../content/schema';
import type { Classification, Outcome } from '../knowledge/classifier';
import type { ComposedAnswer } from '../knowledge/composer';
import { STRINGS, type Strings } from './strings';

export interface ReplyChannelData {
  outcome: Outcome;
  /** Ids of the sections (or general entries, prefixed "general:") the reply used. */
  sources: string[];
  municipality?: string;
  language: Language;
  confidence?: number;
}

export type Reply = Partial<Activity> & { channelData: ReplyChannelData };

export function reply(text: string, channelData: ReplyChannelData, extra: Partial<Activity> = {}): Reply {
  return { type: 'message', text, locale: LOCALES[channelData.language], ...extra, channelData };
}

/** The locale of each reply language (activities, dates). */
export const LOCALES: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function contactLine(label: string, contact: Contact, s: Strings): string {
  const parts = [
    contact.phone && `${s.phone} ${contact.phone}`,
    contact.email && `${s.email} ${contact.email}`,
    contact.address && `${s.address} ${contact.address}`,
    contact.url,
  ].filter(Boolean);
  return `${label}: ${contact.name}${parts.length ? `, ${parts.join(', ')}` : ''}`;
}

/** Contact lines in the order a purpose prefers: the DPO first for privacy matters needing a person. */
export function contactBlock(m: Municipality, s: Strings, prefer: 'dpo' | 'service_office'): string {
  const { dpo, service_office } = m.contacts;
  const lines = [
    dpo && contactLine(s.dpo, dpo, s),
    service_office && contactLine(s.serviceOffice, service_office, s),
  ].filter((l): l is string => Boolean(l));
  if (prefer === 'service_office') lines.reverse();
  return lines.length ? lines.join('\n') : s.noContact;
}

export function citationLine(answer: ComposedAnswer, s: Strings): string {
  const { title, url } = answer.citation;
  return `${s.source}: «${title}»${url ? ` – ${url}` : ''}`;
}

function meta(c: Classification, m: Municipality, outcome: Outcome, sources: string[]): ReplyChannelData {
  return { outcome, sources, municipality: m.id, language: c.language, confidence: Number(c.confidence.toFixed(2)) };
}

/** A line ending in ":" with no list after it: the address or link that followed was lost. */
const DANGLING_COLON = /:\s*(\n(?!•)|$)/;

export function answerReply(c: Classification, m: Municipality, answer: ComposedAnswer, section: Section): Reply {
  const s = STRINGS[c.language];
  const parts = [s.answerIntro(m.name), answer.passage, citationLine(answer, s)];
  // A section about contacting the DPO or the municipality also shows the contact details themselves.
  // So does a passage ending in ":" whose address or link was lost from the web page.
  if (section.topics.includes('dpo') && m.contacts.dpo) parts.push(contactLine(s.dpo, m.contacts.dpo, s));
  else if (section.topics.includes('contact') || DANGLING_COLON.test(answer.passage)) parts.push(contactBlock(m, s, 'service_office'));
  return reply(parts.join('\n\n'), meta(c, m, 'answer', [section.id]));
}

/** The rights the notice describes, one line each, for "Kva rettar har eg?". */
export function rightsOverviewReply(c: Classification, m: Municipality, sections: Section[]): Reply {
  const s = STRINGS[c.language];
  const list = sections.map((section) => `• ${section.title}`).join('\n');
  const source = `${s.source}: ${sections.map((section) => `«${section.title}»`).join(', ')}${m.url ? ` – ${m.url}` : ''}`;
  return reply([s.rightsOverviewIntro(m.name), list, s.askAboutOne, source].join('\n\n'), meta(c, m, 'answer', sections.map((x) => x.id)));
}

export function notCoveredReply(c: Classification, m: Municipality, related?: ComposedAnswer): Reply {
  const s = STRINGS[c.language];
  const parts = [s.notCovered(m.name)];
  const sources: string[] = [];
  if (related) {
    parts.push(`${s.closestInNotice}\n${related.passage}\n${citationLine(related, s)}`);
    sources.push(related.citation.sectionId);
  }
  parts.push(`${s.contactIntro(m.name)}\n${contactBlock(m, s, 'service_office')}`);
  if (c.general) {
    parts.push(`${s.generalLabel} ${c.general.item.text[c.language]}`);
    sources.push(`general:${c.general.item.id}`);
  }
  return reply(parts.join('\n\n'), meta(c, m, 'not_covered', sources));
}

export function outOfScopeReply(c: Classification, m: Municipality): Reply {
  const s = STRINGS[c.language];
  return reply(`${s.outOfScope(m.name)}\n\n${contactBlock(m, s, 'service_office')}`, meta(c, m, 'out_of_scope', []));
}

export function smalltalkReply(c: Classification, m: Municipality): Reply {
  const s = STRINGS[c.language];
  return reply(s.smalltalk[c.smalltalk ?? 'greeting'], meta(c, m, 'smalltalk', []));
}

/**
 * A person to talk to: the DPO's contact card (the service office's where the notice names no
 * DPO), and the right to complain to Datatilsynet. The card's fallback text carries the same
 * contact lines for channels that cannot show cards.
 */
export function handoffReply(c: Classification, m: Municipality): Reply {
  const s = STRINGS[c.language];
  const reason = c.request?.kind === 'handoff' ? c.request.reason : 'person';
  const intro = { person: s.handoffPerson, complaint: s.handoffComplaint, breach: s.handoffBreach }[reason];
  return reply(`${intro}\n\n${s.datatilsynet}`, meta(c, m, 'handoff', []), { attachments: [contactCard(m, s)] });
}

function contactCard(m: Municipality, s: Strings): Attachment {
  const { dpo, service_office } = m.contacts;
  const shown = [dpo && { label: s.dpo, contact: dpo }, service_office && { label: s.serviceOffice, contact: service_office }]
    .filter((x): x is { label: string; contact: Contact } => Boolean(x));
  const body = shown.length
    ? shown.flatMap(({ label, contact }) => [
        { type: 'TextBlock', text: `${label}: ${contact.name}`, weight: 'Bolder', wrap: true, spacing: 'Medium' },
        {
          type: 'FactSet',
          facts: [
            contact.phone && { title: s.phone, value: contact.phone },
            contact.email && { title: s.email, value: contact.email },
            contact.address && { title: s.address, value: contact.address },
            contact.url && { title: 'web', value: contact.url },
          ].filter(Boolean),
        },
      ])
    : [{ type: 'TextBlock', text: s.noContact, wrap: true }];
  const actions = shown.flatMap(({ contact }) => [
    contact.email && { type: 'Action.OpenUrl', title: `${s.email}: ${contact.email}`, url: `mailto:${contact.email}` },
    contact.phone && { type: 'Action.OpenUrl', title: `${s.phone}: ${contact.phone}`, url: `tel:${contact.phone.replace(/\s/g, '')}` },
  ]).filter(Boolean);
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.4',
    fallbackText: contactBlock(m, s, 'dpo'),
    body,
    ...(actions.length ? { actions } : {}),
  });
}

export function escalationReply(c: Classification, m: Municipality, base: Reply): Reply {
  const s = STRINGS[c.language];
  return { ...base, text: `${s.escalate}\n${contactBlock(m, s, 'service_office')}` };
}

export function municipalityActions(municipalities: Municipality[]): CardAction[] {
  return municipalities.map((m) => ({ type: ActionTypes.ImBack, title: m.name, value: m.name }));
}
