/**
 * What staff can see and do, independent of HTML or JSON: both the pages and the API call these
 * methods, which check the municipality (access.ts) and write the audit log. Denials are
 * audited by the router's error handler, which sees every ForbiddenError.
 */
import type { Activity } from 'botbuilder';
import type { GeneralEntry, Municipality } from '../content/schema';
import { norwegianDateTime } from '../requests/references';
import type { RequestStore } from '../requests/requestStore';
import type { RequestStatus, StoredRequest } from '../requests/types';
import type { AuditEntry, AuditLog, ConversationSummary, TranscriptArchive } from '../storage/types';
import type { z } from 'zod';
import { assertAccess, listScope, missing } from './access';
import { toCsv } from './csv';
import { addDays, norwegianToday, startOfNorwegianDay } from './dates';
import { DELIVERY_LABEL, KIND_LABEL, rightLabel, STATUS_LABEL, type AuditAction } from './labels';
import type { auditQuery, conversationsQuery, periodQuery, requestsQuery } from './queries';
import { hadNoChannel, OPEN_STATUSES, queueRow, redeliverable, type QueueRow, type RedeliveryOutcome } from './requestQueue';
import { buildTranscript, conversationMunicipalities, SourceTitles, turnsFor, type TranscriptEntry } from './transcript';
import { groupUnanswered, LOW_CONFIDENCE, unansweredTurns, type UnansweredGroup, type UnansweredTurn } from './unanswered';
import { ownMunicipality, type StaffUser } from './types';

/** Default period of the lists and the report: the last 30 days. */
export const DEFAULT_PERIOD_DAYS = 30;
export const PAGE_SIZE = 50;
/** The report reads at most this many conversations (newest first) per request. */
export const MAX_SCANNED_CONVERSATIONS = 2000;
export const AUDIT_PAGE_LIMIT = 500;
const ALL = '*';

export interface StaffServiceDeps {
  transcripts: TranscriptArchive;
  audit: AuditLog;
  requests: RequestStore;
  municipalities: readonly Municipality[];
  /** General entries, to name "general:<id>" sources by title (else by id). */
  general?: readonly GeneralEntry[];
  /**
   * Sends a request's due deliveries at once and resolves when the attempts are done: the delivery
   * worker's deliverNow. Without it a request sent again waits for the worker's next round.
   */
  deliverNow?: (reference: string) => Promise<unknown>;
  now: () => Date;
}

/** A period as the forms show it (dates in Norway, both days included) and as the archive takes it. */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export interface ConversationList {
  scope: string | undefined;
  period: Period;
  conversations: ConversationSummary[];
  total: number;
  page: number;
  pages: number;
}

export interface ConversationView {
  channelId: string;
  conversationId: string;
  municipalities: string[];
  entries: TranscriptEntry[];
  /** Requests the resident sent from this conversation (that this user may see). */
  requests: StoredRequest[];
  /** Messages left out because they concern another municipality (staff only). */
  hidden: number;
  /** Whether this user may delete it: admins, or staff when it concerns only their municipality. */
  deletable: boolean;
}

export interface UnansweredReport {
  scope: string | undefined;
  period: Period;
  threshold: number;
  groups: UnansweredGroup[];
  scanned: number;
  /** True when the period had more conversations than were read. */
  truncated: boolean;
}

/** The audit entry's words for what "Send på nytt" did. */
const REDELIVERY_AUDIT: Record<RedeliveryOutcome, string> = { sent: 'sendt på nytt', no_channel: 'ingen leveringskanal', nothing_failed: 'ingen feilet levering' };

export const conversationTarget = (channelId: string, conversationId: string) => `${channelId}/${conversationId}`;
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

export class StaffService {
  private readonly known: ReadonlySet<string>;
  private readonly names: ReadonlyMap<string, string>;
  private readonly titles: SourceTitles;
  private readonly deliverNow: (reference: string) => Promise<unknown>;

  constructor(private readonly deps: StaffServiceDeps) {
    this.deliverNow = deps.deliverNow ?? (() => Promise.resolve());
    this.known = new Set(deps.municipalities.map((m) => m.id));
    this.names = new Map(deps.municipalities.map((m) => [m.id, m.name]));
    this.titles = new SourceTitles(deps.municipalities, deps.general);
  }

