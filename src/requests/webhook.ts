/**
 * Delivery by webhook: the request as JSON, POSTed with an HMAC-SHA256 signature.
 *
 * Headers: `Idempotency-Key: <reference>`, `X-Personvern-Timestamp: <unix seconds>` and
 * `X-Personvern-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, keyed with the
 * secret in the environment variable the content file names. A receiver (verifySignature does
 * steps 1–3):
 *   1. reads the raw body as bytes, before any JSON parsing;
 *   2. computes the HMAC over `${timestamp}.${body}` with the shared secret;
 *   3. compares it with the header in constant time;
 *   4. rejects a timestamp more than a few minutes from its own clock (a replayed request);
 *   5. stores the request, then answers 2xx; a repeated Idempotency-Key is the same request sent
 *      again (after a lost answer, a timeout or a crash) and gets 2xx without a second case.
 * 2xx is delivered; 408, 429 and 5xx are retried, as are timeouts and network errors; any other
 * status fails at once (retrying gets the same answer). Redirects are not followed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DELIVERED, errorText, failPermanently, retryLater, type DeliveryOutcome, type Sender } from './sender';
import { webhookUrlProblem, type WebhookTarget } from './targets';
import type { StoredRequest } from './types';

export const WEBHOOK_EVENT_TYPE = 'personvern.request';

/** What the receiver gets: the request without the bot's own bookkeeping (case status, delivery state). */
export function webhookPayload(request: StoredRequest) {
  const { status, deliveries, ...fields } = request;
  return { type: WEBHOOK_EVENT_TYPE, ...fields };
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** True when `header` is the signature of `body` sent at `timestamp`; checking the timestamp's age is the caller's. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body));
  const actual = Buffer.from(header);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface WebhookSenderOptions {
  /** Where the secrets are read, by the names in the content files. */
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

export class WebhookSender implements Sender<WebhookTarget> {
  private readonly now: () => Date;

  constructor(private readonly options: WebhookSenderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async send(request: StoredRequest, target: WebhookTarget, signal: AbortSignal): Promise<DeliveryOutcome> {
    const urlProblem = webhookUrlProblem(target.url);
    if (urlProblem) return failPermanently(urlProblem);
    const secret = this.options.env[target.secretEnv];
    // Never send unsigned: the receiver could not tell the request from a forgery.
    if (!secret) return failPermanently(`webhook secret: environment variable ${target.secretEnv} is not set`);
    const body = JSON.stringify(webhookPayload(request));
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': request.reference,
          'X-Personvern-Timestamp': timestamp,
          'X-Personvern-Signature': signature(secret, timestamp, body),
        },
        body,
        signal,
        redirect: 'manual',
      });
    } catch (err) {
      return retryLater(signal.aborted ? errorText(signal.reason) : `webhook: ${errorText(err)}`);
    }
    // The answer's body is not needed; cancelling it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return outcomeOf(response.status);
  }
}

function outcomeOf(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return DELIVERED;
  const error = `webhook: HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) return retryLater(error);
  return failPermanently(status >= 300 && status < 400 ? `${error} (redirects are not followed)` : error);
}
