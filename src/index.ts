/**
 * Reads the configuration and starts the server. Invalid content or configuration stops
 * start-up with a message saying what is wrong.
 */
import pino from 'pino';
import { loadConfig } from './config';
import { startServer } from './server/startServer';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL });
  const running = await startServer(config, logger, process.env);
  const auth = config.MicrosoftAppId ? 'Bot Framework authentication on' : 'no MicrosoftAppId: /api/messages is open for local use and the Bot Framework Emulator';
  const directLine = config.DIRECTLINE_SECRET ? 'Direct Line needs DIRECTLINE_SECRET or a token' : 'no DIRECTLINE_SECRET: Direct Line conversations can be opened without one';
  logger.info(`personvern-bot listening on ${running.url.replace('127.0.0.1', 'localhost')} — chat page at /; ${auth}; ${directLine}`);
  const shutdown = (signal: string) => {
    logger.info(`${signal}: closing`);
    void running.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
