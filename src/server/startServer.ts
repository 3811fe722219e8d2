/**
 * Wires content, bot, adapter, Direct Line and pages into a listening HTTP server. Used by
 * src/index.ts and by tests that need the real server on a random port.
 */
import type { Server } from 'node:http';
import type { Middleware } from 'botbuilder';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { TurnLogMiddleware } from '../bot/turnLogMiddleware';
import { checkTenantMunicipalities, type Config } from '../config';
import { loadContent } from '../content/load';
import { ConversationEraser, EraseConversationMiddleware } from '../bot/conversationEraser';
import { openRequests, type Requests } from '../requests';
import { FileStaffAccounts, STAFF_ACCOUNTS_FILE_NAME } from '../staff/accounts';
import { createStaffRouter } from '../staff/router';
import { staffSessionSecret } from '../staff/secret';
import { openStorage, storageOptions } from '../storage/openStorage';
import { RetentionJob } from '../storage/retention';
import { SettledArchive } from '../storage/settledArchive';
import { createTranscriptMiddleware } from '../storage/transcriptMiddleware';
import type { StorageBackend } from '../storage/types';
import { type BotRuntime, buildBotRuntime } from '../runtime';
import { createAdapter } from './adapter';
import { createApp } from './app';
import { CHANNEL_ID as DIRECT_LINE_CHANNEL, DirectLineChannel } from './directline/directLine';
import { attachStreaming } from './directline/streaming';
import { createPagesRouter } from './pages/router';

export interface RunningServer {
  directLine: DirectLineChannel;
  /** The outbox of rights requests and DPO messages, and its delivery worker. */
  requests: Requests;
  /** Bot state, transcripts and the audit log (STORAGE: SQLite in DATA_DIR by default). */
  storage: StorageBackend;
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The middleware of every turn, in order: the runtime's (ID numbers removed, personal answers
 * marked, Teams' feedback), then erasing (it resumes after the transcript logger has written the
 * turn), the transcript logger, and the turn log.
 */
export function turnMiddleware(runtime: Pick<BotRuntime, 'middleware'>, transcripts: SettledArchive, eraser: ConversationEraser, logger: Logger): Middleware[] {
  return [...runtime.middleware, new EraseConversationMiddleware(eraser), createTranscriptMiddleware(transcripts), new TurnLogMiddleware(logger)];
}

/**
 * `env` carries what varies per deployment beyond Config: delivery settings (SMTP_URL,
 * DELIVERY_*) and the webhook secrets content files name by variable.
 */
export async function startServer(config: Config, logger: Logger = pino({ level: config.LOG_LEVEL }), env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const content = loadContent(config.CONTENT_DIR);
  checkTenantMunicipalities(config, content.municipalities.map((m) => m.id));
  // With Azure storage the request outbox is shared too, so every instance's staff see every request.
  const requests = openRequests({
    dataDir: config.DATA_DIR,
    env,
    logger,
    municipalities: content.municipalities,
    ...(config.STORAGE === 'azure-blob' && config.AZURE_STORAGE_CONNECTION_STRING
      ? { azure: { connectionString: config.AZURE_STORAGE_CONNECTION_STRING, containerPrefix: config.AZURE_STORAGE_CONTAINER_PREFIX } }
      : {}),
  });
  // Delivers what a previous process left behind (killed mid-delivery), then keeps polling.
  requests.start();
  const storage = await openStorage(storageOptions(config, config.DATA_DIR));
  const transcripts = new SettledArchive(storage.transcripts);
  // Purges transcripts and bot state (abandoned request drafts) older than RETENTION_DAYS now, then every 6 hours.
  const retention = new RetentionJob({ archive: transcripts, state: storage, days: config.RETENTION_DAYS, logger });
  void retention.start();
  const eraser = new ConversationEraser(transcripts, storage.botState);
  const runtime = buildBotRuntime(content, storage.botState, { tenantMunicipalities: config.TEAMS_TENANT_MUNICIPALITIES, requests });
  const middleware = turnMiddleware(runtime, transcripts, eraser, logger);
  const adapter = createAdapter(config, logger, middleware);
  // Direct Line talks to the bot in-process, so its adapter needs no Bot Framework credentials.
  const directLine = new DirectLineChannel({
    secret: config.DIRECTLINE_SECRET,
    municipalities: runtime.knowledge.municipalityIds(),
    adapter: createAdapter({}, logger, middleware),
    bot: runtime.bot,
    archivedTranscript: (id) => transcripts.getTranscript(DIRECT_LINE_CHANNEL, id),
    eraseConversation: (id) => eraser.erase(DIRECT_LINE_CHANNEL, id),
  });
  const app = createApp({
    adapter,
    directLine: directLine.router(),
    bot: runtime.bot,
    logger,
    health: () => ({ municipalities: runtime.knowledge.municipalityIds().length }),
    pages: createPagesRouter({ municipalities: content.municipalities }),
    staff: createStaffRouter({
      accounts: new FileStaffAccounts(config.STAFF_ACCOUNTS_FILE ?? join(config.DATA_DIR, STAFF_ACCOUNTS_FILE_NAME), {
        onError: (err) => logger.error({ err }, 'Staff accounts file invalid; keeping the previous accounts'),
      }),
      transcripts,
      audit: storage.audit,
      requests: requests.store,
      deliverNow: (reference) => requests.worker.deliverNow(reference),
      municipalities: content.municipalities,
      general: content.general.entries,
      sessionSecret: staffSessionSecret(config.STAFF_SESSION_SECRET, config.DATA_DIR),
      logger,
    }),
  });
  const server = app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  directLine.setSelfUrl(url);
  const stopStreaming = attachStreaming(server, directLine.store, directLine.tokens);
  const sweeper = setInterval(() => directLine.store.sweep(), 60_000).unref();
  const close = async () => {
    clearInterval(sweeper);
    stopStreaming();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await retention.stop();
    await requests.close();
    await storage.close();
  };
  return { url, server, close, directLine, requests, storage };
}
