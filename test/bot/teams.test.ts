import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Activity, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { buildBotRuntime } from '../../src/runtime';
import { fixtureContent } from '../helpers';

const TENANT = '11111111-2222-3333-4444-555555555555';

/** A Teams-like conversation: tenant on the conversation and in channelData, no municipality; `logged` what a transcript logger would keep. */
function teamsConversation(channelId = 'msteams') {
  const tenants = loadConfig({ TEAMS_TENANT_MUNICIPALITIES: `${TENANT}=dalby` }).TEAMS_TENANT_MUNICIPALITIES;
  const runtime = buildBotRuntime(fixtureContent(), new MemoryStorage(), { tenantMunicipalities: tenants });
  const reference = TestAdapter.createConversation(randomUUID());
  const adapter = new TestAdapter(async (context) => runtime.bot.run(context), {
    ...reference,
    channelId,
    conversation: { ...reference.conversation, tenantId: TENANT, conversationType: 'personal' },
  });
  const logged: Partial<Activity>[] = [];
  [...runtime.middleware, { onTurn: async (context: TurnContext, next: () => Promise<void>) => { logged.push(structuredClone(context.activity)); await next(); } }].forEach((m) => adapter.use(m));
  return {
    logged,
    async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
      await adapter.send({ channelData: { tenant: { id: TENANT } }, ...activity });
      return adapter.activeQueue.splice(0);
    },
  };
}

async function teamsTurn(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
  return teamsConversation().send({ type: 'message', text, ...extra });
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

  describe("Teams' feedback buttons", () => {
    it('are shown under answers and under "the notice does not say", not under other replies', async () => {
      const c = teamsConversation();
      const [answer] = await c.send({ type: 'message', text: 'Kan eg få innsyn?' });
      assert.equal(answer?.channelData.feedbackLoopEnabled, true);
      const [silent] = await c.send({ type: 'message', text: 'Kven er personvernombodet?' });
      assert.equal(silent?.channelData.outcome, 'not_covered');
      assert.equal(silent?.channelData.feedbackLoopEnabled, true);
      const [smalltalk] = await c.send({ type: 'message', text: 'Takk!' });
      assert.equal(smalltalk?.channelData.outcome, 'smalltalk');
      assert.equal(smalltalk?.channelData.feedbackLoopEnabled, undefined);
    });

    it('are not added outside Teams', async () => {
      const [answer] = await teamsConversation('directline').send({ type: 'message', text: 'Kan eg få innsyn?', channelData: { municipality: 'dalby' } });
      assert.equal(answer?.channelData.outcome, 'answer');
      assert.equal(answer?.channelData.feedbackLoopEnabled, undefined);
    });

    it('when pressed, get 200 and are kept as a like or dislike of that reply, without the comment typed with it', async () => {
      const c = teamsConversation();
      const [answer] = await c.send({ type: 'message', text: 'Kan eg få innsyn?' });
      const replies = await c.send({
        type: 'invoke',
        name: 'message/submitAction',
        replyToId: answer!.id!,
        value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"Kari Nordmann fikk feil svar om saken sin"}' } },
      });
      const response = replies.find((r) => r.type === 'invokeResponse');
      assert.equal(response?.value.status, 200);
      assert.equal(replies.filter((r) => r.type === 'message').length, 0, 'no reply in the chat');
      const kept = c.logged.at(-1)!;
      assert.deepEqual(kept.value, { actionName: 'feedback', actionValue: { reaction: 'dislike' } });
      assert.doesNotMatch(JSON.stringify(c.logged), /Kari Nordmann/);
    });
  });

  it('rejects a malformed tenant map in config', () => {
    assert.throws(() => loadConfig({ TEAMS_TENANT_MUNICIPALITIES: 'askim' }), /TEAMS_TENANT_MUNICIPALITIES: "askim" is not tenant-guid=municipality-id/);
  });
});
