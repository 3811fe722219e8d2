/**
 * The residents' requests, wired: the outbox (SQLite in DATA_DIR, or Azure Blob when instances
 * share it), the webhook and e-mail senders, and the worker that delivers. The server opens it
 * once; the dialogs only call submit().
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Municipality } from '../content/schema';
import { AzureBlobRequestStore } from './azureBlobRequestStore';
import { loadDeliveryConfig } from './deliveryConfig';
import { defaultDeliveryWorkerOptions, DeliveryWorker, type DeliveryWorkerOptions } from './deliveryWorker';
import { EmailSender, OUTBOX_DIR } from './email';
import type { RequestStore } from './requestStore';
import { errorText } from './sender';
import { SqliteRequestStore } from './sqliteRequestStore';
import { deliveryTargets, deliveryWarnings } from './targets';
import type { NewRequest, StoredRequest } from './types';
import { WebhookSender } from './webhook';

export interface OpenRequestsOptions {
  dataDir: string;
  /** SMTP_URL, MAIL_FROM, DELIVERY_* (see deliveryConfig.ts) and the webhook secrets the content files name. */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  municipalities: readonly Municipality[];
  /** For tests: a clock and random source, or worker options the environment does not set. */
  overrides?: Partial<DeliveryWorkerOptions>;
  /**
   * With STORAGE=azure-blob: the outbox in the container "<containerPrefix>-requests", shared by
   * every instance, instead of DATA_DIR's SQLite file (e-mails written to disk still go to DATA_DIR).
   */
  azure?: { connectionString: string; containerPrefix: string };
}

export interface Requests {
  store: RequestStore;
  worker: DeliveryWorker;
  /**
   * Stores the request and starts its first delivery attempt in the background. Resolves once the
   * request is durable (only then tell the resident it was received); rejects, after logging why,
   * only if it could not be stored. Fits the dialogs' RequestSubmitter.
   */
  submit(request: NewRequest): Promise<StoredRequest>;
  /** Starts the worker: it first delivers what a previous process left behind. */
  start(): void;
  /** Waits for attempts under way, then closes the store. */
  close(): Promise<void>;
}

export function openRequests({ dataDir, env, logger, municipalities, overrides, azure }: OpenRequestsOptions): Requests {
  const config = loadDeliveryConfig(env);
  const workerOptions = { ...config.worker, ...overrides };
  const now = overrides?.now ?? defaultDeliveryWorkerOptions.now;
  for (const warning of deliveryWarnings(municipalities, env)) logger.warn(warning);
  const store: RequestStore = azure ? new AzureBlobRequestStore({ ...azure, now }) : SqliteRequestStore.open(dataDir, { now });
  const email = new EmailSender({
    ...(config.smtpUrl && { smtpUrl: config.smtpUrl }),
    outboxDir: join(dataDir, OUTBOX_DIR),
    from: config.mailFrom,
    timeoutMs: workerOptions.timeoutMs ?? defaultDeliveryWorkerOptions.timeoutMs,
  });
  const senders = { webhook: new WebhookSender({ env, now }), email };
  const worker = new DeliveryWorker({ store, senders, logger }, workerOptions);
  const byId = new Map(municipalities.map((m) => [m.id, m]));

  return {
    store,
    worker,
    async submit(request) {
      const municipality = byId.get(request.municipality);
      let stored: StoredRequest;
      try {
        stored = await store.create(request, municipality ? deliveryTargets(municipality) : []);
      } catch (err) {
        logger.error({ municipality: request.municipality, error: errorText(err) }, 'Requests: could not store a request');
        throw err;
      }
      if (!municipality) logger.warn({ reference: stored.reference, municipality: request.municipality }, 'Delivery: unknown municipality; request stored and marked failed');
      void worker.deliverNow(stored.reference);
      return stored;
    },
    start: () => worker.start(),
    async close() {
      await worker.stop();
      email.close();
      await store.close();
    },
  };
}

export type { RequestStore } from './requestStore';
export type { NewRequest, StoredRequest, DeliveryState, RequestStatus } from './types';
export { verifySignature } from './webhook';
