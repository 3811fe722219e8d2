import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { Language } from '../../src/content/schema';
import { RIGHTS, type Right } from '../../src/knowledge/intents';
import type { RequestDialogOptions } from '../../src/dialogs/dependencies';
import { DIALOG_STRINGS } from '../../src/dialogs/dialogStrings';
import { RightsRequestDialog } from '../../src/dialogs/rightsRequestDialog';
import { productContent } from '../helpers';
import { dialogDependencies, RecordingSubmitter } from './fakes';

const content = productContent();

/** A dialog under test and the submitter behind it; `say` returns every reply to one message. */
function client(options: RequestDialogOptions) {
  const submitter = new RecordingSubmitter();
  const dialog = new RightsRequestDialog(dialogDependencies(content, submitter));
  const test = new DialogTestClient('webchat', dialog, options);
  return {
    submitter,
    test,
    async say(text: string): Promise<Partial<Activity>[]> {
      const replies: Partial<Activity>[] = [];
      for (let r = await test.sendActivity(text); r; r = test.getNextReply()) replies.push(r);
      return replies;
    },
  };
}

const texts = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
const cardFacts = (replies: Partial<Activity>[]) => JSON.stringify(replies.flatMap((r) => r.attachments ?? []));

/** How a resident names each right in their own words, per language. */
const ASKED_AS: Record<Language, Record<Right, string>> = {
  nb: {
    access: 'Jeg vil ha en kopi av opplysningene', rectification: 'retting', erasure: 'slett alt', restriction: 'begrensning',
    portability: 'dataportabilitet', objection: 'protest', automated_decisions: 'automatiserte avgjørelser',
    consent_withdrawal: 'jeg vil trekke tilbake samtykket mitt',
  },
  nn: {
    access: 'innsyn', rectification: 'eg vil rette feil', erasure: 'sletting', restriction: 'avgrensing',
    portability: 'eg vil flytte dataa mine', objection: 'eg vil protestere', automated_decisions: 'automatiserte avgjerder',
    consent_withdrawal: 'trekkje samtykke',
  },
  en: {
    access: 'access', rectification: 'rectification', erasure: 'delete my data', restriction: 'restriction',
    portability: 'data portability', objection: 'object', automated_decisions: 'automated decisions',
    consent_withdrawal: 'withdraw my consent',
  },
};
const MUNICIPALITY: Record<Language, string> = { nb: 'askim', nn: 'stranda', en: 'askim' };
const CONTACT: Record<Language, string> = { nb: 'ola@eksempel.no', nn: '912 34 567', en: '+47 912 34 567' };

