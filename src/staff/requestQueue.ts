/**
 * The request queue as staff work it: days left to the deadline (GDPR Art. 12(3): one month),
 * overdue when an open request has passed it, and one delivery state per request.
 */
import { NO_CHANNEL_ERROR } from '../requests/targets';
import type { DeliveryState, RequestStatus, StoredRequest } from '../requests/types';
import { daysBetween } from './dates';

export type DeliverySummary = 'delivered' | 'pending' | 'failed';

/** Statuses that still need work, so a passed deadline is overdue. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['new', 'in_progress'];

export interface QueueRow {
  request: StoredRequest;
  /** Calendar days from today to the deadline; negative when passed. */
  daysLeft: number;
  overdue: boolean;
  delivery: DeliverySummary;
}

/** Delivered when any channel got it through; failed when none did and none is still trying. */
export function deliverySummary(deliveries: readonly DeliveryState[]): DeliverySummary {
  if (deliveries.some((d) => d.state === 'delivered')) return 'delivered';
  if (deliveries.length > 0 && deliveries.every((d) => d.state === 'failed')) return 'failed';
  return 'pending';
}

/**
 * What "Send på nytt" did: put the failed deliveries back in the outbox, or why it sent nothing —
 * the municipality had no delivery channel, or nothing had failed (another click got there first).
 */
export const REDELIVERY_OUTCOMES = ['sent', 'no_channel', 'nothing_failed'] as const;
export type RedeliveryOutcome = (typeof REDELIVERY_OUTCOMES)[number];

/** A failed delivery that had somewhere to go, so staff can send it again (RequestStore.requeue). */
export function redeliverable(delivery: DeliveryState): boolean {
  return delivery.state === 'failed' && delivery.lastError !== NO_CHANNEL_ERROR;
}

/** A request stored while its municipality named nowhere to send it; sending again cannot help. */
export function hadNoChannel(request: StoredRequest): boolean {
  return request.deliveries.some((d) => d.state === 'failed' && d.lastError === NO_CHANNEL_ERROR);
}

export function queueRow(request: StoredRequest, today: string): QueueRow {
  const daysLeft = daysBetween(today, request.deadline);
  return { request, daysLeft, overdue: daysLeft < 0 && OPEN_STATUSES.includes(request.status), delivery: deliverySummary(request.deliveries) };
}

/** "3 dager igjen", "Frist i dag", "2 dager over fristen" — words, so overdue is not told by colour alone. */
export function daysLeftText(row: QueueRow): string {
  if (!OPEN_STATUSES.includes(row.request.status)) return '–';
  const n = row.daysLeft;
  if (n === 0) return 'Frist i dag';
  if (n > 0) return n === 1 ? '1 dag igjen' : `${n} dager igjen`;
  return n === -1 ? 'Forfalt: 1 dag over fristen' : `Forfalt: ${-n} dager over fristen`;
}
