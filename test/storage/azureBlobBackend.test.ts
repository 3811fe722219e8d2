import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { type Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { BlobServiceClient } from '@azure/storage-blob';
import { DIALOG_STRINGS } from '../../src/dialogs/dialogStrings';
import { buildBotRuntime } from '../../src/runtime';
import { containerNames } from '../../src/storage/azureBlobBackend';
import { openStorage } from '../../src/storage/openStorage';
import type { StorageBackend } from '../../src/storage/types';
import { productContent } from '../helpers';
import { type Azurite, startAzurite } from './azurite';
import { backendSuite, residentSays } from './backendSuite';

let azurite: Azurite;
before(async () => {
  azurite = await startAzurite();
});
after(async () => azurite?.stop());

/** Containers of their own for each test: one Azurite, no shared state. */
const newPrefix = () => `t${randomBytes(6).toString('hex')}`;

const openAzure = (containerPrefix: string) => openStorage({ kind: 'azure-blob', dataDir: 'unused', azureConnectionString: azurite.connectionString, containerPrefix });

/** Every blob in the prefix's containers, with its metadata. */
async function allBlobs(containerPrefix: string): Promise<string> {
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  const out: string[] = [];
  for (const name of Object.values(containerNames(containerPrefix))) {
    const container = service.getContainerClient(name);
    for await (const blob of container.listBlobsFlat({ includeMetadata: true })) {
      const body = (await container.getBlobClient(blob.name).download()).readableStreamBody;
      out.push(blob.name, decodeURIComponent(JSON.stringify(blob.metadata ?? {})), body ? await text(body) : '');
    }
  }
  return out.join('\n');
}

backendSuite('Azure Blob (Azurite)', {
  async open() {
    const prefix = newPrefix();
    return { backend: await openAzure(prefix), raw: () => allBlobs(prefix) };
  },
});

describe('Azure Blob storage backend', () => {
  describe('when two instances share the storage account', () => {
    let a: StorageBackend;
    let b: StorageBackend;
    beforeEach(async () => {
      const prefix = newPrefix();
      [a, b] = await Promise.all([openAzure(prefix), openAzure(prefix)]);
    });

    it('continues a conversation started on one instance on the other', async () => {
      const content = productContent();
      const conversation = TestAdapter.createConversation(`shared-${newPrefix()}`);
      const instance = (backend: StorageBackend) => {
        const runtime = buildBotRuntime(content, backend.botState);
        const adapter = new TestAdapter(async (context) => runtime.bot.run(context), conversation);
        runtime.middleware.forEach((m) => adapter.use(m));
        return {
          async say(text: string, channelData?: object): Promise<Partial<Activity>[]> {
            await adapter.send({ type: ActivityTypes.Message, text, ...(channelData && { channelData }) });
            return (adapter.activeQueue.splice(0) as Partial<Activity>[]).filter((r) => r.type === 'message');
          },
        };
      };
      const onA = await instance(a).say('Jeg vil at dere sletter opplysningene mine', { municipality: 'askim' });
      assert.ok(onA.at(-1)?.text?.endsWith(DIALOG_STRINGS.nb.askDetails), 'A asks what the request concerns');
      const onB = await instance(b).say('Skolen');
      assert.equal(onB.at(-1)?.text, DIALOG_STRINGS.nb.askName, 'B knows the dialog and the municipality');
      assert.equal(onB.at(-1)?.channelData?.municipality, 'askim');
    });

    it('counts activities both log into one conversation at once', async () => {
      const T0 = Date.parse('2024-03-01T10:00:00Z');
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).transcripts.logActivity(residentSays('c1', `melding ${i}`, T0 + i))));
      const [summary] = await a.transcripts.listConversations({});
      assert.equal(summary?.messages, 10);
      assert.equal((await b.transcripts.getTranscript('webchat', 'c1')).length, 10);
    });
  });
});
