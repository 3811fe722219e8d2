import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes, MemoryStorage, TestAdapter } from 'botbuilder';
import { REDACTED_ID } from '../../src/bot/nationalId';
import { buildBotRuntime } from '../../src/runtime';
import { fixtureContent } from '../helpers';

/** A fresh bot and conversation per test; `say` returns the bot's replies to one message. */
function conversation() {
  const runtime = buildBotRuntime(fixtureContent(), new MemoryStorage());
  const adapter = new TestAdapter(async (context) => runtime.bot.run(context), TestAdapter.createConversation(randomUUID()));
  runtime.middleware.forEach((m) => adapter.use(m));
  const drain = () => adapter.activeQueue.splice(0) as Partial<Activity>[];
  return {
    async say(text: string, municipality?: string): Promise<Partial<Activity>[]> {
      await adapter.send({ type: ActivityTypes.Message, text, ...(municipality ? { channelData: { municipality } } : {}) });
      return drain();
    },
    async join(channelData?: object): Promise<Partial<Activity>[]> {
      await adapter.processActivity({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: 'user1', name: 'Resident' }],
        ...(channelData ? { channelData } : {}),
      });
      return drain();
    },
  };
}

const only = (replies: Partial<Activity>[]) => {
  assert.equal(replies.length, 1, `expected one reply, got ${replies.length}`);
  return replies[0]!;
};

