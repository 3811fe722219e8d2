import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Activity, MemoryStorage, TestAdapter } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { buildBotRuntime } from '../../src/runtime';
import { fixtureContent } from '../helpers';

const TENANT = '11111111-2222-3333-4444-555555555555';

/** A Teams-like conversation: tenant on the conversation and in channelData, no municipality. */
async function teamsTurn(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
  const tenants = loadConfig({ TEAMS_TENANT_MUNICIPALITIES: `${TENANT}=dalby` }).TEAMS_TENANT_MUNICIPALITIES;
  const runtime = buildBotRuntime(fixtureContent(), new MemoryStorage(), { tenantMunicipalities: tenants });
  const reference = TestAdapter.createConversation(randomUUID());
  const adapter = new TestAdapter(async (context) => runtime.bot.run(context), {
    ...reference,
    channelId: 'msteams',
    conversation: { ...reference.conversation, tenantId: TENANT, conversationType: 'personal' },
  });
  await adapter.send({ type: 'message', text, channelData: { tenant: { id: TENANT } }, ...extra });
  return adapter.activeQueue.splice(0);
}

describe('PersonvernBot in Teams', () => {
  it("takes the municipality from the user's tenant", async () => {
    const [reply] = await teamsTurn('Kan eg få innsyn?');
    assert.equal(reply?.channelData.municipality, 'dalby');
    assert.equal(reply?.channelData.outcome, 'answer');
  });

  it('strips the @mention in group chats before reading the question', async () => {
    const [reply] = await teamsTurn('<at>Personvern</at> Kan eg få innsyn?', {
      entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Personvern' }, text: '<at>Personvern</at>' }],
    });
    assert.equal(reply?.channelData.outcome, 'answer');
    assert.deepEqual(reply?.channelData.sources, ['innsyn']);
  });

  it('rejects a malformed tenant map in config', () => {
    assert.throws(() => loadConfig({ TEAMS_TENANT_MUNICIPALITIES: 'askim' }), /TEAMS_TENANT_MUNICIPALITIES: "askim" is not tenant-guid=municipality-id/);
  });
});
