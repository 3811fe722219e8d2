/**
 * Where a municipality's requests go, worked out once from its content file when a request is
 * created and stored with it, so every retry goes where the first attempt went.
 */
import { z } from 'zod';
import { MALFORMS, type Municipality } from '../content/schema';

/** Parsed when stored (only these fields are kept) and when read back. */
export const deliveryTargetSchema = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('webhook'),
    url: z.string(),
    /** The environment variable holding the HMAC secret; the secret itself is never stored. */
    secretEnv: z.string(),
  }),
  z.object({
    channel: z.literal('email'),
    to: z.string(),
    /** The municipality's written standard, for the labels of the message. */
    malform: z.enum(MALFORMS),
  }),
]);
export type DeliveryTarget = z.infer<typeof deliveryTargetSchema>;
export type WebhookTarget = Extract<DeliveryTarget, { channel: 'webhook' }>;
export type EmailTarget = Extract<DeliveryTarget, { channel: 'email' }>;

/** The lastError of a request whose municipality names nowhere to send it. */
export const NO_CHANNEL_ERROR = 'no delivery channel configured';

/**
 * The configured webhook and/or e-mail; without a `delivery` block, e-mail to the service
 * office, else to the DPO; an empty list when there is no address at all.
 */
export function deliveryTargets(municipality: Municipality): DeliveryTarget[] {
  const { delivery, contacts, målform: malform } = municipality;
  if (!delivery) {
    const to = contacts.service_office?.email ?? contacts.dpo?.email;
    return to ? [{ channel: 'email', to, malform }] : [];
  }
  const targets: DeliveryTarget[] = [];
  if (delivery.webhook) targets.push({ channel: 'webhook', url: delivery.webhook.url, secretEnv: delivery.webhook.secret_env });
  if (delivery.email) targets.push({ channel: 'email', to: delivery.email.to, malform });
  return targets;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Personal data crosses the network only encrypted: https, or plain http to this machine (tests, a local relay). */
export function webhookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `webhook url "${url}" is not a URL`;
  }
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname))) return undefined;
  return `webhook url ${parsed.origin} must use https`;
}

/** Problems to warn about at start-up, before any request fails on them. */
export function deliveryWarnings(municipalities: readonly Municipality[], env: NodeJS.ProcessEnv): string[] {
  return municipalities.flatMap((m) => {
    const targets = deliveryTargets(m);
    if (targets.length === 0) return [`Delivery ${m.id}: ${NO_CHANNEL_ERROR}; its requests are stored and marked failed`];
    return targets.flatMap((t) => {
      if (t.channel !== 'webhook') return [];
      const problems = [webhookUrlProblem(t.url), env[t.secretEnv] ? undefined : `environment variable ${t.secretEnv} (webhook secret) is not set`];
      return problems.filter((p) => p !== undefined).map((p) => `Delivery ${m.id}: ${p}; webhook deliveries will fail`);
    });
  });
}