describe('RightsRequestDialog', () => {
  for (const language of ['nb', 'nn', 'en'] as const) {
    const s = DIALOG_STRINGS[language];
    describe(`in ${language}`, () => {
      for (const right of RIGHTS) {
        it(`takes a request for ${right} from "which right?" to a reference number`, async () => {
          const c = client({ municipality: MUNICIPALITY[language], language });
          const ask = await c.say('start');
          assert.equal(ask[0]!.text, s.askRight);
          assert.deepEqual(ask[0]!.suggestedActions?.actions.map((a) => a.title), RIGHTS.map((r) => s.rightButtons[r]));

          const explained = await c.say(ASKED_AS[language][right]);
          assert.match(texts(explained), new RegExp(`\\(GDPR ${language === 'en' ? 'Art' : 'art'}\\. (15|16|17|18|20|21|22|7 nr\\. 3|7\\(3\\))\\)`));
          assert.ok(texts(explained).includes(s.rightAsRequest[right]), texts(explained));
          assert.ok(explained.at(-1)!.text!.endsWith(`\n\n${s.askDetails}`), 'the explanation and the question in one message');

          assert.equal(texts(await c.say('Barnehagen')), s.askName);
          assert.equal(texts(await c.say('Kari Nordmann')), s.askContact);
          const summary = await c.say(CONTACT[language]);
          assert.equal(summary.length, 1, 'the summary card comes with the question');
          assert.match(cardFacts(summary), /Barnehagen.*Kari Nordmann/);
          assert.ok(cardFacts(summary).includes(s.rightButtons[right]));
          assert.equal(summary[0]!.text, s.askConfirm);

          const receipt = texts(await c.say(s.confirmButtons.yes));
          assert.match(receipt, /PV-2026-000001/);
          assert.match(receipt, /Datatilsynet/);
          assert.match(receipt, language === 'en' ? /26 December 2026/ : /26\. desember 2026/);
          assert.deepEqual(c.submitter.received.map((r) => [r.kind, r.right, r.details, r.name, r.language, r.municipality]), [
            ['rights_request', right, 'Barnehagen', 'Kari Nordmann', language, MUNICIPALITY[language]],
          ]);
        });
      }
    });
  }

  describe('when the resident already named the right', () => {
    it('explains it, cites the notice and asks what it concerns, every turn with outcome dialog', async () => {
      const c = client({ municipality: 'askim', language: 'nb', right: 'erasure' });
      const replies = await c.say('Jeg vil at dere sletter alt om meg');
      assert.match(texts(replies), /Personvernerklæringen til Askim kommune sier:\n/);
      assert.match(texts(replies), /Kilde: «/);
      assert.match(texts(replies), /bekrefter den hvem du er/);
      assert.ok(replies.every((r) => r.channelData?.outcome === 'dialog'));
      assert.ok(replies[0]!.channelData.sources.length > 0);
    });
    it('quotes how the notice checks identity where it says so (Sveio: a copy of ID)', async () => {
      for (const right of ['access', 'erasure'] as const) {
        const replies = await client({ municipality: 'sveio', language: 'nn', right }).say('Eg vil bruke retten min');
        assert.match(texts(replies), /Erklæringa seier:\n.*kopi av gyldig legitimasjon/s, right);
      }
    });
    it('says identity is checked, e.g. with ID-porten, where the notice is silent on it', async () => {
      const replies = await client({ municipality: 'stranda', language: 'nn', right: 'erasure' }).say('sletting');
      assert.match(texts(replies), /stadfestar han kven du er, til dømes med ID-porten/);
      assert.doesNotMatch(texts(replies), /fødselsnummer[^.]*\?/, 'never asks for it');
    });
  });

  describe('"innsyn" that could mean three things', () => {
    it('asks which, and sends only GDPR access on as a request', async () => {
      const c = client({ municipality: 'stranda', language: 'nn', right: 'access', innsyn: 'ask' });
      const [question] = await c.say('Eg vil be om innsyn');
      assert.equal(question!.text, DIALOG_STRINGS.nn.askInnsynKind);
      assert.equal(question!.suggestedActions?.actions.length, 3);
      const explained = await c.say(DIALOG_STRINGS.nn.innsynButtons.gdpr);
      assert.ok(explained.at(-1)!.text!.endsWith(DIALOG_STRINGS.nn.askDetails));
    });
    for (const [answer, expected] of [['Dokumenta i mi eiga sak', /partsinnsyn, forvaltningslova § 18/], ['3', /offentleglova/]] as const) {
      it(`explains where to ask, and ends, for "${answer}"`, async () => {
        const c = client({ municipality: 'stranda', language: 'nn', right: 'access', innsyn: 'ask' });
        await c.say('Eg vil be om innsyn');
        const replies = await c.say(answer);
        assert.match(texts(replies), expected);
        assert.match(texts(replies), /post@stranda\.kommune\.no/);
        assert.equal(c.test.dialogTurnResult.status, 'complete');
        assert.equal(c.submitter.received.length, 0);
      });
    }
  });

  describe('cancel', () => {
    const steps = ['start', 'sletting', 'Skolen', 'Kari Nordmann', 'kari@eksempel.no'];
    for (let at = 1; at <= steps.length; at++) {
      it(`"avbryt" after ${at} step(s) ends the dialog with nothing sent`, async () => {
        const c = client({ municipality: 'askim', language: 'nb' });
        for (const text of steps.slice(0, at)) await c.say(text);
        const replies = await c.say(['avbryt', 'Avbryt!', 'stopp', 'cancel', 'glem det'][at - 1]!);
        assert.equal(texts(replies), DIALOG_STRINGS.nb.cancelled);
        assert.equal(replies[0]!.channelData.outcome, 'dialog');
        assert.equal(c.test.dialogTurnResult.status, 'complete');
        assert.equal(c.submitter.received.length, 0);
      });
    }
    it('"nei" at the confirmation sends nothing', async () => {
      const c = client({ municipality: 'askim', language: 'nb', right: 'erasure' });
      for (const text of ['slett', 'Skolen', 'Kari Nordmann', 'kari@eksempel.no']) await c.say(text);
      assert.equal(texts(await c.say('Nei, ikke send')), DIALOG_STRINGS.nb.notSent);
      assert.equal(c.submitter.received.length, 0);
    });
  });

  describe('re-prompts an answer it cannot use', () => {
    it('an invalid e-mail address or phone number', async () => {
      const c = client({ municipality: 'askim', language: 'en', right: 'erasure' });
      for (const text of ['delete', 'School', 'Kari Nordmann']) await c.say(text);
      for (const bad of ['kari@', 'kari@example', '12345', 'call me maybe']) {
        assert.equal(texts(await c.say(bad)), DIALOG_STRINGS.en.retryContact, bad);
      }
      assert.equal((await c.say('Kari@Example.com')).at(-1)!.text, DIALOG_STRINGS.en.askConfirm);
      await c.say('yes');
      assert.deepEqual(c.submitter.received[0]!.replyTo, { method: 'email', address: 'kari@example.com' });
    });
    it('a name with digits, a right it does not know, an unclear yes/no', async () => {
      const c = client({ municipality: 'askim', language: 'nb' });
      await c.say('start');
      assert.equal(texts(await c.say('banan')), DIALOG_STRINGS.nb.askRight);
      await c.say('2');
      await c.say('Feil adresse i folkeregisteret');
      assert.equal(texts(await c.say('12345678')), DIALOG_STRINGS.nb.retryName);
      await c.say('Ola Nordmann');
      await c.say('912 34 567');
      assert.equal(texts(await c.say('kanskje')), DIALOG_STRINGS.nb.retryConfirm);
      await c.say('ja');
      assert.equal(c.submitter.received[0]!.right, 'rectification', 'choice 2 is rectification');
      assert.deepEqual(c.submitter.received[0]!.replyTo, { method: 'phone', address: '912 34 567' });
    });
  });

  it('never says a request was received when it could not be stored', async () => {
    const c = client({ municipality: 'askim', language: 'nb', right: 'erasure' });
    c.submitter.failing = true;
    for (const text of ['slett', 'Skolen', 'Kari Nordmann', 'kari@eksempel.no']) await c.say(text);
    const replies = texts(await c.say('ja'));
    assert.match(replies, /fikk ikke lagret forespørselen/);
    assert.doesNotMatch(replies, /PV-\d{4}-\d{6}/);
  });
});
