/**
 * The SQLite tables of the request store, their migrations, and the parsing of rows back into
 * typed requests. Rows are parsed with a schema rather than trusted: the file may have been
 * edited, or written by a newer version.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { LANGUAGES } from '../content/schema';
import { RIGHTS } from '../knowledge/intents';
import { describeIssues } from '../shared/zodIssues';
import { DELIVERY_CHANNELS, DELIVERY_STATES, REQUEST_KINDS, REQUEST_STATUSES } from './requestEnums';
import { deliveryTargetSchema, type DeliveryTarget } from './targets';
import type { DeliveryState, StoredRequest } from './types';

/**
 * Each entry moves the schema from version i to i + 1 (PRAGMA user_version). Append, never edit.
 * `due_at` is when a delivery is next due: the next attempt while pending, the lease's end while
 * sending — so one indexed column finds both kinds of due work.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE requests (
     reference TEXT PRIMARY KEY,
     year INTEGER NOT NULL,
     sequence INTEGER NOT NULL,
     kind TEXT NOT NULL,
     municipality TEXT NOT NULL,
     gdpr_right TEXT,
     details TEXT NOT NULL,
     name TEXT NOT NULL,
     reply_method TEXT NOT NULL,
     reply_address TEXT NOT NULL,
     language TEXT NOT NULL,
     conversation_id TEXT,
     chat_channel TEXT,
     created_at TEXT NOT NULL,
     deadline TEXT NOT NULL,
     status TEXT NOT NULL,
     UNIQUE (year, sequence)
   ) STRICT;
   CREATE INDEX requests_by_municipality ON requests (municipality);
   CREATE TABLE deliveries (
     reference TEXT NOT NULL REFERENCES requests (reference),
     channel TEXT NOT NULL,
     target TEXT,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at INTEGER,
     last_error TEXT,
     delivered_at TEXT,
     PRIMARY KEY (reference, channel)
   ) STRICT;
   CREATE INDEX deliveries_due ON deliveries (due_at) WHERE state IN ('pending', 'sending');`,
];

/** Brings the file's schema up to date in one transaction; refuses a file from a newer version. */
export function migrate(db: Database.Database, fileName: string): void {
  const version = z.number().int().parse(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) {
    throw new Error(`RequestStore ${fileName}: schema version ${version} is newer than this program knows (${MIGRATIONS.length})`);
  }
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

const requestRow = z.object({
  reference: z.string(),
  kind: z.enum(REQUEST_KINDS),
  municipality: z.string(),
  gdpr_right: z.enum(RIGHTS).nullable(),
  details: z.string(),
  name: z.string(),
  reply_method: z.enum(['email', 'phone']),
  reply_address: z.string(),
  language: z.enum(LANGUAGES),
  conversation_id: z.string().nullable(),
  chat_channel: z.string().nullable(),
  created_at: z.string(),
  deadline: z.string(),
  status: z.enum(REQUEST_STATUSES),
});

const deliveryRow = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  due_at: z.number().nullable(),
  last_error: z.string().nullable(),
  delivered_at: z.string().nullable(),
});

/** What a claim needs of a due delivery row. */
const dueRow = z.object({
  reference: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  attempts: z.number().int(),
  target: z.string().nullable(),
});

function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(row);
  if (!result.success) {
    throw new Error(`RequestStore: stored ${what} is invalid: ${describeIssues(result.error.issues, ' ')}`);
  }
  return result.data;
}

export function toDeliveryState(row: unknown): DeliveryState {
  const d = parseRow(deliveryRow, row, 'delivery');
  return {
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    ...(d.last_error !== null && { lastError: d.last_error }),
    ...(d.due_at !== null && { nextAttemptAt: new Date(d.due_at).toISOString() }),
    ...(d.delivered_at !== null && { deliveredAt: d.delivered_at }),
  };
}

export function toStoredRequest(row: unknown, deliveriesOf: (reference: string) => DeliveryState[]): StoredRequest {
  const r = parseRow(requestRow, row, 'request');
  return {
    reference: r.reference,
    kind: r.kind,
    municipality: r.municipality,
    ...(r.gdpr_right !== null && { right: r.gdpr_right }),
    details: r.details,
    name: r.name,
    replyTo: { method: r.reply_method, address: r.reply_address },
    language: r.language,
    ...(r.conversation_id !== null && { conversationId: r.conversation_id }),
    ...(r.chat_channel !== null && { channel: r.chat_channel }),
    createdAt: r.created_at,
    deadline: r.deadline,
    status: r.status,
    deliveries: deliveriesOf(r.reference),
  };
}

export function toDueRow(row: unknown): z.infer<typeof dueRow> {
  return parseRow(dueRow, row, 'delivery');
}

export function toTarget(json: string | null): DeliveryTarget {
  if (json === null) throw new Error('RequestStore: stored delivery has no target');
  return parseRow(deliveryTargetSchema, JSON.parse(json) as unknown, 'delivery target');
}
