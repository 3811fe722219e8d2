/**
 * The request store in one SQLite file, DATA_DIR/personvern.sqlite. Written with WAL and
 * synchronous=FULL: each commit is on disk when create() returns, so a request the resident was
 * told about survives a crash and a power cut. The cost, one fsync per request, is nothing at
 * the rate residents write.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deadlineAfter, formatReference, norwegianDate } from './references';
import type { ClaimedDelivery, ClaimOptions, DeliveryClaim, ListFilter, RequestStore } from './requestStore';
import { migrate, toDeliveryState, toDueRow, toStoredRequest, toTarget } from './sqliteSchema';
import { deliveryTargetSchema, NO_CHANNEL_ERROR, type DeliveryTarget } from './targets';
import type { NewRequest, RequestStatus, StoredRequest } from './types';

export const STORE_FILE = 'personvern.sqlite';

export interface SqliteRequestStoreOptions {
  /** The clock for createdAt, reference years and deadlines (default: the system clock). */
  now?: () => Date;
}

export class SqliteRequestStore implements RequestStore {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly now: () => Date;

  /** Opens (and creates or migrates) DATA_DIR/personvern.sqlite. */
  static open(dataDir: string, options: SqliteRequestStoreOptions = {}): SqliteRequestStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteRequestStore(join(dataDir, STORE_FILE), options);
  }

  /** A store that lives as long as the object: same behaviour, for tests of the code that uses it. */
  static inMemory(options: SqliteRequestStoreOptions = {}): SqliteRequestStore {
    return new SqliteRequestStore(':memory:', options);
  }

  private constructor(file: string, options: SqliteRequestStoreOptions) {
    const db = new Database(file);
    this.db = db;
    this.now = options.now ?? (() => new Date());
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Another process (a staff tool, a second instance) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
    this.statements = prepareStatements(db);
  }

  async create(request: NewRequest, targets: readonly DeliveryTarget[]): Promise<StoredRequest> {
    const channels = targets.map((t) => t.channel);
    if (new Set(channels).size !== channels.length) throw new Error(`RequestStore: more than one target per channel (${channels.join(', ')})`);
    const createdAt = this.now();
    const { year } = norwegianDate(createdAt);
    const s = this.statements;
    // IMMEDIATE takes the write lock first, so two processes can never allocate the same number.
    const reference = this.db.transaction(() => {
      const sequence = Number(s.nextSequence.get(year));
      const reference = formatReference(year, sequence);
      s.insertRequest.run({
        reference, year, sequence,
        kind: request.kind,
        municipality: request.municipality,
        gdpr_right: request.right ?? null,
        details: request.details,
        name: request.name,
        reply_method: request.replyTo.method,
        reply_address: request.replyTo.address,
        language: request.language,
        conversation_id: request.conversationId ?? null,
        chat_channel: request.channel ?? null,
        created_at: createdAt.toISOString(),
        deadline: deadlineAfter(createdAt),
        status: 'new',
      });
      if (targets.length === 0) {
        s.insertDelivery.run({ reference, channel: 'email', target: null, state: 'failed', due_at: null, last_error: NO_CHANNEL_ERROR });
      }
      for (const target of targets) {
        s.insertDelivery.run({ reference, channel: target.channel, target: JSON.stringify(deliveryTargetSchema.parse(target)), state: 'pending', due_at: createdAt.getTime(), last_error: null });
      }
      return reference;
    }).immediate();
    return this.getExisting(reference);
  }

  async get(reference: string): Promise<StoredRequest | undefined> {
    return this.read(reference);
  }

  private read(reference: string): StoredRequest | undefined {
    const row = this.statements.selectRequest.get(reference);
    return row === undefined ? undefined : this.withDeliveries(row);
  }

  async list(filter: ListFilter = {}): Promise<StoredRequest[]> {
    const rows = this.statements.listRequests.all({ municipality: filter.municipality ?? null, state: filter.deliveryState ?? null });
    return rows.map((row) => this.withDeliveries(row));
  }

  async claimDue({ now, limit, leaseMs, reference }: ClaimOptions): Promise<ClaimedDelivery[]> {
    const s = this.statements;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    return this.db.transaction(() => {
      const rows = s.selectDue.all({ now: now.getTime(), limit, reference: reference ?? null });
      return rows.flatMap((row) => {
        try {
          const due = toDueRow(row);
          const attempt = due.attempts + 1;
          s.claim.run({ reference: due.reference, channel: due.channel, attempt, due_at: leaseUntil.getTime() });
          return [{ reference: due.reference, channel: due.channel, attempt, request: this.getExisting(due.reference), target: toTarget(due.target), leaseUntil }];
        } catch (err) {
          // One unreadable row must not stop the others; failed, it stays visible to staff.
          s.failRow.run({ rowid: rowIdOf(row), last_error: err instanceof Error ? err.message : String(err) });
          return [];
        }
      });
    }).immediate();
  }

  async markDelivered(claim: DeliveryClaim, at: Date): Promise<boolean> {
    // Whichever claim it was, the receiver has the request now.
    return this.statements.markDelivered.run({ ...claimParams(claim), delivered_at: at.toISOString() }).changes === 1;
  }

  async markRetry(claim: DeliveryClaim, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.statements.release.run({ ...claimParams(claim), state: 'pending', due_at: nextAttemptAt.getTime(), last_error: error }).changes === 1;
  }

  async markFailed(claim: DeliveryClaim, error: string): Promise<boolean> {
    return this.statements.release.run({ ...claimParams(claim), state: 'failed', due_at: null, last_error: error }).changes === 1;
  }

  async requeue(reference: string, now: Date): Promise<boolean> {
    return this.statements.requeue.run({ reference, due_at: now.getTime() }).changes > 0;
  }

  async setStatus(reference: string, status: RequestStatus): Promise<boolean> {
    return this.statements.setStatus.run({ reference, status }).changes === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private getExisting(reference: string): StoredRequest {
    const request = this.read(reference);
    if (!request) throw new Error(`RequestStore: request ${reference} not found`);
    return request;
  }

  private withDeliveries(row: unknown): StoredRequest {
    return toStoredRequest(row, (reference) => this.statements.selectDeliveries.all(reference).map(toDeliveryState));
  }
}

