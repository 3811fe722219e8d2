/**
 * The JSON of one request blob in Azure (see azureBlobRequestStore.ts): the request as staff see
 * it, plus per delivery what only the store needs (the target, when it is next due). Parsed with
 * a schema when read back, like the SQLite rows: a blob may have been edited, or written by a
 * newer version.
 */
import { z } from 'zod';
import { LANGUAGES } from '../content/schema';
import { RIGHTS } from '../knowledge/intents';
import { describeIssues } from '../shared/zodIssues';
import { DELIVERY_CHANNELS, DELIVERY_STATES, REQUEST_KINDS, REQUEST_STATUSES } from './requestEnums';
import { deliveryTargetSchema, NO_CHANNEL_ERROR, type DeliveryTarget } from './targets';
import type { DeliveryState, NewRequest, StoredRequest } from './types';

const requestSchema = z.object({
  reference: z.string(),
  kind: z.enum(REQUEST_KINDS),
  municipality: z.string(),
  right: z.enum(RIGHTS).optional(),
  details: z.string(),
  name: z.string(),
  replyTo: z.object({ method: z.enum(['email', 'phone']), address: z.string() }),
  language: z.enum(LANGUAGES),
  conversationId: z.string().optional(),
  channel: z.string().optional(),
  createdAt: z.string(),
  deadline: z.string(),
  status: z.enum(REQUEST_STATUSES),
});

const deliverySchema = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  /** Null for a request that had nowhere to go (NO_CHANNEL_ERROR). */
  target: deliveryTargetSchema.nullable(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  /** Epoch ms: the next attempt while pending, the lease's end while sending, else null. */
  dueAt: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

const recordSchema = z.object({ request: requestSchema, deliveries: z.array(deliverySchema) });

export type RequestRecord = z.infer<typeof recordSchema>;
export type DeliveryRecord = z.infer<typeof deliverySchema>;

/** Parses a blob's text; the error names the blob. */
export function parseRecord(json: string, blobName: string): RequestRecord {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`RequestStore: stored request ${blobName} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = recordSchema.safeParse(data);
  if (!result.success) throw new Error(`RequestStore: stored request ${blobName} is invalid: ${describeIssues(result.error.issues, ' ')}`);
  return result.data;
}

/**
 * A new request's record: only the fields of a NewRequest (never an extra one the caller's object
 * carried), one pending delivery per target due at once, webhook before e-mail as in SQLite.
 */
export function newRecord(request: NewRequest, targets: readonly DeliveryTarget[], stamp: { reference: string; createdAt: Date; deadline: string }): RequestRecord {
  const dueAt = stamp.createdAt.getTime();
  const deliveries: DeliveryRecord[] =
    targets.length === 0
      ? [{ channel: 'email', target: null, state: 'failed', attempts: 0, dueAt: null, lastError: NO_CHANNEL_ERROR, deliveredAt: null }]
      : targets
          .map((t) => deliveryTargetSchema.parse(t))
          .sort((a, b) => b.channel.localeCompare(a.channel))
          .map((target): DeliveryRecord => ({ channel: target.channel, target, state: 'pending', attempts: 0, dueAt, lastError: null, deliveredAt: null }));
  return {
    request: {
      reference: stamp.reference,
      kind: request.kind,
      municipality: request.municipality,
      ...(request.right !== undefined && { right: request.right }),
      details: request.details,
      name: request.name,
      replyTo: { method: request.replyTo.method, address: request.replyTo.address },
      language: request.language,
      ...(request.conversationId !== undefined && { conversationId: request.conversationId }),
      ...(request.channel !== undefined && { channel: request.channel }),
      createdAt: stamp.createdAt.toISOString(),
      deadline: stamp.deadline,
      status: 'new',
    },
    deliveries,
  };
}

export function toStoredRequest(record: RequestRecord): StoredRequest {
  return { ...record.request, deliveries: record.deliveries.map(toDeliveryState) };
}

function toDeliveryState(d: DeliveryRecord): DeliveryState {
  return {
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    ...(d.lastError !== null && { lastError: d.lastError }),
    ...(d.dueAt !== null && { nextAttemptAt: new Date(d.dueAt).toISOString() }),
    ...(d.deliveredAt !== null && { deliveredAt: d.deliveredAt }),
  };
}

/** Pending and due, or sending with an expired lease; one without a target has nowhere to go. */
export function isDue(d: DeliveryRecord, now: Date): d is DeliveryRecord & { target: DeliveryTarget; dueAt: number } {
  return (d.state === 'pending' || d.state === 'sending') && d.dueAt !== null && d.dueAt <= now.getTime() && d.target !== null;
}

/**
 * Repeated in the blob's metadata, so listing (one call per 5,000 blobs) finds the due requests
 * and filters by municipality or delivery state without downloading every blob.
 */
export function recordMetadata(record: RequestRecord): Record<string, string> {
  const due = record.deliveries.filter((d) => (d.state === 'pending' || d.state === 'sending') && d.dueAt !== null).map((d) => d.dueAt ?? 0);
  return {
    [METADATA.municipality]: encodeURIComponent(record.request.municipality),
    [METADATA.states]: [...new Set(record.deliveries.map((d) => d.state))].join(','),
    ...(due.length > 0 && { [METADATA.dueAt]: String(Math.min(...due)) }),
  };
}

export const METADATA = { municipality: 'municipality', states: 'deliverystates', dueAt: 'dueat' } as const;