describe('PersonvernBot', () => {
  describe('when a conversation starts', () => {
    it('welcomes the resident by the municipality named in channelData', async () => {
      const reply = only(await conversation().join({ municipality: 'dalby' }));
      assert.match(reply.text!, /Dalby kommune/);
      assert.match(reply.text!, /Eg svarar/, 'in the municipality målform');
      assert.equal(reply.channelData.outcome, 'smalltalk');
    });
    it('offers starter questions the notice can answer, in its målform', async () => {
      const dalby = only(await conversation().join({ municipality: 'dalby' }));
      assert.deepEqual(dalby.suggestedActions?.actions.map((a) => a.title), ['Brukar de informasjonskapslar?'], 'no DPO, no erasure section');
      const fjellby = only(await conversation().join({ municipality: 'fjellby' }));
      assert.deepEqual(fjellby.suggestedActions?.actions.map((a) => a.value), [
        'Hvilke rettigheter har jeg?',
        'Hvem er personvernombudet?',
        'Hvor lenge lagres opplysningene mine?',
      ]);
    });
    it('asks which municipality, with one suggested action each, when none is known', async () => {
      const reply = only(await conversation().join());
      assert.deepEqual(reply.suggestedActions?.actions.map((a) => a.title), ['Dalby kommune', 'Fjellby kommune']);
    });
  });

  describe('choosing the municipality', () => {
    it('takes it from channelData and remembers it for later turns', async () => {
      const c = conversation();
      assert.equal(only(await c.say('Hvor lenge lagrer dere opplysningene?', 'fjellby')).channelData.outcome, 'answer');
      const later = only(await c.say('Kan jeg få innsyn?'));
      assert.equal(later.channelData.municipality, 'fjellby');
      assert.deepEqual(later.channelData.sources, ['innsyn']);
    });
    it('takes it from a message naming it, after asking', async () => {
      const c = conversation();
      assert.match(only(await c.say('Kan jeg få innsyn?')).text!, /Hvilken kommune/);
      assert.match(only(await c.say('Dalby')).text!, /Dalby kommune/);
      assert.equal(only(await c.say('Kor lang tid tek innsyn?')).channelData.municipality, 'dalby');
    });
    it('names the known municipalities when given an unknown one', async () => {
      const reply = only(await conversation().say('Hei', 'atlantis'));
      assert.match(reply.text!, /«atlantis»/);
      assert.match(reply.text!, /Dalby kommune \(dalby\), Fjellby kommune \(fjellby\)/);
    });
  });

  describe('replies', () => {
    it('answer with the quoted passage, the section cited and the notice URL', async () => {
      const reply = only(await conversation().say('Hvor lenge lagres loggene fra webserveren?', 'fjellby'));
      assert.equal(reply.channelData.outcome, 'answer');
      assert.deepEqual(reply.channelData.sources, ['lagring']);
      assert.match(reply.text!, /Logger fra webserveren slettes etter 90 dager/);
      assert.match(reply.text!, /Kilde: «Hvor lenge lagrer vi opplysningene\?» – https:\/\/www\.fjellby\.kommune\.no\/personvern/);
    });
    it('frame the answer in English when asked in English', async () => {
      const reply = only(await conversation().say('Do you use cookies?', 'dalby'));
      assert.match(reply.text!, /^Dalby kommune's privacy notice says \(in Norwegian\):/);
      assert.match(reply.text!, /Matomo/);
    });
    it('say when the notice is silent, give the contact and never another municipality\'s facts', async () => {
      const reply = only(await conversation().say('Bruker dere informasjonskapsler eller analyseverktøy?', 'fjellby'));
      assert.equal(reply.channelData.outcome, 'not_covered');
      assert.match(reply.text!, /sier ikke noe om dette/);
      assert.match(reply.text!, /11 22 33 44/);
      assert.doesNotMatch(reply.text!, /Matomo|55 66 77 88|dalby/i);
    });
    it('show what the notice does say nearby, as such, when it does not answer the question', async () => {
      const reply = only(await conversation().say('Hvor lenge lagres bilder fra kameraovervåking i barnehagen?', 'fjellby'));
      assert.equal(reply.channelData.outcome, 'answer', 'the camera sentence answers it');
      const silent = only(await conversation().say('Hvor lenge lagres statistikk over besøk på nettsiden?', 'fjellby'));
      assert.equal(silent.channelData.outcome, 'not_covered');
      assert.match(silent.text!, /sier ikke noe om dette\.\n\nDet nærmeste erklæringen sier, er dette:\n.*\nKilde: «Hvor lenge lagrer vi opplysningene\?»/s);
      assert.deepEqual(silent.channelData.sources, ['lagring']);
    });
    it('label general GDPR knowledge as general', async () => {
      const reply = only(await conversation().say('Kva gjer eit personvernombod?', 'dalby'));
      assert.equal(reply.channelData.outcome, 'not_covered');
      assert.match(reply.text!, /Generelt om personvern \(ikkje frå erklæringa til kommunen\): Eit personvernombod/);
      assert.deepEqual(reply.channelData.sources, ['general:data-protection-officer']);
    });
    it('hand off to the DPO with a contact card, Datatilsynet and an offer to send a message', async () => {
      const [event, handoff, ...rest] = await conversation().say('Jeg vil klage på hvordan dere har behandlet saken min', 'fjellby');
      assert.equal(event!.type, 'event');
      assert.equal(event!.name, 'handoff.initiate');
      assert.equal(handoff!.channelData.outcome, 'handoff');
      assert.match(handoff!.text!, /Datatilsynet/);
      assert.match(handoff!.text!, /sende en melding til Personvernombud Kari Nordmann\?$/, 'the offer in the same message');
      const json = JSON.stringify(handoff!.attachments);
      assert.match(json, /Personvernombud Kari Nordmann/);
      assert.match(json, /99 88 77 66/);
      assert.deepEqual(rest, []);
    });
    it('hand off to the service office where there is no DPO', async () => {
      const handoff = (await conversation().say('Eg vil snakke med eit menneske', 'dalby')).find((r) => r.type === 'message')!;
      assert.equal(handoff.channelData.outcome, 'handoff');
      const json = JSON.stringify(handoff.attachments);
      assert.match(json, /Servicekontor: Servicekontoret/);
      assert.match(json, /55 66 77 88/);
    });
    it('start the rights-request dialog, quoting what the notice says about the right', async () => {
      const replies = await conversation().say('Jeg vil at dere sletter opplysningene mine', 'fjellby');
      const message = only(replies);
      assert.equal(message.channelData.outcome, 'dialog');
      assert.match(message.text!, /Du vil be om sletting av opplysninger \(GDPR art\. 17\)/);
      assert.match(message.text!, /Du kan be om at opplysninger som ikke lenger trengs blir slettet/);
      assert.ok(message.channelData.sources.includes('sletting'));
      assert.match(message.text!, /Hva gjelder forespørselen\?/);
    });
    it('say what the bot can help with when a question is out of scope', async () => {
      const reply = only(await conversation().say('Når går bussen til sentrum?', 'fjellby'));
      assert.equal(reply.channelData.outcome, 'out_of_scope');
      assert.match(reply.text!, /svarer på spørsmål om personvern/);
    });
    it('answer smalltalk', async () => {
      assert.equal(only(await conversation().say('Tusen takk!', 'fjellby')).channelData.outcome, 'smalltalk');
    });
    it('carry an outcome and sources on every reply', async () => {
      const c = conversation();
      for (const text of ['Hei', 'Hvor lenge lagres logger?', 'Vær?', 'Jeg vil ha innsyn', 'Jeg vil snakke med noen']) {
        for (const { type, channelData } of await c.say(text, 'fjellby')) {
          if (type !== 'message') continue;
          assert.ok(['answer', 'not_covered', 'out_of_scope', 'handoff', 'dialog', 'smalltalk'].includes(channelData.outcome), text);
          assert.ok(Array.isArray(channelData.sources), text);
        }
      }
    });
  });

  describe('after two misunderstood turns in a row', () => {
    it('offers a person instead of a third guess', async () => {
      const c = conversation();
      assert.doesNotMatch(only(await c.say('Når går bussen?', 'fjellby')).text!, /lettere å spørre en person/);
      const second = only(await c.say('Hva koster parkering?'));
      assert.match(second.text!, /Jeg forstår ikke helt hva du spør om\. Det er kanskje lettere å spørre en person:\nServicekontor: Servicetorget, telefon 11 22 33 44/);
    });
  });

  describe('when a resident types a fødselsnummer', () => {
    it('warns, never echoes the number and still answers', async () => {
      const reply = only(await conversation().say('Fødselsnummeret mitt er 290296 00013, hvor lenge lagrer dere opplysningene?', 'fjellby'));
      assert.doesNotMatch(JSON.stringify(reply), /29029600013|290296 00013/);
      assert.match(reply.text!, /ser ut som et fødselsnummer/);
      assert.equal(reply.channelData.outcome, 'answer');
    });
    it('warns even before a municipality is chosen', async () => {
      const reply = only(await conversation().say('Hei, jeg heter Kari, 29029600013'));
      assert.match(reply.text!, /^Du skrev noe som ser ut som et fødselsnummer[\s\S]*Hvilken kommune/);
      assert.doesNotMatch(JSON.stringify(reply), /29029600013/);
    });
    it('redacts it from the activity before the bot or any logger sees it', async () => {
      const runtime = buildBotRuntime(fixtureContent(), new MemoryStorage());
      const seen: string[] = [];
      const adapter = new TestAdapter(async (context) => {
        seen.push(context.activity.text ?? '');
        await runtime.bot.run(context);
      });
      runtime.middleware.forEach((m) => adapter.use(m));
      await adapter.send({ type: 'message', text: 'nr 29029600013', channelData: { municipality: 'fjellby' } });
      assert.deepEqual(seen, [`nr ${REDACTED_ID}`]);
    });
  });

  describe('conversation state', () => {
    /** Counts writes; `clock` moves the bot's time. */
    class CountingStorage extends MemoryStorage {
      writes = 0;
      override async write(changes: Parameters<MemoryStorage['write']>[0]): Promise<void> {
        this.writes++;
        return super.write(changes);
      }
    }

    it('is written when it changes and while in use at least hourly, not for every question', async () => {
      const storage = new CountingStorage();
      let now = new Date('2026-11-26T10:00:00Z');
      const runtime = buildBotRuntime(fixtureContent(), storage, { now: () => now });
      const adapter = new TestAdapter(async (context) => runtime.bot.run(context), TestAdapter.createConversation(randomUUID()));
      runtime.middleware.forEach((m) => adapter.use(m));
      const ask = async (text: string) => {
        await adapter.send({ type: ActivityTypes.Message, text, channelData: { municipality: 'fjellby' } });
        const replies = adapter.activeQueue.splice(0);
        assert.ok(replies.length > 0, `a reply to "${text}"`);
      };

      await ask('Hvor lenge lagres opplysningene mine?');
      assert.equal(storage.writes, 1, 'the first turn stores the municipality and the activity mark');
      await ask('Hvem er personvernombudet?');
      await ask('Hvor lenge lagres opplysningene mine?');
      assert.equal(storage.writes, 1, 'answered questions change nothing to keep');

      await ask('Hva koster parkering?');
      assert.equal(storage.writes, 2, 'a misunderstood turn is counted, so it is kept');
      await ask('Hvem er personvernombudet?');
      await ask('Hvem er personvernombudet?');
      assert.equal(storage.writes, 3, 'the count goes back to 0 once, then nothing changes');

      now = new Date('2026-11-26T10:59:59Z');
      await ask('Hvem er personvernombudet?');
      assert.equal(storage.writes, 3);
      now = new Date('2026-11-26T11:00:00Z');
      await ask('Hvem er personvernombudet?');
      assert.equal(storage.writes, 4, 'an hour on, the activity mark is renewed: retention goes by the last write');
    });
  });
});
