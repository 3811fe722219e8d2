/**
 * Purges transcripts older than RETENTION_DAYS (default 21): once at start-up, then every
 * `intervalMs` (default 6 hours) on a timer that does not keep the process alive. Each run logs
 * how many conversations went and the cutoff; never which ones, nor anything in them.
 */
import type { Logger } from 'pino';
import type { TranscriptArchive } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface RetentionJobOptions {
  archive: Pick<TranscriptArchive, 'purgeOlderThan'>;
  /** Days a conversation is kept after its last activity. */
  days: number;
  logger: Logger;
  now?: () => Date;
  intervalMs?: number;
}

export class RetentionJob {
  private readonly options: Required<RetentionJobOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(options: RetentionJobOptions) {
    if (!Number.isInteger(options.days) || options.days < 1) throw new Error(`RetentionJob: days must be a whole number ≥ 1, got ${options.days}`);
    this.options = { ...options, now: options.now ?? (() => new Date()), intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS };
  }

  /** Purges once; resolves with the number of conversations purged. Runs do not overlap. */
  runOnce(): Promise<number> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Purges now and then on the interval; a failed run is logged and the next one tries again. */
  start(): Promise<void> {
    if (!this.timer) this.timer = setInterval(() => void this.runLogged(), this.options.intervalMs).unref();
    return this.runLogged();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  private async purge(): Promise<number> {
    const { archive, days, logger, now } = this.options;
    const cutoff = new Date(now().getTime() - days * DAY_MS);
    const purged = await archive.purgeOlderThan(cutoff);
    logger.info({ purged, cutoff: cutoff.toISOString(), retentionDays: days }, 'transcripts purged');
    return purged;
  }

  private async runLogged(): Promise<void> {
    try {
      await this.runOnce();
    } catch (err) {
      this.options.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'transcript purge failed');
    }
  }
}
