import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes, MemoryStorage, type StoreItems, TestAdapter } from 'botbuilder';
import { DIALOG_STRINGS } from '../../src/dialogs/dialogStrings';
import { buildBotRuntime } from '../../src/runtime';
import { PERSONAL_DATA_FLAG } from '../../src/storage/types';
import { RecordingSubmitter } from '../dialogs/fakes';
import { productContent } from '../helpers';

const content = productContent();

/** Keeps everything ever written to bot state, to check nothing personal was. */
class RecordingStorage extends MemoryStorage {
  readonly written: string[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.written.push(JSON.stringify(changes));
    return super.write(changes);
  }
}

/** The whole bot (middleware included) with a request dialog in it; `say` returns one turn's replies. */
function conversation(municipality: string) {
  const storage = new RecordingStorage();
  const submitter = new RecordingSubmitter();
  const runtime = buildBotRuntime(content, storage, { requests: submitter });
  const adapter = new TestAdapter(async (context) => runtime.bot.run(context), TestAdapter.createConversation(randomUUID()));
  runtime.middleware.forEach((m) => adapter.use(m));
  // Where a transcript logger would sit: after the runtime's middleware.
  const incoming: Partial<Activity>[] = [];
  adapter.use({ onTurn: async (context, next) => { incoming.push({ ...context.activity }); await next(); } });
  return {
    storage,
    submitter,
    incoming,
    async say(text: string): Promise<Partial<Activity>[]> {
      await adapter.send({ type: ActivityTypes.Message, text, channelData: { municipality } });
      return adapter.activeQueue.splice(0) as Partial<Activity>[];
    },
  };
}

const messages = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message');
const texts = (replies: Partial<Activity>[]) => messages(replies).map((r) => r.text ?? '').join('\n');
const outcomes = (replies: Partial<Activity>[]) => messages(replies).map((r) => r.channelData.outcome);

