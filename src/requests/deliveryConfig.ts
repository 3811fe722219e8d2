/**
 * The delivery settings in the environment, validated once like src/config.ts; unset values
 * keep the worker's defaults.
 */
import { z } from 'zod';
import { ConfigError } from '../config';
import { describeIssues } from '../shared/zodIssues';
import type { DeliveryWorkerOptions } from './deliveryWorker';

const milliseconds = z.coerce.number().int().positive().optional();

const deliveryConfigSchema = z.object({
  /** smtp://user:pass@host:587 or smtps://…; unset, e-mails are written to DATA_DIR/outbox. */
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().trim().min(1).default('Personvern-bot <personvern-bot@localhost>'),
  DELIVERY_POLL_MS: milliseconds,
  DELIVERY_TIMEOUT_MS: milliseconds,
  DELIVERY_LEASE_MS: milliseconds,
  DELIVERY_BASE_DELAY_MS: milliseconds,
  DELIVERY_MAX_DELAY_MS: milliseconds,
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).optional(),
});

export interface DeliveryConfig {
  smtpUrl?: string;
  mailFrom: string;
  worker: Partial<DeliveryWorkerOptions>;
}

export function loadDeliveryConfig(env: NodeJS.ProcessEnv): DeliveryConfig {
  const result = deliveryConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`Config: ${describeIssues(result.error.issues, ': ')}`);
  }
  const c = result.data;
  const worker = {
    pollMs: c.DELIVERY_POLL_MS,
    timeoutMs: c.DELIVERY_TIMEOUT_MS,
    leaseMs: c.DELIVERY_LEASE_MS,
    baseDelayMs: c.DELIVERY_BASE_DELAY_MS,
    maxDelayMs: c.DELIVERY_MAX_DELAY_MS,
    maxAttempts: c.DELIVERY_MAX_ATTEMPTS,
  };
  return {
    ...(c.SMTP_URL && { smtpUrl: c.SMTP_URL }),
    mailFrom: c.MAIL_FROM,
    worker: Object.fromEntries(Object.entries(worker).filter(([, value]) => value !== undefined)),
  };
}
