/**
 * What the bot hands to the municipality: a resident's rights request or message to the DPO.
 * The record holds only what the dialog asked for, never an ID number (redacted before this point).
 */
import type { Language } from '../content/schema';
import type { Right } from '../knowledge/intents';

export type RequestKind = 'rights_request' | 'dpo_message';

/** How the resident wants the municipality to reply. */
export interface ReplyTo {
  method: 'email' | 'phone';
  address: string;
}

export interface NewRequest {
  kind: RequestKind;
  municipality: string;
  /** The GDPR right, for a rights request. */
  right?: Right;
  /** What the request concerns (service, area) or the message to the DPO, as the resident wrote it. */
  details: string;
  name: string;
  replyTo: ReplyTo;
  /** The language the resident used, so the municipality can answer in it. */
  language: Language;
  /** The chat conversation it came from, for staff to open the transcript. */
  conversationId?: string;
  channel?: string;
}

/** Staff's view of the case (issue 6 moves it on); delivery has its own state per channel. */
export type RequestStatus = 'new' | 'in_progress' | 'answered' | 'closed';

export interface StoredRequest extends NewRequest {
  /** e.g. PV-2026-000123: unique, sequential per year, also the idempotency key of every delivery. */
  reference: string;
  /** ISO timestamps. */
  createdAt: string;
  /** One month after receipt (GDPR Art. 12(3)), as an ISO date (yyyy-mm-dd). */
  deadline: string;
  status: RequestStatus;
  deliveries: DeliveryState[];
}

export type DeliveryChannel = 'webhook' | 'email';

export interface DeliveryState {
  channel: DeliveryChannel;
  /** pending: waiting for an attempt; sending: an attempt was started (and may have been cut off); */
  state: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
}
