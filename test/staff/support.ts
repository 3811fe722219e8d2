/**
 * The staff router on a real HTTP server (127.0.0.1, random port) with the memory storage
 * backend, the SQLite request store in memory, product content and a fixed clock; seeded with conversations
 * and requests of two municipalities (askim, stranda). And a small cookie-keeping client.
 */
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import express from 'express';
import helmet from 'helmet';
import pino from 'pino';
import type { Outcome } from '../../src/knowledge/classifier';
import { DeliveryWorker } from '../../src/requests/deliveryWorker';
import type { Senders } from '../../src/requests/sender';
import { SqliteRequestStore } from '../../src/requests/sqliteRequestStore';
import type { DeliveryTarget, EmailTarget } from '../../src/requests/targets';
import type { NewRequest } from '../../src/requests/types';
import { staticAccounts, type StaffAccounts } from '../../src/staff/accounts';
import type { LoginLimits } from '../../src/staff/auth';
import { hashPassword } from '../../src/staff/password';
import { createStaffRouter, STAFF_PATH } from '../../src/staff/router';
import type { StaffAccount } from '../../src/staff/types';
import { z } from 'zod';
import { productContent } from '../helpers';

const meSchema = z.object({ csrfToken: z.string() });
import { MemoryAuditLog, MemoryTranscriptArchive } from '../../src/storage/memoryBackend';
import type { AuditEntry } from '../../src/storage/types';

/** "Today" in the tests: a Monday in March 2026, 10:00 in Norway. */
export const NOW = new Date('2026-03-16T09:00:00Z');
export const SECRET = 'test-secret-that-is-long-enough-0123456789';
export const PASSWORD = 'korrekt hest batteri stift';
/** Cheap scrypt for tests: the format carries the cost. */
const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export const USERS = {
  askim: 'kari@askim.kommune.no',
  stranda: 'ola@stranda.kommune.no',
  admin: 'drift@example.no',
} as const;

export async function testAccounts(): Promise<StaffAccount[]> {
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  return [
    { email: USERS.askim, role: 'staff', municipality: 'askim', passwordHash },
    { email: USERS.stranda, role: 'staff', municipality: 'stranda', passwordHash },
    { email: USERS.admin, role: 'admin', passwordHash },
  ];
}

export interface Turn {
  question: string;
  outcome: Outcome;
  sources?: string[];
  confidence?: number;
  feedback?: 'like' | 'dislike';
  /** Replies for another municipality (the resident switched). */
  municipality?: string;
}

/** A conversation as the archive would hold it: question, reply (replyToId), reaction. */
export function conversationActivities(channelId: string, conversationId: string, municipality: string, start: string, turns: readonly Turn[]): Partial<Activity>[] {
  const activities: Partial<Activity>[] = [];
  let t = Date.parse(start);
  const stamp = () => new Date((t += 10_000));
  const base = { channelId, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' } };
  turns.forEach((turn, i) => {
    const q = `${conversationId}-q${i}`;
    const a = `${conversationId}-a${i}`;
    activities.push({ ...base, type: 'message', id: q, timestamp: stamp(), from: { id: 'resident', name: '', role: 'user' }, text: turn.question });
    activities.push({
      ...base, type: 'message', id: a, replyToId: q, timestamp: stamp(), from: { id: 'personvern-bot', name: 'Personvern', role: 'bot' },
      text: `Svar på «${turn.question}»`,
      channelData: { outcome: turn.outcome, sources: turn.sources ?? [], municipality: turn.municipality ?? municipality, language: 'nb', confidence: turn.confidence ?? 0.9 },
    });
    if (turn.feedback && channelId === 'msteams') {
      // Teams' feedback buttons: an invoke naming the reaction (its comment already dropped).
      activities.push({
        ...base, type: 'invoke', name: 'message/submitAction', id: `${a}-r`, replyToId: a, timestamp: stamp(), from: { id: 'resident', name: '', role: 'user' },
        value: { actionName: 'feedback', actionValue: { reaction: turn.feedback } },
      });
    } else if (turn.feedback) {
      activities.push({ ...base, type: 'messageReaction', id: `${a}-r`, replyToId: a, timestamp: stamp(), from: { id: 'resident', name: '', role: 'user' }, reactionsAdded: [{ type: turn.feedback }] });
    }
  });
  return activities;
}

export const CONVERSATIONS = {
  askim: { channelId: 'directline', conversationId: 'askim-conv-1' },
  stranda: { channelId: 'directline', conversationId: 'stranda-conv-1' },
} as const;

export function sampleRequest(municipality: string, overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    kind: 'rights_request', municipality, right: 'access', details: 'Alt dere har om meg', name: 'Kari Nordmann',
    replyTo: { method: 'email', address: 'kari@example.no' }, language: 'nb', ...overrides,
  };
}

