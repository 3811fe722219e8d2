/**
 * Moves stored requests out of the outbox: claims due deliveries, sends them, and records the
 * outcome — delivered, retry later (exponential backoff with full jitter), or failed for staff
 * to follow up. Started at boot it first picks up whatever a crashed process left behind.
 *
 * Logs name the reference, channel, attempt and status only, never the resident's data.
 */
import type { Logger } from 'pino';
import type { ClaimedDelivery, RequestStore } from './requestStore';
import { errorText, failPermanently, retryLater, sendTo, type DeliveryOutcome, type Senders } from './sender';

export interface DeliveryWorkerOptions {
  /** How often to look for due deliveries (default 5 s). */
  pollMs: number;
  /** At most this many deliveries per round, sent in parallel (default 10). */
  batchSize: number;
  /** The time limit of one attempt (default 10 s). */
  timeoutMs: number;
  /** How long a claim holds before another process may take it over; longer than timeoutMs (default: timeoutMs + 60 s). */
  leaseMs: number;
  /** The first retry waits up to this long (default 5 s), doubling each time … */
  baseDelayMs: number;
  /** … up to this (default 30 min). */
  maxDelayMs: number;
  /** After this many attempts the delivery is marked failed (default 8). */
  maxAttempts: number;
  now: () => Date;
  /** In [0, 1); the jitter of the retry delays. */
  random: () => number;
}

export const defaultDeliveryWorkerOptions: Omit<DeliveryWorkerOptions, 'leaseMs'> = {
  pollMs: 5_000,
  batchSize: 10,
  timeoutMs: 10_000,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 8,
  now: () => new Date(),
  random: Math.random,
};

/**
 * Full jitter (a random wait up to the exponential bound) spreads out the retries of many
 * requests that failed together, e.g. while the receiver was down.
 */
export function retryDelayMs(attempt: number, options: Pick<DeliveryWorkerOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const bound = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * bound);
}

export interface DeliveryWorkerDeps {
  store: RequestStore;
  senders: Senders;
  logger: Logger;
}

export class DeliveryWorker {
  private readonly options: DeliveryWorkerOptions;
  private readonly inFlight = new Set<Promise<number>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(private readonly deps: DeliveryWorkerDeps, options: Partial<DeliveryWorkerOptions> = {}) {
    const merged = { ...defaultDeliveryWorkerOptions, ...options };
    this.options = { ...merged, leaseMs: options.leaseMs ?? merged.timeoutMs + 60_000 };
    const { leaseMs, timeoutMs } = this.options;
    if (leaseMs <= timeoutMs) {
      throw new Error(`DeliveryWorker: option leaseMs (${leaseMs}) must be longer than timeoutMs (${timeoutMs}), or a slow attempt could be sent twice at once`);
    }
  }

  /** Runs a round at once (recovery after a crash), then every pollMs until stop(). */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the attempts under way; what is left stays due in the store. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One round: claims and sends what is due. Resolves to the number of attempts; never rejects. */
  runOnce(): Promise<number> {
    return this.track(undefined);
  }

  /** Sends a just-created request's deliveries now rather than at the next round. Never rejects. */
  deliverNow(reference: string): Promise<number> {
    return this.track(reference);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.poll(), delayMs);
    // Pending deliveries are safe in the store; they must not keep a finished process alive.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const attempted = await this.runOnce();
    // A full batch suggests more is due: go on at once.
    if (this.running) this.schedule(attempted >= this.options.batchSize ? 0 : this.options.pollMs);
  }

  private track(reference: string | undefined): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    const round = this.round(reference);
    this.inFlight.add(round);
    void round.finally(() => this.inFlight.delete(round));
    return round;
  }

  private async round(reference: string | undefined): Promise<number> {
    const { now, batchSize: limit, leaseMs } = this.options;
    let claimed: ClaimedDelivery[];
    try {
      claimed = await this.deps.store.claimDue({ now: now(), limit, leaseMs, reference });
    } catch (err) {
      this.deps.logger.error({ reference, error: errorText(err) }, 'Delivery: could not claim due deliveries');
      return 0;
    }
    await Promise.all(claimed.map((claim) => this.attempt(claim)));
    return claimed.length;
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    const outcome =
      claim.attempt > this.options.maxAttempts
        ? failPermanently(`the last allowed attempt (${this.options.maxAttempts}) was cut off`)
        : await this.send(claim);
    try {
      await this.record(claim, outcome);
    } catch (err) {
      // The lease runs out and the delivery is due again; nothing is lost.
      this.deps.logger.error({ ...logFields(claim), error: errorText(err) }, 'Delivery: could not record the outcome');
    }
  }

  /** The sender's outcome, a timeout, or an unexpected error turned into a retry: never a rejection. */
  private async send(claim: ClaimedDelivery): Promise<DeliveryOutcome> {
    const { timeoutMs } = this.options;
    const controller = new AbortController();
    const timeout = new Promise<DeliveryOutcome>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(retryLater(`timeout after ${timeoutMs} ms`)), { once: true });
    });
    const timer = setTimeout(() => controller.abort(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    try {
      // The race also covers a sender that ignores the signal.
      return await Promise.race([sendTo(this.deps.senders, claim.request, claim.target, controller.signal), timeout]);
    } catch (err) {
      return retryLater(`unexpected error: ${errorText(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async record(claim: ClaimedDelivery, outcome: DeliveryOutcome): Promise<void> {
    const { store, logger } = this.deps;
    const { now, maxAttempts } = this.options;
    const fields = logFields(claim);
    if (outcome.ok) {
      await store.markDelivered(claim, now());
      logger.info({ ...fields, status: 'delivered' }, 'Delivery: delivered');
      return;
    }
    const { error } = outcome;
    if (!outcome.retry || claim.attempt >= maxAttempts) {
      if (await store.markFailed(claim, error)) logger.error({ ...fields, status: 'failed', error }, 'Delivery: failed for good; staff must follow the request up');
      else this.logSuperseded(claim, error);
      return;
    }
    const nextAttemptAt = new Date(now().getTime() + retryDelayMs(claim.attempt, this.options));
    if (await store.markRetry(claim, nextAttemptAt, error)) logger.warn({ ...fields, status: 'retry', error, nextAttemptAt: nextAttemptAt.toISOString() }, 'Delivery: attempt failed; will retry');
    else this.logSuperseded(claim, error);
  }

  /** The attempt outlived its lease and another took the delivery over; the newer attempt's outcome is the one recorded. */
  private logSuperseded(claim: ClaimedDelivery, error: string): void {
    this.deps.logger.warn({ ...logFields(claim), status: 'superseded', error }, 'Delivery: attempt failed after another took it over');
  }
}

/** The only fields about a delivery that reach the logs. */
function logFields({ reference, channel, attempt }: ClaimedDelivery) {
  return { reference, channel, attempt };
}
