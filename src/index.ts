/**
 * Reads the configuration, loads and validates the content, wires adapter, bot and server, and
 * listens. Invalid content or configuration stops start-up with a message saying what is wrong.
 */
import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { TurnLogMiddleware } from './bot/turnLogMiddleware';
import { loadConfig } from './config';
import { loadContent } from './content/load';
import { buildBotRuntime } from './runtime';
import { createAdapter } from './server/adapter';
import { createApp } from './server/app';

function main(): void {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL });
  const content = loadContent(config.CONTENT_DIR);
  const runtime = buildBotRuntime(content, new MemoryStorage());
  const adapter = createAdapter(config, logger, [...runtime.middleware, new TurnLogMiddleware(logger)]);
  const app = createApp({
    adapter,
    bot: runtime.bot,
    logger,
    health: () => ({ municipalities: runtime.knowledge.municipalityIds().length }),
  });

  const server = app.listen(config.PORT, () => {
    const auth = config.MicrosoftAppId ? 'Bot Framework authentication on' : 'no MicrosoftAppId: open for local use and the Bot Framework Emulator';
    logger.info(`personvern-bot listening on http://localhost:${config.PORT} (${runtime.knowledge.municipalityIds().join(', ')}); ${auth}`);
  });
  const shutdown = (signal: string) => {
    logger.info(`${signal}: closing`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
