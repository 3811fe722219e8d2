/** Shared fixtures for the request tests: a sample request, a clock, temp dirs, fake senders, a log capture. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { DeliveryOutcome, Sender } from '../../src/requests/sender';
import type { DeliveryTarget, EmailTarget, WebhookTarget } from '../../src/requests/targets';
import type { NewRequest, StoredRequest } from '../../src/requests/types';

/** Personal data that must reach the store and the receiver, and never the logs. */
export const RESIDENT = { name: 'Kari Nordmann', email: 'kari.nordmann@example.no', details: 'Alt dere har om meg i barnehagesaken' };

export function sampleRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    kind: 'rights_request',
    municipality: 'dalby',
    right: 'access',
    details: RESIDENT.details,
    name: RESIDENT.name,
    replyTo: { method: 'email', address: RESIDENT.email },
    language: 'nb',
    conversationId: 'conv-1',
    channel: 'webchat',
    ...overrides,
  };
}

export const WEBHOOK: WebhookTarget = { channel: 'webhook', url: 'https://mottak.dalby.example/personvern', secretEnv: 'DALBY_WEBHOOK_SECRET' };
export const EMAIL: EmailTarget = { channel: 'email', to: 'postmottak@dalby.example', malform: 'nb' };

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
    set(instant: string) {
      current = new Date(instant).getTime();
    },
  };
}

/** A fresh directory under the system's temp dir; remove() deletes it. */
export function tempDir() {
  const path = mkdtempSync(join(tmpdir(), 'personvern-requests-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A logger whose lines (JSON text) end up in `lines`. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }), lines };
}

export const silentLogger = pino({ level: 'silent' });

/** A sender that answers from a script (then `fallback`) and records what it was given. */
export class ScriptedSender implements Sender {
  readonly sent: StoredRequest[] = [];

  constructor(
    private readonly script: (DeliveryOutcome | Promise<DeliveryOutcome> | Error | 'hang')[] = [],
    private readonly fallback: DeliveryOutcome = { ok: true },
  ) {}

  async send(request: StoredRequest, _target: DeliveryTarget, signal: AbortSignal): Promise<DeliveryOutcome> {
    this.sent.push(request);
    const next = this.script.shift() ?? this.fallback;
    if (next instanceof Error) throw next;
    if (next === 'hang') return new Promise(() => undefined);
    return signal.aborted ? { ok: false, retry: true, error: 'aborted' } : await next;
  }
}

/** Resolves once `condition` holds, checking every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
