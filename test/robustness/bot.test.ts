/**
 * Random texts through the bot (botbuilder's TestAdapter, the product content and the production
 * middleware): every message gets exactly one reply carrying an outcome, and a valid fødselsnummer
 * anywhere in the text never reaches the bot or its reply.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes, MemoryStorage, TestAdapter } from 'botbuilder';
import fc from 'fast-check';
import { OUTCOMES } from '../../src/knowledge/classifier';
import { buildBotRuntime } from '../../src/runtime';
import { productContent } from '../helpers';
import { anyText, MUNICIPALITIES, repeatedText, wordText } from './support';

const NATIONAL_ID = '29029600013';

describe('robustness: the bot on random text', () => {
  const runtime = buildBotRuntime(productContent(), new MemoryStorage());
  const runs = (numRuns: number) => ({ numRuns, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false });

  /** A fresh conversation; `say` returns the replies to one message and the text the bot saw. */
  function conversation() {
    const seen: string[] = [];
    const adapter = new TestAdapter(async (context) => {
      seen.push(context.activity.text ?? '');
      await runtime.bot.run(context);
    }, TestAdapter.createConversation(randomUUID()));
    runtime.middleware.forEach((m) => adapter.use(m));
    return {
      async say(text: string, channelData?: unknown): Promise<{ replies: Partial<Activity>[]; seen: string }> {
        seen.length = 0;
        await adapter.send({ type: ActivityTypes.Message, text, ...(channelData === undefined ? {} : { channelData }) });
        return { replies: adapter.activeQueue.splice(0) as Partial<Activity>[], seen: seen.join('\n') };
      },
    };
  }

  /** A question answered in the middle of a dialog: the answer, "let us continue", the question again. */
  const MAX_MESSAGES_PER_TURN = 3;

  const municipality = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...MUNICIPALITIES).map((m) => ({ municipality: m })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.oneof(anyText(30), fc.constantFrom('atlantis', 'STRANDA', '', ' ')).map((m) => ({ municipality: m })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const text = fc.oneof(anyText(600), anyText(2000, 'max'), wordText(600), repeatedText(5000), fc.constantFrom('bytt kommune', 'change municipality', 'Stranda', 'askim kommune', 'hei', ''));

  it('answers every message, each reply with an outcome, over several turns (dialogs included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, municipality), { minLength: 1, maxLength: 4 }), async (turns) => {
        const c = conversation();
        for (const [t, channelData] of turns) {
          const { replies } = await c.say(t, channelData);
          const what = `${JSON.stringify(t.slice(0, 200))} with channelData ${JSON.stringify(channelData)}`;
          const messages = replies.filter((r) => r.type === 'message');
          // A handoff also sends a handoff.initiate event; a dialog may explain before it asks.
          assert.ok(messages.length >= 1 && messages.length <= MAX_MESSAGES_PER_TURN, `${what}: ${messages.length} messages`);
          assert.ok(replies.every((r) => r.type === 'message' || (r.type === 'event' && r.name === 'handoff.initiate')), `${what}: unexpected ${replies.map((r) => r.type)}`);
          for (const reply of messages) {
            assert.ok((typeof reply.text === 'string' && reply.text.length > 0) || reply.attachments?.length, `${what}: empty reply`);
            assert.ok(OUTCOMES.includes(reply.channelData?.outcome), `${what}: outcome ${reply.channelData?.outcome}`);
            assert.ok(Array.isArray(reply.channelData?.sources), `${what}: no sources`);
            assert.notEqual(reply.channelData?.error, true, `${what}: the turn failed`);
          }
        }
      }),
      runs(250),
    );
  });

  /** 29029600013 written with any of the separators the redaction accepts between its digits. */
  const nationalIdVariant = fc.oneof(
    fc.constantFrom(NATIONAL_ID, '290296 00013', '290296-00013', '290296.00013', '290 296 000 13', '2902 9600 013', '29.02.96 00013', '29 02 96 000 13'),
    fc.array(fc.constantFrom('', '', '', ' ', '.', '-'), { minLength: 10, maxLength: 10 })
      .map((seps) => [...NATIONAL_ID].map((d, i) => d + (seps[i] ?? '')).join('')),
  );
  /** Surrounding text, cut so that no digit or separator touches the number: it stands alone. */
  const before = anyText(300).map((s) => s.replace(/[\d .-]+$/, ''));
  const after = anyText(300).map((s) => s.replace(/^[\d .-]+/, ''));
  const delimiter = fc.constantFrom(' ', '\n', ': ', ' (', ') ', ', ', ' «', '» ', '\t', ' nr. ');

  const assertRedacted = (variant: string, seen: string, replies: Partial<Activity>[], what: string) => {
    const json = JSON.stringify(replies);
    assert.ok(!json.includes(variant) && !json.includes(NATIONAL_ID), `${what}: the reply holds the number`);
    assert.ok(!replies.some((r) => (r.text ?? '').replace(/[ .-]/g, '').includes(NATIONAL_ID)), `${what}: the reply holds the number's digits`);
    assert.ok(!seen.includes(variant), `${what}: the bot saw the number: ${JSON.stringify(seen.slice(0, 300))}`);
  };

  it('never lets a fødselsnummer anywhere in the text reach the bot or its reply', async () => {
    await fc.assert(
      fc.asyncProperty(before, delimiter, nationalIdVariant, delimiter, after, municipality, async (b, d1, variant, d2, a, channelData) => {
        const message = `${b}${d1}${variant}${d2}${a}`;
        const { replies, seen } = await conversation().say(message, channelData);
        const what = `${JSON.stringify(message.slice(0, 300))} with channelData ${JSON.stringify(channelData)}`;
        assert.ok(replies.length >= 1, `${what}: no reply`);
        assertRedacted(variant, seen, replies, what);
      }),
      runs(400),
    );
  });

  it('never lets a fødselsnummer reach the bot when other digits stand a space away from it', async () => {
    const digits = fc.stringMatching(/^\d{1,12}$/);
    await fc.assert(
      fc.asyncProperty(digits, nationalIdVariant, digits, async (b, variant, a) => {
        const message = `Saksnummer ${b} ${variant} ${a}`;
        const { replies, seen } = await conversation().say(message, { municipality: 'stranda' });
        assertRedacted(variant, seen, replies, JSON.stringify(message));
      }),
      // Found by this property: "12345 290296" is an 11-digit candidate that fails the check and is
      // consumed by the scan, so the real number behind it is never tried.
      { ...runs(150), examples: [['12345', '290296 00013', '1']] },
    );
  });

  it('never echoes a fødselsnummer sent as the municipality in channelData', async () => {
    await fc.assert(
      fc.asyncProperty(nationalIdVariant, fc.constantFrom('', ' kommune', 'x'), async (variant, suffix) => {
        const { replies } = await conversation().say('Kven er personvernombodet?', { municipality: `${variant}${suffix}` });
        const json = JSON.stringify(replies);
        assert.ok(!json.includes(variant) && !json.includes(NATIONAL_ID), `municipality ${JSON.stringify(variant + suffix)}: the reply holds the number`);
      }),
      // Found by this property: the unknown-municipality reply quotes the id as given.
      { ...runs(30), examples: [[NATIONAL_ID, '']] },
    );
  });
});
