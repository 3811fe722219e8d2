/**
 * The summary a resident confirms before a request is sent: an Adaptive Card (Web Chat and Teams
 * render it) with the same facts as plain fallback text for channels that cannot.
 */
import { type Attachment, CardFactory } from 'botbuilder';
import type { Right } from '../knowledge/intents';
import type { RequestKind, ReplyTo } from '../requests/types';
import type { DialogStrings } from './dialogStrings';

export interface Draft {
  kind: RequestKind;
  municipality: string;
  right?: Right;
  details?: string;
  name?: string;
  replyTo?: ReplyTo;
}

export interface Fact {
  title: string;
  value: string;
}

export function summaryFacts(draft: Draft, recipient: string, s: DialogStrings): Fact[] {
  const facts: (Fact | undefined)[] = [
    { title: s.summaryLabels.to, value: recipient },
    draft.right && { title: s.summaryLabels.right, value: s.rightButtons[draft.right] },
    { title: draft.kind === 'dpo_message' ? s.summaryLabels.message : s.summaryLabels.details, value: draft.details ?? '' },
    { title: s.summaryLabels.name, value: draft.name ?? '' },
    { title: s.summaryLabels.replyTo, value: draft.replyTo?.address ?? '' },
  ];
  return facts.filter((f): f is Fact => f !== undefined);
}

export function summaryText(title: string, facts: Fact[]): string {
  return [title, ...facts.map((f) => `${f.title}: ${f.value}`)].join('\n');
}

export function summaryCard(title: string, facts: Fact[]): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.4',
    fallbackText: summaryText(title, facts),
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: facts.map((f) => ({ title: f.title, value: f.value })) },
    ],
  });
}
