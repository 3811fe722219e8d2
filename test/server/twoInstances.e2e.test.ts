import assert from 'node:assert/strict';
import pino from 'pino';
import { type RunningServer, startServer } from '../../src/server/startServer';
import { PRODUCT_CONTENT_DIR, sayOverApiMessages, testServerConfig } from '../helpers';
import { type Azurite, startAzurite } from '../storage/azurite';

const logger = pino({ level: 'silent' });

/** Two real servers on one Azurite account, as a kommune runs several instances behind one address. */
describe('two server instances on shared Azure storage', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let a: RunningServer;
  let b: RunningServer;

  before(async () => {
    azurite = await startAzurite();
    const shared = {
      CONTENT_DIR: PRODUCT_CONTENT_DIR,
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      STAFF_SESSION_SECRET: 'a-secret-both-instances-share-0123456789',
    };
    // Each instance has its own DATA_DIR, as separate machines would.
    a = await startServer(testServerConfig(shared), logger);
    b = await startServer(testServerConfig(shared), logger);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await azurite?.stop();
  });

  it('continue one rights request across instances, and both see the stored request', async () => {
    const conversation = 'shared-1';
    const say = (server: RunningServer, text: string) => sayOverApiMessages(server.url, conversation, text, 'stranda');
    assert.match(await say(a, 'Eg vil ha sletta opplysningane mine'), /Kva gjeld førespurnaden\?/);
    assert.match(await say(b, 'Skulen'), /Kva heiter du\?/, 'B continues the dialog A started');
    assert.match(await say(a, 'Kari Nordmann'), /Korleis vil du få svar\?/);
    assert.match(await say(b, 'kari@eksempel.no'), /Stemmer dette\?/);
    const receipt = await say(a, 'ja');
    const reference = /PV-\d{4}-\d{6}/.exec(receipt)?.[0];
    assert.ok(reference, receipt);
    const onB = await b.requests.store.get(reference);
    assert.equal(onB?.name, 'Kari Nordmann', 'the staff of either instance see it');
    assert.equal((await b.storage.transcripts.getTranscript('webchat', conversation)).filter((x) => x.from?.role === 'user').length, 5);
  });
});