/** Only the claim's own fields: a claim may arrive as a whole ClaimedDelivery. */
function claimParams({ reference, channel, attempt }: DeliveryClaim) {
  return { reference, channel, attempt };
}

function rowIdOf(row: unknown): unknown {
  return typeof row === 'object' && row !== null && 'rowid' in row ? row.rowid : null;
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
    nextSequence: db.prepare('SELECT COALESCE(MAX(sequence), 0) + 1 FROM requests WHERE year = ?').pluck(),
    insertRequest: db.prepare(
      `INSERT INTO requests (reference, year, sequence, kind, municipality, gdpr_right, details, name, reply_method, reply_address,
         language, conversation_id, chat_channel, created_at, deadline, status)
       VALUES (@reference, @year, @sequence, @kind, @municipality, @gdpr_right, @details, @name, @reply_method, @reply_address,
         @language, @conversation_id, @chat_channel, @created_at, @deadline, @status)`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (reference, channel, target, state, due_at, last_error)
       VALUES (@reference, @channel, @target, @state, @due_at, @last_error)`,
    ),
    selectRequest: db.prepare('SELECT * FROM requests WHERE reference = ?'),
    selectDeliveries: db.prepare('SELECT * FROM deliveries WHERE reference = ? ORDER BY channel DESC'),
    listRequests: db.prepare(
      `SELECT * FROM requests r
       WHERE (@municipality IS NULL OR r.municipality = @municipality)
         AND (@state IS NULL OR EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = r.reference AND d.state = @state))
       ORDER BY r.year DESC, r.sequence DESC`,
    ),
    selectDue: db.prepare(
      `SELECT rowid, reference, channel, attempts, target FROM deliveries
       WHERE state IN ('pending', 'sending') AND due_at <= @now AND (@reference IS NULL OR reference = @reference)
       ORDER BY due_at LIMIT @limit`,
    ),
    claim: db.prepare(
      `UPDATE deliveries SET state = 'sending', attempts = @attempt, due_at = @due_at
       WHERE reference = @reference AND channel = @channel`,
    ),
    markDelivered: db.prepare(
      `UPDATE deliveries SET state = 'delivered', due_at = NULL, last_error = NULL, delivered_at = @delivered_at
       WHERE reference = @reference AND channel = @channel AND state <> 'delivered'`,
    ),
    release: db.prepare(
      `UPDATE deliveries SET state = @state, due_at = @due_at, last_error = @last_error
       WHERE reference = @reference AND channel = @channel AND state = 'sending' AND attempts = @attempt`,
    ),
    // A row without a target is a request that had nowhere to go (NO_CHANNEL_ERROR): it stays failed.
    requeue: db.prepare(
      `UPDATE deliveries SET state = 'pending', attempts = 0, due_at = @due_at
       WHERE reference = @reference AND state = 'failed' AND target IS NOT NULL`,
    ),
    failRow: db.prepare(`UPDATE deliveries SET state = 'failed', due_at = NULL, last_error = @last_error WHERE rowid = @rowid`),
    setStatus: db.prepare('UPDATE requests SET status = @status WHERE reference = @reference'),
  };
}
