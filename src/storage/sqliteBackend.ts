/**
 * Storage in one SQLite file, DATA_DIR/workspace.sqlite: bot state, the transcript archive and
 * the audit log. WAL lets the staff pages read while the bot writes; secure_delete and a WAL
 * checkpoint after deletions make deleted transcripts unreadable in the file, not just unlisted.
 * better-sqlite3 is synchronous, so each method is one short transaction and concurrent,
 * out-of-order logActivity calls simply become rows (ordered by timestamp when read).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity, Storage, StoreItems } from 'botbuilder';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { OUTCOMES } from '../knowledge/classifier';
import { checkAuditEntry, parseStored, parseStoredActivity, prepareForArchive } from './archiveRecords';
import type { AuditEntry, AuditLog, ConversationFilter, ConversationSummary, StorageBackend, TranscriptArchive } from './types';

export const WORKSPACE_FILE = 'workspace.sqlite';

/** Each entry moves the schema from version i to i + 1 (PRAGMA user_version). Append, never edit. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE bot_state (
     key TEXT PRIMARY KEY,
     etag TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE transcript_activities (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     channel_id TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     at TEXT NOT NULL,
     resident_message INTEGER NOT NULL,
     municipality TEXT,
     outcome TEXT,
     activity TEXT NOT NULL
   ) STRICT;
   CREATE INDEX transcript_by_conversation ON transcript_activities (channel_id, conversation_id, at);
   CREATE INDEX transcript_by_municipality ON transcript_activities (municipality) WHERE municipality IS NOT NULL;
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     municipality TEXT NOT NULL,
     target TEXT
   ) STRICT;
   CREATE INDEX audit_by_municipality ON audit (municipality, at);`,
];

function migrate(db: Database.Database, file: string): void {
  const version = z.number().int().parse(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) throw new Error(`Storage ${file}: schema version ${version} is newer than this program knows (${MIGRATIONS.length})`);
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/** botbuilder Storage with MemoryStorage's eTag rules: a stale eTag throws, '*' or none overwrites. */
export class SqliteBotState implements Storage {
  private readonly select: Database.Statement<[string]>;
  private readonly upsert: Database.Statement<{ key: string; etag: string; value: string; updated_at: string }>;
  private readonly remove: Database.Statement<[string]>;
  private readonly removeOlder: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database, private readonly now: () => Date = () => new Date()) {
    this.select = db.prepare('SELECT etag, value FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(`INSERT INTO bot_state (key, etag, value, updated_at) VALUES (@key, @etag, @value, @updated_at)
      ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`);
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    // updated_at is always toISOString()'s fixed-width UTC form, so text order is time order.
    this.removeOlder = db.prepare('DELETE FROM bot_state WHERE updated_at < ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key);
      if (row === undefined) continue;
      const { etag, value } = parseStored(stateRow, row, `SqliteBotState: "${key}"`);
      items[key] = { ...parseStored(stateValue, JSON.parse(value), `SqliteBotState: "${key}"`), eTag: etag };
    }
    return items;
  }

  /** All changes in one IMMEDIATE transaction: a conflict on one key writes none. */
  async write(changes: StoreItems): Promise<void> {
    this.db.transaction(() => {
      for (const [key, { eTag, ...value }] of Object.entries(changes)) {
        const row = this.select.get(key);
        const current = row === undefined ? undefined : parseStored(stateRow, row, `SqliteBotState: "${key}"`).etag;
        if (current !== undefined && typeof eTag === 'string' && eTag !== '' && eTag !== '*' && eTag !== current) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        this.upsert.run({ key, etag: randomUUID(), value: JSON.stringify(value), updated_at: this.now().toISOString() });
      }
    }).immediate();
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => keys.forEach((key) => this.remove.run(key)))();
  }

  /** One statement, so a row written during the purge is either already newer or not yet there. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { changes } = this.removeOlder.run(cutoff.toISOString());
    if (changes > 0) checkpoint(this.db);
    return changes;
  }
}

const stateRow = z.object({ etag: z.string(), value: z.string() });
const stateValue = z.record(z.string(), z.unknown());

const summaryRow = z.object({
  channel_id: z.string(),
  conversation_id: z.string(),
  first_at: z.string(),
  last_at: z.string(),
  messages: z.number().int(),
  municipality: z.string().nullable(),
  municipalities: z.string(),
  outcomes: z.string(),
});
const municipalitiesJson = z.array(z.string().nullable());
const outcomesJson = z.partialRecord(z.enum(OUTCOMES), z.number().int());

/** Every summary column computed from the activities; the filter applied in SQL. */
const LIST_CONVERSATIONS = `
  WITH conversations AS (
    SELECT channel_id, conversation_id, MIN(at) AS first_at, MAX(at) AS last_at, SUM(resident_message) AS messages
    FROM transcript_activities
    WHERE @channel IS NULL OR channel_id = @channel
    GROUP BY channel_id, conversation_id
  )
  SELECT c.*,
    (SELECT m.municipality FROM transcript_activities m
      WHERE m.channel_id = c.channel_id AND m.conversation_id = c.conversation_id AND m.municipality IS NOT NULL
      ORDER BY m.at DESC, m.seq DESC LIMIT 1) AS municipality,
    (SELECT json_group_array(DISTINCT m.municipality) FROM transcript_activities m
      WHERE m.channel_id = c.channel_id AND m.conversation_id = c.conversation_id AND m.municipality IS NOT NULL) AS municipalities,
    (SELECT json_group_object(outcome, n) FROM (
      SELECT o.outcome, COUNT(*) AS n FROM transcript_activities o
      WHERE o.channel_id = c.channel_id AND o.conversation_id = c.conversation_id AND o.outcome IS NOT NULL
      GROUP BY o.outcome)) AS outcomes
  FROM conversations c
  WHERE (@from IS NULL OR c.last_at >= @from)
    AND (@to IS NULL OR c.first_at < @to)
    AND (@municipality IS NULL OR EXISTS (SELECT 1 FROM transcript_activities x
      WHERE x.channel_id = c.channel_id AND x.conversation_id = c.conversation_id AND x.municipality = @municipality))
    AND (@outcome IS NULL OR EXISTS (SELECT 1 FROM transcript_activities x
      WHERE x.channel_id = c.channel_id AND x.conversation_id = c.conversation_id AND x.outcome = @outcome))
  ORDER BY c.last_at DESC, c.conversation_id`;

export class SqliteTranscriptArchive implements TranscriptArchive {
  private readonly statements;

  constructor(private readonly db: Database.Database, private readonly now: () => Date = () => new Date()) {
    this.statements = {
      insert: db.prepare(`INSERT INTO transcript_activities (channel_id, conversation_id, at, resident_message, municipality, outcome, activity)
        VALUES (@channel_id, @conversation_id, @at, @resident_message, @municipality, @outcome, @activity)`),
      list: db.prepare(LIST_CONVERSATIONS),
      transcript: db.prepare('SELECT activity FROM transcript_activities WHERE channel_id = ? AND conversation_id = ? ORDER BY at, seq').pluck(),
      remove: db.prepare('DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?'),
      idle: db.prepare('SELECT channel_id, conversation_id FROM transcript_activities GROUP BY channel_id, conversation_id HAVING MAX(at) < ?'),
    };
  }

  async logActivity(activity: Partial<Activity>): Promise<void> {
    const a = prepareForArchive(activity, this.now());
    if (!a) return;
    this.statements.insert.run({
      channel_id: a.channelId,
      conversation_id: a.conversationId,
      at: a.at,
      resident_message: a.residentMessage ? 1 : 0,
      municipality: a.municipality ?? null,
      outcome: a.outcome ?? null,
      activity: JSON.stringify(a.activity),
    });
  }

  async listConversations(filter: ConversationFilter): Promise<ConversationSummary[]> {
    const rows = this.statements.list.all({
      channel: filter.channel ?? null,
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      municipality: filter.municipality ?? null,
      outcome: filter.outcome ?? null,
    });
    return rows.map((row) => {
      const r = parseStored(summaryRow, row, 'SqliteTranscriptArchive: conversation summary');
      const municipalities = parseStored(municipalitiesJson, JSON.parse(r.municipalities), 'SqliteTranscriptArchive: municipalities');
      return {
        channelId: r.channel_id,
        conversationId: r.conversation_id,
        ...(r.municipality !== null && { municipality: r.municipality }),
        municipalities: municipalities.filter((m) => m !== null).sort(),
        firstAt: r.first_at,
        lastAt: r.last_at,
        messages: r.messages,
        outcomes: parseStored(outcomesJson, JSON.parse(r.outcomes), 'SqliteTranscriptArchive: outcomes'),
      };
    });
  }

  async getTranscript(channelId: string, conversationId: string): Promise<Partial<Activity>[]> {
    return this.statements.transcript.all(channelId, conversationId)
      .map((json) => parseStoredActivity(z.string().parse(json), 'SqliteTranscriptArchive: stored activity'));
  }

  async deleteConversation(channelId: string, conversationId: string): Promise<void> {
    const { changes } = this.statements.remove.run(channelId, conversationId);
    if (changes > 0) checkpoint(this.db);
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const purged = this.db.transaction(() => {
      const idle = this.statements.idle.all(cutoff.toISOString());
      for (const row of idle) {
        const { channel_id, conversation_id } = parseStored(conversationRow, row, 'SqliteTranscriptArchive: conversation');
        this.statements.remove.run(channel_id, conversation_id);
      }
      return idle.length;
    }).immediate();
    if (purged > 0) checkpoint(this.db);
    return purged;
  }
}

/** Copies the WAL into the file and empties it, so deleted rows' old page images go too (best effort: a reader may hold it). */
function checkpoint(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

const conversationRow = z.object({ channel_id: z.string(), conversation_id: z.string() });

export class SqliteAuditLog implements AuditLog {
  private readonly insert;
  private readonly select;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit (at, actor, action, municipality, target) VALUES (@at, @actor, @action, @municipality, @target)');
    this.select = db.prepare(`SELECT at, actor, action, municipality, target FROM audit
      WHERE @municipality IS NULL OR municipality = @municipality ORDER BY at DESC, seq DESC LIMIT @limit`);
  }

  async append(entry: AuditEntry): Promise<void> {
    const e = checkAuditEntry(entry);
    this.insert.run({ at: e.at, actor: e.actor, action: e.action, municipality: e.municipality, target: e.target ?? null });
  }

  async list(filter: { municipality?: string; limit?: number }): Promise<AuditEntry[]> {
    // -1: no limit in SQLite.
    const rows = this.select.all({ municipality: filter.municipality ?? null, limit: filter.limit ?? -1 });
    return rows.map((row) => {
      const r = parseStored(auditRow, row, 'SqliteAuditLog: entry');
      return { at: r.at, actor: r.actor, action: r.action, municipality: r.municipality, ...(r.target !== null && { target: r.target }) };
    });
  }
}

const auditRow = z.object({ at: z.string(), actor: z.string(), action: z.string(), municipality: z.string(), target: z.string().nullable() });

export interface SqliteBackendOptions {
  /** The clock for bot-state writes and activities without a (valid, past) timestamp; default: the system clock. */
  now?: () => Date;
}

/** Opens (creating or migrating) DATA_DIR/workspace.sqlite. */
export function openSqliteBackend(dataDir: string, options: SqliteBackendOptions = {}): StorageBackend {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, WORKSPACE_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('secure_delete = ON');
  // Another process (a second instance on the same DATA_DIR, a staff tool) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  migrate(db, file);
  const botState = new SqliteBotState(db, options.now);
  return {
    kind: 'sqlite',
    botState,
    purgeBotStateOlderThan: (cutoff) => botState.purgeOlderThan(cutoff),
    transcripts: new SqliteTranscriptArchive(db, options.now),
    audit: new SqliteAuditLog(db),
    close: async () => {
      db.close();
    },
  };
}
