/**
 * Delivery by e-mail with nodemailer: through SMTP_URL when one is configured, otherwise into
 * DATA_DIR/outbox/<reference>.eml for local use (open the file in a mail client). Sending again
 * is harmless: the file is replaced whole, and over SMTP the fixed Message-ID lets mail systems
 * drop the copy.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type NodemailerError, type SendMailOptions } from 'nodemailer';
import { emailMessage } from './emailMessage';
import { DELIVERED, errorText, failPermanently, retryLater, type DeliveryOutcome, type Sender } from './sender';
import type { EmailTarget } from './targets';
import type { StoredRequest } from './types';

export const OUTBOX_DIR = 'outbox';

export interface EmailSenderOptions {
  /** smtp:// or smtps:// with credentials; without it messages go to `outboxDir`. */
  smtpUrl?: string;
  outboxDir: string;
  from: string;
  /** SMTP connection and greeting time limits (the worker's signal limits the whole attempt). */
  timeoutMs: number;
}

/** Safe for any message: content is never read from files or URLs. */
const CONTENT_ACCESS = { disableFileAccess: true, disableUrlAccess: true } as const;

export class EmailSender implements Sender<EmailTarget> {
  private readonly deliver: (mail: SendMailOptions, reference: string, signal: AbortSignal) => Promise<DeliveryOutcome>;
  private readonly closeTransport: () => void;

  constructor(private readonly options: EmailSenderOptions) {
    if (options.smtpUrl) {
      const timeouts = { connectionTimeout: options.timeoutMs, greetingTimeout: options.timeoutMs, socketTimeout: options.timeoutMs };
      const smtp = nodemailer.createTransport({ url: options.smtpUrl, ...timeouts, ...CONTENT_ACCESS });
      this.deliver = (mail, _reference, signal) => sendBySmtp(() => smtp.sendMail({ ...mail, signal }));
      this.closeTransport = () => smtp.close();
    } else {
      const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix', ...CONTENT_ACCESS });
      this.deliver = (mail, reference) => writeToOutbox(options.outboxDir, reference, async () => (await stream.sendMail(mail)).message);
      this.closeTransport = () => stream.close();
    }
  }

  send(request: StoredRequest, target: EmailTarget, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.deliver({ ...emailMessage(request, target), from: this.options.from }, request.reference, signal);
  }

  close(): void {
    this.closeTransport();
  }
}

/** A 5xx reply (nodemailer sets `permanent`) gets the same answer next time; anything else may pass later. */
async function sendBySmtp(send: () => Promise<unknown>): Promise<DeliveryOutcome> {
  try {
    await send();
    return DELIVERED;
  } catch (err) {
    const { responseCode, permanent, originalCode }: Partial<NodemailerError> = err instanceof Error ? err : {};
    const error = `e-mail: ${errorText(err)}${originalCode ? ` (${originalCode})` : ''}${responseCode ? ` ${responseCode}` : ''}`;
    return permanent ? failPermanently(error) : retryLater(error);
  }
}

/** Writes <reference>.eml whole or not at all: a temporary file, flushed, then renamed over the old one. */
async function writeToOutbox(outboxDir: string, reference: string, compose: () => Promise<unknown>): Promise<DeliveryOutcome> {
  const file = join(outboxDir, `${reference}.eml`);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const message = await compose();
    if (!Buffer.isBuffer(message)) return failPermanently('e-mail: the message was not composed into a buffer');
    await mkdir(outboxDir, { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(message);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    return DELIVERED;
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    return retryLater(`e-mail outbox: ${errorText(err)}`);
  }
}
