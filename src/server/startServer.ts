/**
 * Wires content, bot, adapter, Direct Line and pages into a listening HTTP server. Used by
 * src/index.ts and by tests that need the real server on a random port.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { TurnLogMiddleware } from '../bot/turnLogMiddleware';
import { checkTenantMunicipalities, type Config } from '../config';
import { loadContent } from '../content/load';
import { buildBotRuntime } from '../runtime';
import { createAdapter } from './adapter';
import { createApp } from './app';
import { DirectLineChannel } from './directline/directLine';
import { attachStreaming } from './directline/streaming';
import { createPagesRouter } from './pages/router';

export interface RunningServer {
  directLine: DirectLineChannel;
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger = pino({ level: config.LOG_LEVEL })): Promise<RunningServer> {
  const content = loadContent(config.CONTENT_DIR);
  checkTenantMunicipalities(config, content.municipalities.map((m) => m.id));
  const runtime = buildBotRuntime(content, new MemoryStorage(), { tenantMunicipalities: config.TEAMS_TENANT_MUNICIPALITIES });
  const middleware = [...runtime.middleware, new TurnLogMiddleware(logger)];
  const adapter = createAdapter(config, logger, middleware);
  // Direct Line talks to the bot in-process, so its adapter needs no Bot Framework credentials.
  const directLine = new DirectLineChannel({
    secret: config.DIRECTLINE_SECRET,
    municipalities: runtime.knowledge.municipalityIds(),
    adapter: createAdapter({}, logger, middleware),
    bot: runtime.bot,
  });
  const app = createApp({
    adapter,
    directLine: directLine.router(),
    bot: runtime.bot,
    logger,
    health: () => ({ municipalities: runtime.knowledge.municipalityIds().length }),
    pages: createPagesRouter({ municipalities: content.municipalities }),
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
  const close = () => new Promise<void>((resolve) => {
    clearInterval(sweeper);
    stopStreaming();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { url, server, close, directLine };
}