const EMAIL_TARGET: EmailTarget = { channel: 'email', to: 'postmottak@example.no', malform: 'nb' };

/** Accounts a test can change while the server runs (as editing the accounts file would). */
export class MutableAccounts implements StaffAccounts {
  constructor(public accounts: StaffAccount[]) {}
  find(email: string): StaffAccount | undefined {
    return staticAccounts(this.accounts).find(email);
  }
}

export interface StaffServer {
  url: string;
  accounts: MutableAccounts;
  /** The router's clock; starts at NOW. */
  clock: { now: Date };
  archive: MemoryTranscriptArchive;
  audit: MemoryAuditLog;
  requests: SqliteRequestStore;
  /** The delivery worker behind "Send på nytt", when the server was started with senders. */
  worker: DeliveryWorker | undefined;
  /** Request references by municipality, in creation order. */
  references: { askim: string[]; stranda: string[] };
  close(): Promise<void>;
}

export interface ServerOptions {
  loginLimits?: Partial<LoginLimits>;
  /** A delivery worker with these senders sends what staff send again; without, it only goes back in the outbox. */
  senders?: Senders;
}

/** Seeds both municipalities and serves the router at /staff, behind helmet like the real app. */
export async function startStaffServer(options: ServerOptions = {}): Promise<StaffServer> {
  const content = productContent();
  // The archive's clock is the router's: the seeded activities are all before it.
  const archive = new MemoryTranscriptArchive(() => NOW);
  const audit = new MemoryAuditLog();
  // Requests were received over the last weeks; the store's clock moves back for each.
  let storeNow = new Date('2026-02-10T09:00:00Z');
  const requests = SqliteRequestStore.inMemory({ now: () => storeNow });
  const references = { askim: [] as string[], stranda: [] as string[] };
  const add = async (m: 'askim' | 'stranda', at: string, request: NewRequest, delivered: boolean) => {
    storeNow = new Date(at);
    const stored = await requests.create(request, delivered ? [EMAIL_TARGET] : []);
    references[m].push(stored.reference);
  };
  await add('askim', '2026-02-10T09:00:00Z', sampleRequest('askim', { conversationId: CONVERSATIONS.askim.conversationId, channel: 'directline' }), true); // deadline 2026-03-10: overdue
  await add('askim', '2026-03-01T09:00:00Z', sampleRequest('askim', { name: '=HYPERLINK("http://evil.example","klikk")', details: '+SUM(1+1)', right: 'erasure' }), false); // failed delivery
  await add('stranda', '2026-03-05T09:00:00Z', sampleRequest('stranda', { kind: 'dpo_message', right: undefined, name: 'Per Strand', details: 'Melding til ombodet' }), true);

  await seedConversations(archive);
  const accounts = new MutableAccounts(await testAccounts());
  const clock = { now: NOW };
  const logger = pino({ level: 'silent' });
  // On the router's clock, so what staff put back "now" is due for the worker.
  const worker = options.senders && new DeliveryWorker({ store: requests, senders: options.senders, logger }, { now: () => clock.now, random: () => 0 });

  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(
    STAFF_PATH,
    createStaffRouter({
      accounts,
      transcripts: archive,
      audit,
      requests,
      municipalities: content.municipalities,
      general: content.general.entries,
      sessionSecret: SECRET,
      now: () => clock.now,
      logger,
      ...(options.loginLimits && { loginLimits: options.loginLimits }),
      ...(worker && { deliverNow: (reference: string) => worker.deliverNow(reference) }),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accounts,
    clock,
    archive,
    audit,
    requests,
    worker,
    references,
    close: async () => {
      await worker?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await requests.close();
    },
  };
}

/** Fails a stored request's pending delivery for good with `error`, as a 4xx answer would. */
export async function failDelivery(server: StaffServer, reference: string, error: string): Promise<void> {
  const [claim] = await server.requests.claimDue({ now: server.clock.now, limit: 1, leaseMs: 60_000, reference });
  if (!claim || !(await server.requests.markFailed(claim, error))) throw new Error(`failDelivery: ${reference} has no pending delivery`);
}

/** A new request whose only delivery, to `target`, failed for good with `error`. */
export async function failedRequest(server: StaffServer, request: NewRequest, target: DeliveryTarget, error: string): Promise<string> {
  const { reference } = await server.requests.create(request, [target]);
  await failDelivery(server, reference, error);
  return reference;
}

async function seedConversations(archive: MemoryTranscriptArchive): Promise<void> {
  const { askim, stranda } = CONVERSATIONS;
  const all = [
    ...conversationActivities(askim.channelId, askim.conversationId, 'askim', '2026-03-10T08:00:00Z', [
      { question: 'Hvem er behandlingsansvarlig?', outcome: 'answer', sources: ['behandlingsansvarlig', 'general:rights-overview'], confidence: 0.91, feedback: 'like' },
      { question: 'Bruker dere kunstig intelligens?', outcome: 'not_covered', confidence: 0.2, feedback: 'dislike' },
    ]),
    ...conversationActivities('directline', 'askim-conv-2', 'askim', '2026-03-12T08:00:00Z', [
      { question: 'Bruker kommunen kunstig intelligens?', outcome: 'not_covered', confidence: 0.1 },
      { question: 'Hvor lenge lagres opptak fra kameraovervåking?', outcome: 'answer', sources: ['formal'], confidence: 0.4 },
    ]),
    ...conversationActivities('msteams', 'askim-conv-3', 'askim', '2026-03-14T08:00:00Z', [
      { question: 'Bruker dere kunstig intelligens!', outcome: 'not_covered', confidence: 0.1, feedback: 'dislike' },
    ]),
    ...conversationActivities(stranda.channelId, stranda.conversationId, 'stranda', '2026-03-11T08:00:00Z', [
      { question: 'Kven er personvernombodet?', outcome: 'answer', sources: ['personvernombod'], confidence: 0.95 },
      { question: 'Brukar de droner?', outcome: 'not_covered', confidence: 0.1 },
    ]),
    // Started in askim, switched to stranda: askim's staff see only the askim turn.
    ...conversationActivities('directline', 'mixed-conv', 'askim', '2026-03-13T08:00:00Z', [
      { question: 'Hva er formålet?', outcome: 'answer', sources: ['formal'], confidence: 0.8 },
      { question: 'Hemmelig spørsmål til Stranda', outcome: 'not_covered', municipality: 'stranda', confidence: 0.1 },
    ]),
  ];
  for (const activity of all) await archive.logActivity(activity);
}

/** The audit log oldest first (the router's clock stands still, so this is the order of writing). */
export async function auditTrail(server: StaffServer): Promise<AuditEntry[]> {
  return (await server.audit.list({})).reverse();
}

/** A fetch wrapper that keeps cookies and never follows redirects. */
export class StaffClient {
  readonly cookies = new Map<string, string>();
  /** Set-Cookie headers of the last response. */
  setCookies: string[] = [];

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    this.setCookies = res.headers.getSetCookie();
    for (const line of this.setCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form), headers });
  }

  /** The login form's CSRF token (and its cookie). */
  async loginToken(): Promise<string> {
    const page = await (await this.get(`${STAFF_PATH}/login`)).text();
    return csrfFrom(page);
  }

  async login(email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Response> {
    const token = await this.loginToken();
    return this.post(`${STAFF_PATH}/login`, { email, password, _csrf: token }, headers);
  }

  /** Signs in and returns the session's CSRF token. */
  async signIn(email: string): Promise<string> {
    const res = await this.login(email);
    if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status}`);
    return meSchema.parse(await (await this.get(`${STAFF_PATH}/api/me`)).json()).csrfToken;
  }
}

export function csrfFrom(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}

export async function signedIn(base: string, email: string): Promise<{ client: StaffClient; csrf: string }> {
  const client = new StaffClient(base);
  return { client, csrf: await client.signIn(email) };
}
