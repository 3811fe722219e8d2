/** The words staff pages and the CSV export use for the codes in the data, in bokmål. */
import type { Outcome } from '../knowledge/classifier';
import { RIGHT_ARTICLE, type Right } from '../knowledge/intents';
import type { DeliveryChannel, RequestKind, RequestStatus } from '../requests/types';
import type { DeliverySummary } from './requestQueue';
import type { Role } from './types';

export const OUTCOME_LABEL: Record<Outcome, string> = {
  answer: 'Svar fra erklæringen',
  not_covered: 'Ikke dekket av erklæringen',
  out_of_scope: 'Utenfor tema',
  handoff: 'Henvist til kommunen',
  dialog: 'Skjema for rettighet',
  smalltalk: 'Småprat',
};

export const STATUS_LABEL: Record<RequestStatus, string> = {
  new: 'Ny',
  in_progress: 'Under behandling',
  answered: 'Besvart',
  closed: 'Avsluttet',
};

export const KIND_LABEL: Record<RequestKind, string> = {
  rights_request: 'Rettighetsforespørsel',
  dpo_message: 'Melding til personvernombudet',
};

const RIGHT_NAME: Record<Right, string> = {
  access: 'Innsyn',
  rectification: 'Retting',
  erasure: 'Sletting',
  restriction: 'Begrensning',
  portability: 'Dataportabilitet',
  objection: 'Protest',
  automated_decisions: 'Automatiserte avgjørelser',
  consent_withdrawal: 'Trekke tilbake samtykke',
};

/** "Innsyn (art. 15)", "Trekke tilbake samtykke (art. 7 nr. 3)". */
export function rightLabel(right: Right): string {
  const [article, paragraph] = RIGHT_ARTICLE[right];
  return `${RIGHT_NAME[right]} (art. ${article}${paragraph ? ` nr. ${paragraph}` : ''})`;
}

export const DELIVERY_LABEL: Record<DeliverySummary, string> = {
  delivered: 'Levert',
  pending: 'Venter på levering',
  failed: 'Levering feilet',
};

export const CHANNEL_LABEL: Record<DeliveryChannel, string> = { email: 'E-post', webhook: 'Webhook' };

export const DELIVERY_STATE_LABEL = { pending: 'Venter', sending: 'Sendes', delivered: 'Levert', failed: 'Feilet' } as const;

export const ROLE_LABEL: Record<Role, string> = { staff: 'Saksbehandler', admin: 'Administrator' };

/** Audit actions the router writes, with how the audit page names them. */
export const AUDIT_ACTIONS = {
  login: 'Logget inn',
  login_failed: 'Mislykket innlogging',
  logout: 'Logget ut',
  view_conversation: 'Åpnet samtale',
  delete_conversation: 'Slettet samtale',
  view_request: 'Åpnet henvendelse',
  update_request: 'Endret status',
  redeliver_request: 'Sendte henvendelse på nytt',
  export_requests: 'Eksporterte henvendelser',
  denied: 'Nektet tilgang',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

const AUDIT_LABELS: ReadonlyMap<string, string> = new Map(Object.entries(AUDIT_ACTIONS));

export function auditActionLabel(action: string): string {
  return AUDIT_LABELS.get(action) ?? action;
}
