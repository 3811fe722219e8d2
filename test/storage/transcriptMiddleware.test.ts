import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes, MemoryStorage, TestAdapter } from 'botbuilder';
import { buildBotRuntime } from '../../src/runtime';
import { MemoryTranscriptArchive } from '../../src/storage/memoryBackend';
import { MASKS } from '../../src/storage/masking';
import { createTranscriptMiddleware } from '../../src/storage/transcriptMiddleware';
import { RecordingSubmitter } from '../dialogs/fakes';
import { productContent } from '../helpers';

const content = productContent();

/** The whole bot with its middleware, then the transcript logger, as the server wires them. */
function conversation() {
  const archive = new MemoryTranscriptArchive();
  const submitter = new RecordingSubmitter();
  const runtime = buildBotRuntime(content, new MemoryStorage(), { requests: submitter });
  const id = randomUUID();
  const adapter = new TestAdapter(async (context) => runtime.bot.run(context), TestAdapter.createConversation(id));
  [...runtime.middleware, createTranscriptMiddleware(archive)].forEach((m) => adapter.use(m));
  return {
    archive,
    submitter,
    async say(text: string, channelData: object = { municipality: 'askim' }): Promise<void> {
      await adapter.send({ type: ActivityTypes.Message, text, channelData });
      adapter.activeQueue.splice(0);
    },
    transcript: () => archive.getTranscript('test', id),
  };
}

const messages = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === 'message');

describe('createTranscriptMiddleware', () => {
  describe('when a resident asks a question', () => {
    it('archives the question and the reply, marked as whose they are, with the reply’s outcome', async () => {
      const c = conversation();
      await c.say('Hvor lenge lagrer dere opplysningene mine? Ring meg på 912 34 567');
      const logged = messages(await c.transcript());
      const [question, ...replies] = logged;
      assert.equal(question?.from?.role, 'user');
      assert.equal(question?.text, `Hvor lenge lagrer dere opplysningene mine? Ring meg på ${MASKS.phone}`);
      assert.ok(replies.length > 0 && replies.every((r) => r.from?.role === 'bot' && r.channelData.municipality === 'askim'));
      const [summary] = await c.archive.listConversations({ municipality: 'askim' });
      assert.equal(summary?.messages, 1);
      assert.equal(Object.values(summary?.outcomes ?? {}).reduce((n, v) => n + (v ?? 0), 0), replies.length);
    });

    it('archives a national ID number as removed (the redaction middleware ran first)', async () => {
      const c = conversation();
      await c.say('Mitt fødselsnummer er 29029600013');
      assert.doesNotMatch(JSON.stringify(await c.transcript()), /29029600013/);
    });
  });

  describe('when the resident makes a rights request', () => {
    it('keeps placeholders for what the request concerns, the name, the contact and the summary card', async () => {
      const c = conversation();
      for (const text of ['Jeg vil at dere sletter opplysningene mine', 'Skolen min på Grønland', 'Kari Nordmann', 'kari@eksempel.no', 'ja']) await c.say(text);
      assert.equal(c.submitter.received.length, 1, 'the request itself was taken');
      const logged = messages(await c.transcript());
      const stored = JSON.stringify(logged);
      for (const personal of ['Skolen min', 'Kari Nordmann', 'kari@eksempel.no']) assert.ok(!stored.includes(personal), `"${personal}" is in the transcript`);
      const resident = logged.filter((a) => a.from?.role === 'user').map((a) => a.text);
      assert.deepEqual(resident, ['Jeg vil at dere sletter opplysningene mine', MASKS.personalData, MASKS.personalData, MASKS.personalData, 'ja']);
      assert.ok(logged.some((a) => a.from?.role === 'bot' && a.text === MASKS.personalData), 'the summary card');
    });
  });
});
