/**
 * A self-hosted Direct Line 3.0: the subset botframework-directlinejs and Web Chat use, so the
 * chat page works against this server or Azure's service alike. Activities reach the bot through
 * a CloudAdapter like any channel's; the bot's replies come back over HTTP to this server's own
 * connector endpoint (the activities' serviceUrl), so the bot cannot tell it from Azure.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import rateLimit from 'express-rate-limit';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import { z } from 'zod';
import { ConversationStore, type StoredConversation } from './conversationStore';
import { DIRECT_LINE_PATH } from './paths';
import { streamUrl } from './streaming';
import { TokenService } from './tokens';
import { redactNationalIds } from '../../bot/nationalId';
import { idSchema, MAX_TEXT_LENGTH, parseActivity } from '../activitySchema';
import { transcriptText } from './transcriptText';

export { DIRECT_LINE_PATH };
export const CHANNEL_ID = 'directline';
const BOT_ACCOUNT = { id: 'personvern-bot', name: 'Personvern', role: 'bot' };

export interface DirectLineOptions {
  /** When set, opening conversations and generating tokens require it (as Azure's Direct Line). */
  secret?: string;
  /** Known municipality ids; the chat page's token request names one. */
  municipalities: readonly string[];
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store?: ConversationStore;
  tokens?: TokenService;
  /** Requests per minute per client on the public token endpoint (default 30). */
  tokenRequestsPerMinute?: number;
  /** Requests per minute per client on the conversation endpoints; Web Chat polls about once a second (default 600). */
  requestsPerMinute?: number;
  /** The conversation as archived (masked), for the resident to download; none when transcripts are off. */
  archivedTranscript?: (conversationId: string) => Promise<Partial<Activity>[]>;
  /** Deletes the conversation from the archive and bot state when the resident deletes it. */
  eraseConversation?: (conversationId: string) => Promise<void>;
}

