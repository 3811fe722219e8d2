/**
 * Purges what RETENTION_DAYS (default 21) allows to be kept: transcripts whose last activity, and
 * bot conversation state (abandoned request drafts included) last written, before the cutoff.
 * Once at start-up, then every `intervalMs` (default 6 hours) on a timer that does not keep the
 * process alive. Each run logs how many of each went and the cutoff; never which ones, nor
 * anything in them.
 */
import type { Logger } from 'pino';
import type { StorageBackend, TranscriptArchive } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface RetentionJobOptions {
  archive: Pick<TranscriptArchive, 'purgeOlderThan'>;
  /** Bot state, purged with the same cutoff; default: none (purgedStates is always 0). */
  state?: Pick<StorageBackend, 'purgeBotStateOlderThan'>;
  /** Days a conversation is kept after its last activity. */
  days: number;
  logger: Logger;
  now?: () => Date;
  intervalMs?: number;
}

/** What one run deleted. */
export interface RetentionRun {
  purgedTranscripts: number;
  purgedStates: number;
}

const NO_STATE: Pick<StorageBackend, 'purgeBotStateOlderThan'> = { purgeBotStateOlderThan: async () => 0 };

export class RetentionJob {
  private readonly options: Required<RetentionJobOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionRun> | undefined;

  constructor(options: RetentionJobOptions) {
    if (!Number.isInteger(options.days) || options.days < 1) throw new Error(`RetentionJob: days must be a whole number ≥ 1, got ${options.days}`);
    this.options = {
      ...options,
      state: options.state ?? NO_STATE,
      now: options.now ?? (() => new Date()),
      intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    };
  }

  /** Purges once and logs the result (or the failure); runs do not overlap. */
  runOnce(): Promise<RetentionRun> {
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

  /**
   * Both purges run even if the other fails: a broken archive must not keep drafts in bot state,
   * nor the reverse. One log line either way, with the counts of what succeeded.
   */
  private async purge(): Promise<RetentionRun> {
    const { archive, state, days, logger, now } = this.options;
    const cutoff = new Date(now().getTime() - days * DAY_MS);
    const [transcripts, states] = await Promise.allSettled([archive.purgeOlderThan(cutoff), state.purgeBotStateOlderThan(cutoff)]);
    const line = { purgedTranscripts: count(transcripts), purgedStates: count(states), cutoff: cutoff.toISOString(), retentionDays: days };
    if (transcripts.status === 'fulfilled' && states.status === 'fulfilled') {
      logger.info(line, 'retention purge done');
      return { purgedTranscripts: transcripts.value, purgedStates: states.value };
    }
    const err = [failure('transcripts', transcripts), failure('bot state', states)].filter((f) => f !== undefined).join('; ');
    logger.error({ ...line, err }, 'retention purge failed');
    throw new Error(`RetentionJob: ${err}`);
  }

  private async runLogged(): Promise<void> {
    // purge() has logged the failure.
    await this.runOnce().catch(() => {});
  }
}

const count = (result: PromiseSettledResult<number>) => (result.status === 'fulfilled' ? result.value : undefined);

function failure(what: string, result: PromiseSettledResult<number>): string | undefined {
  if (result.status === 'fulfilled') return undefined;
  return `${what}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`;
}