  /** Municipalities for the filters: all for an admin, their own for staff. */
  municipalitiesFor(user: StaffUser): { id: string; name: string }[] {
    const all = this.deps.municipalities.map((m) => ({ id: m.id, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return user.role === 'admin' ? all : all.filter((m) => m.id === user.municipality);
  }

  municipalityName(id: string | undefined): string {
    if (!id) return 'Ingen kommune valgt';
    return this.names.get(id) ?? id;
  }

  async record(user: { email: string } | string, action: AuditAction, municipality: string | undefined, target?: string): Promise<void> {
    const actor = typeof user === 'string' ? user : user.email;
    const entry: AuditEntry = { at: this.deps.now().toISOString(), actor, action, municipality: municipality ?? ALL, ...(target !== undefined && { target: clip(target) }) };
    await this.deps.audit.append(entry);
  }

  period(query: { from?: string | undefined; to?: string | undefined }): Period {
    const today = norwegianToday(this.deps.now());
    const to = query.to ?? today;
    const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    return { from, to, start: startOfNorwegianDay(from), end: startOfNorwegianDay(addDays(to, 1)) };
  }

  async listConversations(user: StaffUser, query: z.infer<typeof conversationsQuery>): Promise<ConversationList> {
    const scope = listScope(user, query.municipality, this.known, 'conversations');
    const period = this.period(query);
    const all = await this.deps.transcripts.listConversations({
      ...(scope && { municipality: scope }),
      from: period.start,
      to: period.end,
      ...(query.outcome && { outcome: query.outcome }),
      ...(query.channel && { channel: query.channel }),
    });
    // The archive filters already; checked again here so a backend bug cannot widen access.
    const visible = scope ? all.filter((c) => c.municipalities.includes(scope)) : all;
    const sorted = [...visible].sort((a, b) => b.lastAt.localeCompare(a.lastAt));
    const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
    const page = Math.min(query.page ?? 1, pages);
    return { scope, period, conversations: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: sorted.length, page, pages };
  }

  /** The transcript after the access check; an unknown conversation is "missing". */
  private async checkedTranscript(user: StaffUser, channelId: string, conversationId: string, require: 'some' | 'all'): Promise<{ activities: Partial<Activity>[]; municipalities: string[] }> {
    const target = `conversation ${conversationTarget(channelId, conversationId)}`;
    const activities = await this.deps.transcripts.getTranscript(channelId, conversationId);
    if (activities.length === 0) throw missing(user, 'samtalen', target);
    const municipalities = conversationMunicipalities(activities);
    assertAccess(user, municipalities, target, require);
    return { activities, municipalities };
  }

  async openConversation(user: StaffUser, channelId: string, conversationId: string): Promise<ConversationView> {
    const { activities, municipalities } = await this.checkedTranscript(user, channelId, conversationId, 'some');
    const scope = ownMunicipality(user);
    await this.record(user, 'view_conversation', scope ?? (municipalities.length === 1 ? municipalities[0] : undefined), conversationTarget(channelId, conversationId));
    const requests = (await this.deps.requests.list(scope ? { municipality: scope } : {})).filter((r) => r.conversationId === conversationId && (!r.channel || r.channel === channelId));
    const all = buildTranscript(activities, this.titles);
    const { entries, hidden } = scope ? turnsFor(all, scope) : { entries: all, hidden: 0 };
    const deletable = !scope || municipalities.every((m) => m === scope);
    return { channelId, conversationId, municipalities: scope ? [scope] : municipalities, entries, requests, hidden, deletable };
  }

  async deleteConversation(user: StaffUser, channelId: string, conversationId: string): Promise<void> {
    const { municipalities } = await this.checkedTranscript(user, channelId, conversationId, 'all');
    await this.deps.transcripts.deleteConversation(channelId, conversationId);
    await this.record(user, 'delete_conversation', municipalities.length === 1 ? municipalities[0] : undefined, conversationTarget(channelId, conversationId));
  }

  async unanswered(user: StaffUser, query: z.infer<typeof periodQuery>): Promise<UnansweredReport> {
    const scope = listScope(user, query.municipality, this.known, 'unanswered');
    const period = this.period(query);
    const listed = await this.deps.transcripts.listConversations({ ...(scope && { municipality: scope }), from: period.start, to: period.end });
    const candidates = listed
      .filter((c) => (!scope || c.municipalities.includes(scope)) && ((c.outcomes.not_covered ?? 0) > 0 || (c.outcomes.answer ?? 0) > 0))
      .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
    const scanned = candidates.slice(0, MAX_SCANNED_CONVERSATIONS);
    const turns: UnansweredTurn[] = [];
    for (const c of scanned) {
      const entries = buildTranscript(await this.deps.transcripts.getTranscript(c.channelId, c.conversationId), this.titles);
      const found = unansweredTurns(entries, { channelId: c.channelId, conversationId: c.conversationId }, { from: period.start, to: period.end });
      // A resident may have switched municipality mid-conversation: staff see only their own turns.
      turns.push(...found.filter((t) => !scope || t.municipality === scope));
    }
    return { scope, period, threshold: LOW_CONFIDENCE, groups: groupUnanswered(turns), scanned: scanned.length, truncated: candidates.length > scanned.length };
  }

  async listRequests(user: StaffUser, query: z.infer<typeof requestsQuery>): Promise<{ scope: string | undefined; rows: QueueRow[] }> {
    const scope = listScope(user, query.municipality, this.known, 'requests');
    const today = norwegianToday(this.deps.now());
    const rows = (await this.deps.requests.list(scope ? { municipality: scope } : {}))
      .filter((r) => !scope || r.municipality === scope)
      .filter((r) => !query.status || (query.status === 'open' ? OPEN_STATUSES.includes(r.status) : r.status === query.status))
      .map((r) => queueRow(r, today));
    return { scope, rows };
  }

  private async checkedRequest(user: StaffUser, reference: string): Promise<StoredRequest> {
    const target = `request ${reference}`;
    const request = await this.deps.requests.get(reference);
    if (!request) throw missing(user, 'henvendelsen', target);
    assertAccess(user, [request.municipality], target);
    return request;
  }

  async openRequest(user: StaffUser, reference: string): Promise<QueueRow> {
    const request = await this.checkedRequest(user, reference);
    await this.record(user, 'view_request', request.municipality, reference);
    return queueRow(request, norwegianToday(this.deps.now()));
  }

  async setRequestStatus(user: StaffUser, reference: string, status: RequestStatus): Promise<QueueRow> {
    const before = await this.checkedRequest(user, reference);
    await this.deps.requests.setStatus(reference, status);
    await this.record(user, 'update_request', before.municipality, `${reference}: ${before.status} → ${status}`);
    return queueRow((await this.deps.requests.get(reference)) ?? { ...before, status }, norwegianToday(this.deps.now()));
  }

  /**
   * Sends a request's failed deliveries again once the cause is fixed (a receiver that was down, a
   * missing webhook secret), and waits for the attempt, so the page can show how it went. Audited
   * before anything is sent.
   */
  async redeliverRequest(user: StaffUser, reference: string): Promise<{ outcome: RedeliveryOutcome; row: QueueRow }> {
    const before = await this.checkedRequest(user, reference);
    const channels = before.deliveries.filter(redeliverable).map((d) => d.channel);
    const sent = await this.deps.requests.requeue(reference, this.deps.now());
    const outcome: RedeliveryOutcome = sent ? 'sent' : hadNoChannel(before) ? 'no_channel' : 'nothing_failed';
    await this.record(user, 'redeliver_request', before.municipality, `${reference}: ${REDELIVERY_AUDIT[outcome]}${sent ? ` (${channels.join(', ')})` : ''}`);
    if (sent) await this.deliverNow(reference);
    return { outcome, row: queueRow((await this.deps.requests.get(reference)) ?? before, norwegianToday(this.deps.now())) };
  }

  async exportRequests(user: StaffUser, query: z.infer<typeof requestsQuery>): Promise<string> {
    const { scope, rows } = await this.listRequests(user, query);
    await this.record(user, 'export_requests', scope, `${rows.length} henvendelser${query.status ? ` (status ${query.status})` : ''}`);
    const header = ['Referanse', 'Kommune', 'Type', 'Rettighet', 'Mottatt', 'Frist', 'Dager igjen', 'Forfalt', 'Status', 'Levering', 'Navn', 'Svar via', 'Kontakt', 'Språk', 'Gjelder'];
    return toCsv(
      header,
      rows.map((row) => {
        const r = row.request;
        return [r.reference, this.municipalityName(r.municipality), KIND_LABEL[r.kind], r.right ? rightLabel(r.right) : '', norwegianDateTime(new Date(r.createdAt)), r.deadline, OPEN_STATUSES.includes(r.status) ? row.daysLeft : '', row.overdue ? 'Ja' : 'Nei', STATUS_LABEL[r.status], DELIVERY_LABEL[row.delivery], r.name, r.replyTo.method === 'email' ? 'E-post' : 'Telefon', r.replyTo.address, r.language, r.details];
      }),
    );
  }

  async auditEntries(user: StaffUser, query: z.infer<typeof auditQuery>): Promise<{ scope: string | undefined; entries: AuditEntry[] }> {
    const scope = listScope(user, query.municipality, this.known, 'audit');
    const entries = await this.deps.audit.list({ ...(scope && { municipality: scope }), limit: AUDIT_PAGE_LIMIT });
    return { scope, entries: scope ? entries.filter((e) => e.municipality === scope) : entries };
  }
}