/** What a client may post: a message (or other activity) from the user. */
const postedActivitySchema = z
  .object({
    type: z.string().min(1, 'must not be empty'),
    id: idSchema.optional(),
    from: z.object({ id: z.string().min(1, 'must not be empty') }).loose(),
    text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

type Auth = { kind: 'secret' } | { kind: 'token'; conversationId: string } | { kind: 'open' };

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class DirectLineChannel {
  readonly store: ConversationStore;
  readonly tokens: TokenService;
  /** Unguessable path part: only this server knows where its bot replies go. */
  private readonly connectorKey = randomBytes(16).toString('hex');
  private selfUrl = '';

  constructor(private readonly options: DirectLineOptions) {
    this.store = options.store ?? new ConversationStore();
    this.tokens = options.tokens ?? new TokenService(options.secret);
  }

  /** The server's own base URL (known once it listens), for the activities' serviceUrl. */
  setSelfUrl(url: string): void {
    this.selfUrl = url.replace(/\/$/, '');
  }

  private get serviceUrl(): string {
    return `${this.selfUrl}/directline-connector/${this.connectorKey}`;
  }

  /** `/v3/directline/*` plus the chat page's token endpoint and the bot's connector endpoint. */
  router(): Router {
    const router = Router();
    const json = express.json({ limit: '100kb' });
    const wrap = (handler: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response, next: NextFunction) => {
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof HttpError) res.status(err.status).json({ error: { code: String(err.status), message: err.message } });
        else next(err);
      }
    };
    const tokenLimiter = rateLimit({ windowMs: 60_000, limit: this.options.tokenRequestsPerMinute ?? 30, standardHeaders: 'draft-8', legacyHeaders: false });

    router.use(DIRECT_LINE_PATH, rateLimit({ windowMs: 60_000, limit: this.options.requestsPerMinute ?? 600, standardHeaders: 'draft-8', legacyHeaders: false }));
    router.post('/api/chat/token', tokenLimiter, json, wrap((req, res) => this.chatToken(req, res)));
    router.post(`${DIRECT_LINE_PATH}/tokens/generate`, tokenLimiter, json, wrap((req, res) => this.generateToken(req, res)));
    router.post(`${DIRECT_LINE_PATH}/tokens/refresh`, wrap((req, res) => this.refreshToken(req, res)));
    router.post(`${DIRECT_LINE_PATH}/conversations`, json, wrap((req, res) => this.startConversation(req, res)));
    router.get(`${DIRECT_LINE_PATH}/conversations/:id`, wrap((req, res) => this.reconnect(req, res)));
    router.post(`${DIRECT_LINE_PATH}/conversations/:id/activities`, json, wrap((req, res) => this.postActivity(req, res)));
    router.get(`${DIRECT_LINE_PATH}/conversations/:id/activities`, wrap((req, res) => this.getActivities(req, res)));
    router.delete(`${DIRECT_LINE_PATH}/conversations/:id`, wrap((req, res) => this.deleteConversation(req, res)));
    router.get(`${DIRECT_LINE_PATH}/conversations/:id/transcript`, wrap((req, res) => this.downloadTranscript(req, res)));
    router.post(
      '/directline-connector/:key/v3/conversations/:id/activities{/:replyToId}',
      express.json({ limit: '1mb' }),
      wrap((req, res) => this.receiveFromBot(req, res)),
    );
    return router;
  }

  /** For the chat page's server side: a token for a new conversation with its municipality. */
  private chatToken(req: Request, res: Response): void {
    const municipality = z.object({ municipality: z.string().optional() }).safeParse(req.body ?? {}).data?.municipality;
    if (municipality !== undefined && !this.options.municipalities.includes(municipality)) {
      throw new HttpError(400, `unknown municipality "${municipality}"`);
    }
    res.json(this.newConversationToken(municipality));
  }

  private generateToken(req: Request, res: Response): void {
    this.authenticate(req, { allowOpen: true });
    res.json(this.newConversationToken(undefined));
  }

  private refreshToken(req: Request, res: Response): void {
    const auth = this.authenticate(req);
    if (auth.kind !== 'token') throw new HttpError(403, 'refresh needs a token');
    if (!this.store.get(auth.conversationId)) throw new HttpError(404, 'conversation not found');
    res.json({ conversationId: auth.conversationId, ...this.tokens.issue(auth.conversationId) });
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const auth = this.authenticate(req, { allowOpen: true });
    let conversation: StoredConversation | undefined;
    if (auth.kind === 'token') {
      conversation = this.store.get(auth.conversationId);
      if (!conversation) throw new HttpError(404, 'conversation not found');
    } else {
      conversation = this.store.create(randomUUID());
    }
    const isNew = !conversation.started;
    if (isNew) {
      conversation.started = true;
      await this.toBot(conversation, {
        type: 'conversationUpdate',
        membersAdded: [BOT_ACCOUNT, this.userAccount(conversation)],
        from: this.userAccount(conversation),
        ...(conversation.municipality ? { channelData: { municipality: conversation.municipality } } : {}),
      });
    }
    res.status(isNew ? 201 : 200).json(this.conversationResponse(req, conversation.id));
  }

  private reconnect(req: Request, res: Response): void {
    const conversation = this.conversationFor(req);
    res.json(this.conversationResponse(req, conversation.id, String(req.query.watermark ?? '')));
  }

  /** `{conversationId, token, expires_in, streamUrl}` with a fresh token for the stream. */
  private conversationResponse(req: Request, conversationId: string, watermark = '') {
    const issued = this.tokens.issue(conversationId);
    // The stream is opened by the client, so its address is the one the client used.
    const url = streamUrl(`${req.protocol}://${req.get('host') ?? 'localhost'}`, conversationId, issued.token);
    return { conversationId, ...issued, streamUrl: /^\d+$/.test(watermark) ? `${url}&watermark=${watermark}` : url };
  }

  /** Stores the user's activity, runs the bot's turn and answers when the turn has finished. */
  private async postActivity(req: Request, res: Response): Promise<void> {
    const conversation = this.conversationFor(req);
    const parsed = parseActivity(req.body, postedActivitySchema);
    if ('problem' in parsed) throw new HttpError(400, `Invalid activity: ${parsed.problem}`);
    const { from, text, ...rest } = parsed.data;
    // The conversation is kept in memory and echoed to the page: never with an ID number in it.
    const stored = this.store.append(conversation, {
      ...rest,
      ...(text !== undefined ? { text: redactNationalIds(text).text } : {}),
      from: { ...from, id: from.id, name: typeof from.name === 'string' ? from.name : '' },
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id, name: '', isGroup: false, conversationType: 'personal' },
    });
    // The bot gets the words as typed: its redaction middleware removes the number and warns.
    await this.toBot(conversation, text !== undefined ? { ...stored, text } : stored);
    res.json({ id: stored.id });
  }

  private getActivities(req: Request, res: Response): void {
    const conversation = this.conversationFor(req);
    const watermark = Number.parseInt(String(req.query.watermark ?? '0'), 10);
    res.json(this.store.since(conversation, Number.isFinite(watermark) && watermark >= 0 ? watermark : 0));
  }

  /**
   * The resident deletes the conversation from the page: gone from this server's memory, the
   * transcript archive and bot state. Works with the conversation's token also after a restart,
   * when only the archive still has it.
   */
  private async deleteConversation(req: Request, res: Response): Promise<void> {
    const id = this.authorisedConversationId(req);
    this.store.delete(id);
    await this.options.eraseConversation?.(id);
    res.status(204).end();
  }

  /**
   * An extension of Direct Line for the chat page's "Last ned samtalen": what the municipality
   * keeps of this conversation (masked as archived), as a text file.
   */
  private async downloadTranscript(req: Request, res: Response): Promise<void> {
    const id = this.authorisedConversationId(req);
    const activities = (await this.options.archivedTranscript?.(id)) ?? [];
    res.setHeader('Content-Disposition', `attachment; filename="samtale-${new Date().toISOString().slice(0, 10)}.txt"`);
    res.type('text/plain; charset=utf-8').send(transcriptText(activities));
  }

  /** The bot's reply, sent by the CloudAdapter to the serviceUrl this server gave it. */
  private receiveFromBot(req: Request, res: Response): void {
    const key = Buffer.from(String(req.params.key));
    const expected = Buffer.from(this.connectorKey);
    if (key.length !== expected.length || !timingSafeEqual(key, expected)) throw new HttpError(404, 'not found');
    const conversation = this.store.get(String(req.params.id));
    if (!conversation) throw new HttpError(404, 'conversation not found');
    // serviceUrl holds the connector key: clients never see it.
    const { serviceUrl: _internal, ...activity } = req.body as Partial<Activity>;
    const stored = this.store.append(conversation, activity);
    res.json({ id: stored.id });
  }

  private newConversationToken(municipality: string | undefined) {
    const conversation = this.store.create(randomUUID(), municipality);
    return { conversationId: conversation.id, ...this.tokens.issue(conversation.id) };
  }

  private userAccount(conversation: StoredConversation) {
    return { id: `dl_${conversation.id.slice(0, 8)}`, name: '', role: 'user' };
  }

  /**
   * Runs the bot's turn through the CloudAdapter's own request path, in-process: the adapter
   * validates the activity and sends replies to this server's connector endpoint over HTTP.
   */
  private async toBot(conversation: StoredConversation, activity: Partial<Activity>): Promise<void> {
    const body = JSON.parse(
      JSON.stringify({
        ...activity,
        id: activity.id ?? `${conversation.id}|start`,
        channelId: CHANNEL_ID,
        serviceUrl: this.serviceUrl,
        conversation: { id: conversation.id },
        recipient: BOT_ACCOUNT,
        timestamp: activity.timestamp ?? new Date(),
      }),
    ) as Record<string, unknown>;
    let status = 200;
    const response = {
      socket: undefined,
      status: (code: number) => {
        status = code;
      },
      header: () => undefined,
      send: () => undefined,
      end: () => undefined,
    };
    await this.options.adapter.process({ method: 'POST', headers: {}, body }, response, (context) => this.options.bot.run(context));
    // The adapter refuses a bad activity with 4xx: that is the client's error, as it would be at Azure.
    if (status >= 500) throw new HttpError(502, `the bot could not take the activity (${status})`);
    if (status >= 400) throw new HttpError(400, `the bot refused the activity (${status})`);
  }

  /** The conversation named in the path, if the caller may use it: 401 without auth, 403 for another's token, 404 unknown. */
  /** The conversation id a request may act on: its token's (or any, with the secret), whether or not it is still in memory. */
  private authorisedConversationId(req: Request): string {
    const auth = this.authenticate(req, { allowOpen: false });
    const id = String(req.params.id);
    if (!idSchema.safeParse(id).success) throw new HttpError(404, 'conversation not found');
    if (auth.kind === 'token' && auth.conversationId !== id) throw new HttpError(403, 'token is for another conversation');
    return id;
  }

  private conversationFor(req: Request): StoredConversation {
    const auth = this.authenticate(req, { allowOpen: false });
    const id = String(req.params.id);
    if (!idSchema.safeParse(id).success) throw new HttpError(404, 'conversation not found');
    if (auth.kind === 'token' && auth.conversationId !== id) throw new HttpError(403, 'token is for another conversation');
    const conversation = this.store.get(id);
    if (!conversation) throw new HttpError(404, 'conversation not found');
    return conversation;
  }

  private authenticate(req: Request, { allowOpen = false } = {}): Auth {
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const { secret } = this.options;
    if (!bearer) {
      if (allowOpen && !secret) return { kind: 'open' };
      throw new HttpError(401, 'missing Authorization: Bearer <secret or token>');
    }
    if (secret && bearer.length === secret.length && timingSafeEqual(Buffer.from(bearer), Buffer.from(secret))) return { kind: 'secret' };
    const check = this.tokens.verify(bearer);
    if (check.ok) return { kind: 'token', conversationId: check.claims.conversationId };
    throw new HttpError(403, check.reason === 'expired' ? 'token expired' : 'invalid token');
  }
}
