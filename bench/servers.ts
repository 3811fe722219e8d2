/**
 * The servers the end-to-end bench drives: the real one from src/server/startServer.ts, and the
 * same wiring (adapter, middleware, app, Direct Line) composed here around any bot, e.g. a bare
 * echo bot, to see what the bot's own turn adds to a Direct Line round trip.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, MemoryStorage, type Middleware } from 'botbuilder';
import pino from 'pino';
import { NationalIdRedactionMiddleware } from '../src/bot/nationalIdMiddleware';
import { TurnLogMiddleware } from '../src/bot/turnLogMiddleware';
import { loadConfig } from '../src/config';
import { loadContent } from '../src/content/load';
import { buildBotRuntime } from '../src/runtime';
import { createAdapter } from '../src/server/adapter';
import { createApp } from '../src/server/app';
import { DirectLineChannel } from '../src/server/directline/directLine';
import { attachStreaming } from '../src/server/directline/streaming';
import { startServer } from '../src/server/startServer';
import { openStorage } from '../src/storage/openStorage';
import { SettledArchive } from '../src/storage/settledArchive';
import { createTranscriptMiddleware } from '../src/storage/transcriptMiddleware';

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

/** Per-client limits for composed servers: far above what the bench sends, so they never bite (the limiters still run). */
export const RAISED_LIMITS = { tokenRequestsPerMinute: 100_000, requestsPerMinute: 1_000_000, rateLimitPerMinute: 100_000 };

/** The real server, exactly as src/index.ts starts it (its rate limits are the defaults). */
export async function startRealServer(): Promise<BenchServer> {
  const running = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'personvern-bench-')) }));
  return { url: running.url, close: running.close };
}

/** Replies with what it was told: a turn with no work of its own. */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id !== botId)) {
        await context.sendActivity({ type: 'message', text: 'Hei!', channelData: { outcome: 'smalltalk', sources: [] } });
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'message', text: context.activity.text ?? '', channelData: { outcome: 'smalltalk', sources: [] } });
      await next();
    });
  }
}

/**
 * startServer's wiring around a given bot: the same middleware (ID-number redaction, transcripts
 * in SQLite, the turn log), the same createAdapter for Direct Line, createApp, DirectLineChannel
 * and streaming, with rate limits passed through their options.
 */
export async function startComposedServer(bot: ActivityHandler, municipalities: readonly string[], middleware: Middleware[] = [new NationalIdRedactionMiddleware()]): Promise<BenchServer> {
  const logger = pino({ level: 'silent' });
  // Every turn archived in SQLite, as startServer does: storage is the server's cost, not the bot's.
  const storage = await openStorage({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'personvern-bench-')) });
  const allMiddleware = [...middleware, createTranscriptMiddleware(new SettledArchive(storage.transcripts)), new TurnLogMiddleware(logger)];
  const directLine = new DirectLineChannel({
    municipalities,
    adapter: createAdapter({}, logger, allMiddleware),
    bot,
    tokenRequestsPerMinute: RAISED_LIMITS.tokenRequestsPerMinute,
    requestsPerMinute: RAISED_LIMITS.requestsPerMinute,
  });
  const app = createApp({
    adapter: createAdapter({}, logger, allMiddleware),
    directLine: directLine.router(),
    bot,
    logger,
    health: () => ({ municipalities: municipalities.length }),
    rateLimitPerMinute: RAISED_LIMITS.rateLimitPerMinute,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  directLine.setSelfUrl(url);
  const stopStreaming = attachStreaming(server, directLine.store, directLine.tokens);
  return {
    url,
    close: async () => {
      stopStreaming();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await storage.close();
    },
  };
}

export async function startEchoServer(municipalities: readonly string[]): Promise<BenchServer> {
  return startComposedServer(new EchoBot(), municipalities);
}

/** The personvern bot in the composed wiring with raised limits: a control that it matches startServer. */
export async function startComposedRealServer(contentDir = 'content'): Promise<BenchServer> {
  const runtime = buildBotRuntime(loadContent(contentDir), new MemoryStorage());
  return startComposedServer(runtime.bot, runtime.knowledge.municipalityIds(), runtime.middleware);
}
