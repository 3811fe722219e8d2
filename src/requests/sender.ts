/**
 * One way of handing a stored request to the municipality (webhook, e-mail). A sender reports
 * the outcome instead of throwing, and says whether trying again can help.
 */
import type { DeliveryTarget } from './targets';
import type { DeliveryChannel, StoredRequest } from './types';

/** `error` is stored for staff and logged, so it must hold no personal data: status codes, error codes. */
export type DeliveryOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

export const DELIVERED: DeliveryOutcome = { ok: true };
export const retryLater = (error: string): DeliveryOutcome => ({ ok: false, retry: true, error });
export const failPermanently = (error: string): DeliveryOutcome => ({ ok: false, retry: false, error });

export interface Sender<T extends DeliveryTarget = DeliveryTarget> {
  /** Stops when `signal` aborts (the attempt's time limit). Sending the same request again must be harmless. */
  send(request: StoredRequest, target: T, signal: AbortSignal): Promise<DeliveryOutcome>;
}

export type Senders = { [C in DeliveryChannel]: Sender<Extract<DeliveryTarget, { channel: C }>> };

export function sendTo(senders: Senders, request: StoredRequest, target: DeliveryTarget, signal: AbortSignal): Promise<DeliveryOutcome> {
  switch (target.channel) {
    case 'webhook':
      return senders.webhook.send(request, target, signal);
    case 'email':
      return senders.email.send(request, target, signal);
  }
}

/**
 * An error in a few words without personal data: the first `code` along the cause chain
 * (ECONNRESET, ESOCKET), else the message's first line.
 */
export function errorText(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e instanceof Object && depth < 5; depth++, e = 'cause' in e ? e.cause : undefined) {
    if ('code' in e && typeof e.code === 'string') return e.code;
  }
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 200);
}
