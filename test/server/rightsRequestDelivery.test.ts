import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import pino from 'pino';
import { verifySignature } from '../../src/requests';
import { type RunningServer, startServer } from '../../src/server/startServer';
import { PRODUCT_CONTENT_DIR, sayOverApiMessages, testServerConfig } from '../helpers';

const logger = pino({ level: 'silent' });

/** One resident turn in a stranda conversation. */
const say = (server: RunningServer, conversation: string, text: string) => sayOverApiMessages(server.url, conversation, text, 'stranda');

async function requestErasure(server: RunningServer, details = 'Skulen'): Promise<string> {
  const conversation = `c-${Math.random()}`;
  await say(server, conversation, 'Eg vil ha sletta opplysningane mine');
  await say(server, conversation, details);
  await say(server, conversation, 'Kari Nordmann');
  await say(server, conversation, 'kari@eksempel.no');
  const receipt = await say(server, conversation, 'ja');
  const reference = /PV-\d{4}-\d{6}/.exec(receipt)?.[0];
  assert.ok(reference, receipt);
  return reference;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a rights request through the real server', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('is stored before the receipt and delivered by e-mail as an .eml file in DATA_DIR/outbox', async () => {
    const config = testServerConfig({ CONTENT_DIR: PRODUCT_CONTENT_DIR });
    server = await startServer(config, logger);
    const reference = await requestErasure(server);
    const stored = await server.requests.store.get(reference);
    assert.equal(stored?.municipality, 'stranda');
    assert.equal(stored?.right, 'erasure');
    await until(async () => (await server!.requests.store.get(reference))?.deliveries[0]?.state === 'delivered', 'the e-mail delivery');
    const eml = readFileSync(join(config.DATA_DIR, 'outbox', `${reference}.eml`), 'utf8');
    assert.match(eml, /post@stranda\.kommune\.no/);
    assert.match(eml, new RegExp(`Message-ID: <${reference}@`, 'i'));
  });

  it('never holds a fødselsnummer the resident typed, in the outbox, the e-mail or the stored conversation', async () => {
    const config = testServerConfig({ CONTENT_DIR: PRODUCT_CONTENT_DIR });
    server = await startServer(config, logger);
    const reference = await requestErasure(server, 'Skulen, fødselsnummeret mitt er 290296 00013');
    await until(async () => (await server!.requests.store.get(reference))?.deliveries[0]?.state === 'delivered', 'the e-mail delivery');
    await server.close();
    server = undefined;
    for (const file of readdirSync(config.DATA_DIR, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
      const bytes = readFileSync(join(file.parentPath, file.name)).toString('latin1');
      assert.doesNotMatch(bytes, /29029600013|290296 00013/, file.name);
    }
    assert.match(readFileSync(join(config.DATA_DIR, 'outbox', `${reference}.eml`), 'utf8'), /Skulen/);
  });

  it('goes to the webhook the content file configures, signed with the secret named there', async () => {
    const contentDir = mkdtempSync(join(tmpdir(), 'personvern-content-'));
    cpSync(PRODUCT_CONTENT_DIR, contentDir, { recursive: true });
    const file = join(contentDir, 'stranda.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\ndelivery:\n  email:\n    to: .*\n/, '\ndelivery:\n  webhook:\n    url: https://sak.stranda.test/personvern\n    secret_env: STRANDA_WEBHOOK_SECRET\n'));
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    const received: { body: string; headers: Record<string, string> }[] = [];
    nock('https://sak.stranda.test')
      .post('/personvern')
      .reply(function (_uri, body) {
        received.push({ body: JSON.stringify(body), headers: this.req.headers as Record<string, string> });
        return [200, { ok: true }];
      });
    server = await startServer(testServerConfig({ CONTENT_DIR: contentDir }), logger, { STRANDA_WEBHOOK_SECRET: 'hemmeleg-nok' });
    const reference = await requestErasure(server);
    await until(() => received.length === 1, 'the webhook call');
    const [call] = received;
    assert.equal(call!.headers['idempotency-key'], reference);
    const payload = JSON.parse(call!.body) as { reference: string; name: string; right: string };
    assert.deepEqual([payload.reference, payload.name, payload.right], [reference, 'Kari Nordmann', 'erasure']);
    assert.ok(verifySignature('hemmeleg-nok', call!.headers['x-personvern-timestamp']!, call!.body, call!.headers['x-personvern-signature']!));
  });
});
