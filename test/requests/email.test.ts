import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryWorker } from '../../src/requests/deliveryWorker';
import { EmailSender } from '../../src/requests/email';
import { emailMessage } from '../../src/requests/emailMessage';
import { SqliteRequestStore } from '../../src/requests/sqliteRequestStore';
import { EMAIL, manualClock, RESIDENT, sampleRequest, ScriptedSender, silentLogger, tempDir } from './support';

/** The text of a quoted-printable body, as a mail client shows it. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describe('e-mail delivery', () => {
  let store: SqliteRequestStore;
  beforeEach(() => (store = SqliteRequestStore.inMemory({ now: manualClock('2026-03-05T10:00:00Z').now })));
  afterEach(() => store.close());

  describe('emailMessage', () => {
    it('names the kind of request and the reference in the målform', async () => {
      const access = await store.create(sampleRequest(), []);
      const dpo = await store.create(sampleRequest({ kind: 'dpo_message', right: undefined }), []);
      assert.equal(emailMessage(access, EMAIL).subject, 'Innsynskrav – PV-2026-000001');
      assert.equal(emailMessage(dpo, EMAIL).subject, 'Melding til personvernombudet – PV-2026-000002');
      assert.equal(emailMessage(dpo, { ...EMAIL, malform: 'nn' }).subject, 'Melding til personvernombodet – PV-2026-000002');
    });
    it('lists the fields and the deadline in plain text, with a fixed Message-ID', async () => {
      const message = emailMessage(await store.create(sampleRequest(), []), EMAIL);
      assert.equal(message.messageId, '<PV-2026-000001@personvern-bot>');
      assert.equal(message.to, 'postmottak@dalby.example');
      assert.equal(message.replyTo, RESIDENT.email);
      for (const line of [
        'Referanse: PV-2026-000001', 'Type: Innsynskrav', 'Mottatt: 2026-03-05 11:00',
        'Svarfrist: 2026-04-07 (én måned, personvernforordningen art. 12 nr. 3; neste virkedag når fristen faller på en lørdag, søndag eller helligdag)', `Navn: ${RESIDENT.name}`,
        `Svar til: e-post ${RESIDENT.email}`, 'Språk: bokmål', 'Samtale: conv-1 (webchat)', `Henvendelsen:\n${RESIDENT.details}`,
      ]) {
        assert.ok(message.text.includes(line), `no "${line}" in:\n${message.text}`);
      }
    });
    it('has no Reply-To for a reply by phone', async () => {
      const message = emailMessage(await store.create(sampleRequest({ replyTo: { method: 'phone', address: '+47 12 34 56 78' } }), []), EMAIL);
      assert.equal(message.replyTo, undefined);
      assert.ok(message.text.includes('Svar til: telefon +47 12 34 56 78'));
    });
  });

  describe('EmailSender without SMTP_URL', () => {
    const dir = tempDir();
    after(() => dir.remove());
    const outboxDir = join(dir.path, 'outbox');
    const sender = new EmailSender({ outboxDir, from: 'Personvern-bot <personvern-bot@localhost>', timeoutMs: 1_000 });
    const signal = new AbortController().signal;

    it('writes DATA_DIR/outbox/<reference>.eml, delivered through the worker', async () => {
      const worker = new DeliveryWorker({ store, senders: { email: sender, webhook: new ScriptedSender() }, logger: silentLogger });
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await worker.runOnce();
      assert.equal((await store.get(reference))?.deliveries[0]?.state, 'delivered');
      const eml = readFileSync(join(outboxDir, `${reference}.eml`), 'utf8');
      assert.match(eml, /^Message-ID: <PV-2026-000001@personvern-bot>$/m);
      assert.match(eml, /^To: postmottak@dalby\.example$/m);
      assert.match(eml, /^Reply-To: kari\.nordmann@example\.no$/m);
      const body = decodeQuotedPrintable(eml.slice(eml.indexOf('\n\n') + 2));
      assert.ok(body.includes(`Navn: ${RESIDENT.name}`));
      assert.ok(body.includes(RESIDENT.details));
      assert.ok(body.includes('Svarfrist: 2026-04-07'));
    });
    it('replaces the file when it delivers again, leaving no other file', async () => {
      const request = await store.create(sampleRequest(), []);
      const file = join(outboxDir, `${request.reference}.eml`);
      assert.deepEqual(await sender.send(request, EMAIL, signal), { ok: true });
      const first = readFileSync(file, 'utf8');
      writeFileSync(file, 'half a message');
      assert.deepEqual(await sender.send(request, EMAIL, signal), { ok: true });
      assert.equal(readFileSync(file, 'utf8'), first);
      assert.deepEqual(readdirSync(outboxDir).filter((f) => f.startsWith(request.reference)), [`${request.reference}.eml`]);
    });
    it('retries when the outbox cannot be written', async () => {
      writeFileSync(join(dir.path, 'not-a-dir'), '');
      const blocked = new EmailSender({ outboxDir: join(dir.path, 'not-a-dir'), from: 'a@localhost', timeoutMs: 1_000 });
      const outcome = await blocked.send(await store.create(sampleRequest(), []), EMAIL, signal);
      assert.deepEqual(outcome, { ok: false, retry: true, error: 'e-mail outbox: EEXIST' });
    });
  });

  describe('EmailSender with SMTP_URL', () => {
    it('retries when the server cannot be reached', async () => {
      const sender = new EmailSender({ smtpUrl: 'smtp://127.0.0.1:1', outboxDir: 'unused', from: 'a@localhost', timeoutMs: 1_000 });
      const outcome = await sender.send(await store.create(sampleRequest(), []), EMAIL, AbortSignal.timeout(2_000));
      sender.close();
      assert.deepEqual(outcome, { ok: false, retry: true, error: 'e-mail: ESOCKET (ECONNREFUSED)' });
    });
  });
});
