import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Municipality } from '../../src/content/schema';
import { openRequests, type Requests } from '../../src/requests';
import { loadDeliveryConfig } from '../../src/requests/deliveryConfig';
import { deliveryTargets, deliveryWarnings, NO_CHANNEL_ERROR } from '../../src/requests/targets';
import { fixtureContent } from '../helpers';
import { capturedLogger, RESIDENT, sampleRequest, tempDir, waitFor } from './support';

const content = fixtureContent();
const dalby = content.municipalities.find((m) => m.id === 'dalby')!;
const fjellby = content.municipalities.find((m) => m.id === 'fjellby')!;
const withoutAddresses: Municipality = { ...dalby, id: 'adresselaus', contacts: {} };
const withWebhook: Municipality = {
  ...dalby,
  id: 'krokby',
  delivery: { webhook: { url: 'https://mottak.krokby.example/hook', secret_env: 'KROKBY_SECRET' }, email: { to: 'arkiv@krokby.example' } },
};

describe('requests', () => {
  describe('deliveryTargets', () => {
    it('e-mails the service office when no delivery is configured, else the DPO', async () => {
      assert.deepEqual(deliveryTargets(dalby), [{ channel: 'email', to: 'postmottak@dalby.kommune.no', malform: 'nn' }]);
      const dpoOnly = { ...fjellby, contacts: { dpo: fjellby.contacts.dpo } };
      assert.deepEqual(deliveryTargets(dpoOnly), [{ channel: 'email', to: 'personvernombud@fjellby.kommune.no', malform: fjellby.målform }]);
      assert.deepEqual(deliveryTargets(withoutAddresses), []);
    });
    it('uses the configured webhook and e-mail', async () => {
      assert.deepEqual(deliveryTargets(withWebhook), [
        { channel: 'webhook', url: 'https://mottak.krokby.example/hook', secretEnv: 'KROKBY_SECRET' },
        { channel: 'email', to: 'arkiv@krokby.example', malform: 'nn' },
      ]);
    });
    it('warns at start-up of a missing secret or address', async () => {
      assert.deepEqual(deliveryWarnings([dalby, withoutAddresses, withWebhook], {}), [
        `Delivery adresselaus: ${NO_CHANNEL_ERROR}; its requests are stored and marked failed`,
        'Delivery krokby: environment variable KROKBY_SECRET (webhook secret) is not set; webhook deliveries will fail',
      ]);
      assert.deepEqual(deliveryWarnings([withWebhook], { KROKBY_SECRET: 's' }), []);
    });
  });

  describe('loadDeliveryConfig', () => {
    it('keeps the worker defaults for unset values', async () => {
      assert.deepEqual(loadDeliveryConfig({}), { mailFrom: 'Personvern-bot <personvern-bot@localhost>', worker: {} });
      assert.deepEqual(loadDeliveryConfig({ DELIVERY_MAX_ATTEMPTS: '3', SMTP_URL: 'smtps://u:p@smtp.example:465' }), {
        smtpUrl: 'smtps://u:p@smtp.example:465', mailFrom: 'Personvern-bot <personvern-bot@localhost>', worker: { maxAttempts: 3 },
      });
    });
    it('names the variable with a bad value', async () => {
      assert.throws(() => loadDeliveryConfig({ DELIVERY_MAX_ATTEMPTS: 'many' }), /^ConfigError: Config: DELIVERY_MAX_ATTEMPTS: /);
      assert.throws(() => loadDeliveryConfig({ SMTP_URL: 'mail.example' }), /^ConfigError: Config: SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    });
  });

  describe('openRequests', () => {
    const dir = tempDir();
    let requests: Requests;
    let log: ReturnType<typeof capturedLogger>;
    beforeEach(async () => {
      log = capturedLogger();
      requests = openRequests({ dataDir: dir.path, env: {}, logger: log.logger, municipalities: [dalby, withoutAddresses] });
    });
    afterEach(() => requests.close());
    after(() => dir.remove());

    it('stores, then delivers at once to DATA_DIR/outbox', async () => {
      const stored = await requests.submit(sampleRequest());
      assert.equal((await requests.store.get(stored.reference))?.name, RESIDENT.name);
      await waitFor(async () => (await requests.store.get(stored.reference))?.deliveries[0]?.state === 'delivered', 'delivery');
      assert.ok(existsSync(join(dir.path, 'personvern.sqlite')));
      assert.match(readFileSync(join(dir.path, 'outbox', `${stored.reference}.eml`), 'utf8'), /^To: postmottak@dalby\.kommune\.no$/m);
    });
    it('stores a request for a municipality with no address as failed', async () => {
      const stored = await requests.submit(sampleRequest({ municipality: 'adresselaus' }));
      assert.deepEqual(stored.deliveries, [{ channel: 'email', state: 'failed', attempts: 0, lastError: NO_CHANNEL_ERROR }]);
    });
    it('rejects, and logs without personal data, when the request cannot be stored', async () => {
      await requests.close();
      await assert.rejects(requests.submit(sampleRequest()), /database connection is not open/);
      assert.match(log.lines.join(''), /Requests: could not store a request/);
      assert.ok(!log.lines.join('').includes(RESIDENT.name));
    });
  });
});