describe('PersonvernBot with a dialog running', () => {
  describe('when the resident asks a question in the middle', () => {
    it('answers it from the notice and asks the dialog question again in the same message, then carries on', async () => {
      const c = conversation('askim');
      await c.say('Jeg vil at dere sletter opplysningene mine');
      await c.say('Skolen');
      const replies = await c.say('Hvor lenge lagrer dere opplysningene?');
      assert.deepEqual(outcomes(replies), ['answer'], 'one message, counted as the answer it gives');
      const [answer, resume, question] = [replies[0]!.text!.indexOf('Dette står i personvernerklæringen til Askim kommune'), replies[0]!.text!.indexOf(DIALOG_STRINGS.nb.resume), replies[0]!.text!.indexOf(DIALOG_STRINGS.nb.askName)];
      assert.ok(answer === 0 && resume > answer && question > resume, `answer, then "${DIALOG_STRINGS.nb.resume}", then the same question: ${replies[0]!.text}`);
      assert.ok(replies[0]!.channelData.sources.length > 0, 'citing the section it answered from');
      await c.say('Kari Nordmann');
      await c.say('kari@eksempel.no');
      await c.say('ja');
      assert.equal(c.submitter.received.length, 1);
      assert.equal(c.submitter.received[0]!.name, 'Kari Nordmann');
    });
  });

  describe('when the resident asks a question at the summary', () => {
    it('keeps the summary card and the yes/no buttons under the answer, and the request goes when confirmed', async () => {
      const c = conversation('askim');
      await c.say('Jeg vil at dere sletter opplysningene mine');
      await c.say('Skolen');
      await c.say('Kari Nordmann');
      await c.say('kari@eksempel.no');
      const replies = await c.say('Hvor lenge lagrer dere opplysningene?');
      assert.equal(messages(replies).length, 1);
      const [message] = messages(replies);
      assert.match(message!.text!, /Dette står i personvernerklæringen til Askim kommune[\s\S]*Stemmer dette\?/);
      assert.match(JSON.stringify(message!.attachments), /Kari Nordmann/, 'the summary card');
      assert.deepEqual(message!.suggestedActions?.actions.map((a) => a.title), [DIALOG_STRINGS.nb.confirmButtons.yes, DIALOG_STRINGS.nb.confirmButtons.no]);
      await c.say('ja');
      assert.equal(c.submitter.received.length, 1);
    });
  });

  describe('when the resident asks for another right', () => {
    it('starts again with that right', async () => {
      const c = conversation('stranda');
      await c.say('Eg vil ha sletta opplysningane mine');
      const replies = await c.say('Nei, eg vil heller rette feil i opplysningane');
      assert.equal(messages(replies).length, 1, 'one message');
      assert.ok(replies[0]!.text!.startsWith(DIALOG_STRINGS.nn.restartWith(DIALOG_STRINGS.nn.rightAsRequest.rectification)), replies[0]!.text);
      assert.match(texts(replies), /GDPR art\. 16/);
      assert.deepEqual(outcomes(replies), ['dialog']);
    });
  });

  describe('when the resident wants a person instead', () => {
    it('drops the dialog and hands off', async () => {
      const c = conversation('askim');
      await c.say('Jeg vil ha innsyn i opplysningene dere har om meg');
      const replies = await c.say('Jeg vil heller snakke med en person');
      assert.equal(outcomes(replies)[0], 'handoff');
      assert.ok(replies.some((r) => r.type === 'event' && r.name === 'handoff.initiate'));
    });
  });

  describe('after a handoff', () => {
    it('takes a message for the DPO and stores it with a reference number', async () => {
      const c = conversation('stranda');
      const handoff = await c.say('Nokon har lese journalen min utan grunn');
      assert.deepEqual(outcomes(handoff), ['handoff'], 'the contact card and the offer in one message');
      const event = handoff.find((r) => r.type === 'event')!;
      assert.equal(event.name, 'handoff.initiate');
      assert.equal(event.value.municipality, 'stranda');
      assert.equal(typeof event.relatesTo?.conversation.id, 'string', 'with the conversation reference');
      assert.match(texts(await c.say('ja')), /Skriv kort kva du vil at Personvernombodtenesta v\/ IKAMR skal vite/);
      await c.say('Ein tilsett på helsestasjonen las journalen til sonen min');
      await c.say('Per Hansen');
      const summary = await c.say('per@eksempel.no');
      assert.match(JSON.stringify(summary[0]!.attachments), /Melding til personvernombodet/);
      assert.match(summary[0]!.text!, /Stemmer dette\?/);
      const receipt = texts(await c.say('ja'));
      assert.match(receipt, /PV-2026-000001/);
      assert.deepEqual(c.submitter.received.map((r) => [r.kind, r.right, r.name]), [['dpo_message', undefined, 'Per Hansen']]);
    });
    it('answers a question instead when the resident ignores the offer', async () => {
      const c = conversation('stranda');
      await c.say('Eg vil snakke med eit menneske');
      const replies = await c.say('Kven er personvernombodet?');
      assert.deepEqual(outcomes(replies), ['answer']);
      assert.match(replies[0]!.text!, /IKAMR/);
    });
  });

  describe('for the transcript', () => {
    it('marks the answers that are personal data, and the summary card, so only the request record keeps them', async () => {
      const c = conversation('askim');
      let summary: Partial<Activity>[] = [];
      for (const text of ['Jeg vil at dere sletter opplysningene mine', 'Skolen', 'Kari Nordmann', 'kari@eksempel.no']) summary = await c.say(text);
      await c.say('ja');
      assert.deepEqual(c.incoming.map((a) => a.channelData?.[PERSONAL_DATA_FLAG] === true), [false, true, true, true, false]);
      assert.equal(summary[0]!.channelData[PERSONAL_DATA_FLAG], true, 'the summary card');
      assert.ok(summary[0]!.attachments?.length);
    });
  });

  describe('when a resident types a fødselsnummer inside a dialog', () => {
    it('warns, and the number is neither in the stored request nor in the bot state', async () => {
      const c = conversation('askim');
      await c.say('Jeg vil at dere sletter opplysningene mine');
      const warned = await c.say('Gjelder barnehagen, fødselsnummeret mitt er 29029600013');
      assert.match(texts(warned), /ser ut som et fødselsnummer/);
      assert.doesNotMatch(JSON.stringify(warned), /29029600013/);
      await c.say('Kari Nordmann');
      await c.say('kari@eksempel.no');
      await c.say('ja');
      const stored = JSON.stringify(c.submitter.received);
      assert.match(stored, /Gjelder barnehagen/);
      assert.doesNotMatch(stored, /29029600013|290296/);
      assert.ok(c.storage.written.some((w) => w.includes('Gjelder barnehagen')), 'the dialog state was written');
      assert.ok(c.storage.written.every((w) => !/29029600013|290296/.test(w)));
    });
  });
});
