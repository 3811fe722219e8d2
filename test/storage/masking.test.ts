import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { MASKS, maskActivity, maskText } from '../../src/storage/masking';
import { PERSONAL_DATA_FLAG } from '../../src/storage/types';

const RESIDENT = { id: 'user-1', name: 'Kari Nordmann', role: 'user', aadObjectId: '00000000-aaaa-bbbb-cccc-000000000000' };
const BOT = { id: 'personvern-bot', name: 'Personvern', role: 'bot' };
const CONVERSATION = { id: 'c1', name: 'Kari sin chat', isGroup: false, conversationType: 'personal', tenantId: 't1' };

const fromResident = (extra: Partial<Activity>): Partial<Activity> => ({
  type: 'message', id: 'a1', channelId: 'msteams', conversation: CONVERSATION, from: RESIDENT, recipient: BOT, ...extra,
});

describe('maskText', () => {
  const cases: [string, string][] = [
    ['Fnr 29029600013', 'Fnr [fødselsnummer fjernet]'],
    ['D-nummer 410180 36140 her', 'D-nummer [fødselsnummer fjernet] her'],
    ['skriv til kari.nordmann+post@eksempel.kommune.no.', `skriv til ${MASKS.email}.`],
    ['ring 912 34 567, 91234567 eller +47 22 33 44 55', `ring ${MASKS.phone}, ${MASKS.phone} eller ${MASKS.phone}`],
    ['i Sverige +46 70-123 45 67, i USA +1 (555) 123-4567', `i Sverige ${MASKS.phone}, i USA ${MASKS.phone}`],
    ['saksnummer 123 456 og konto 1234.56.78903', `saksnummer ${MASKS.number} og konto ${MASKS.number}`],
    ['født 12.03.1990', `født ${MASKS.number}`],
    ['postnummer 1850, år 2024, kl. 14.00, 12345 kr', 'postnummer 1850, år 2024, kl. 14.00, 12345 kr'],
  ];
  for (const [text, masked] of cases) {
    it(`masks "${text}"`, () => assert.equal(maskText(text), masked));
  }

  describe('whatever surrounds them', () => {
    const around = fc.string({ unit: 'grapheme', maxLength: 20 });
    const separator = fc.constantFrom('', '', ' ', '.', '-');
    const digitRun = fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), separator), { minLength: 6, maxLength: 16 })
      .map((parts) => parts.map(([d, sep], i) => (i === 0 ? String(d) : `${sep}${d}`)).join(''));

    it('leaves no run of six digits, in any text', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => !/\p{Nd}{6,}/u.test(maskText(text))), { numRuns: 2000 });
    });

    it('leaves nothing of a digit run, with or without single separators', () => {
      fc.assert(fc.property(around, digitRun, around, (before, digits, after) => {
        const masked = maskText(`${before}${digits}${after}`);
        return !/\d(?:[ .-]?\d){5,}/.test(masked) && !masked.includes(digits);
      }), { numRuns: 1000 });
    });

    it('leaves no e-mail address', () => {
      fc.assert(fc.property(around, fc.emailAddress(), around, (before, email, after) => !maskText(`${before}${email}${after}`).includes(email)), { numRuns: 1000 });
    });
  });
});

describe('maskActivity', () => {
  describe("when the resident's message comes in", () => {
    const activity = fromResident({
      text: 'Jeg er Kari, 29029600013, kari@eksempel.no',
      value: { phone: '912 34 567', nested: [{ account: 12345678901 }], ok: true },
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/pass.png' }],
      entities: [{ type: 'clientInfo', locale: 'nb-NO' }],
      channelData: { municipality: 'askim', language: 'nb', clientActivityID: 'x', tenant: { id: 't1' } },
      reactionsAdded: [{ type: 'like' }],
    });

    it('masks its text and value, and keeps only the reply fields of channelData', () => {
      const masked = maskActivity(activity);
      assert.equal(masked.text, `Jeg er Kari, [fødselsnummer fjernet], ${MASKS.email}`);
      assert.deepEqual(masked.value, { phone: MASKS.phone, nested: [{ account: MASKS.number }], ok: true });
      assert.deepEqual(masked.channelData, { municipality: 'askim', language: 'nb' });
      assert.deepEqual(masked.reactionsAdded, [{ type: 'like' }]);
    });

    it('drops attachments, entities, names and directory ids', () => {
      const masked = maskActivity(activity);
      assert.equal(masked.attachments, undefined);
      assert.equal(masked.entities, undefined);
      assert.deepEqual(masked.from, { id: 'user-1', name: '', role: 'user' });
      assert.deepEqual(masked.recipient, BOT);
      assert.deepEqual(masked.conversation, { id: 'c1', name: '', isGroup: false, conversationType: 'personal', tenantId: 't1' });
    });

    it('returns a copy and leaves the activity as it was', () => {
      const before = structuredClone(activity);
      maskActivity(activity);
      assert.deepEqual(activity, before);
    });

    it('masks an activity without a role as the resident’s', () => {
      assert.equal(maskActivity({ ...activity, from: { id: 'u', name: 'Kari' } }).text, `Jeg er Kari, [fødselsnummer fjernet], ${MASKS.email}`);
    });
  });

  describe('when an activity is flagged as personal data', () => {
    it("keeps only a placeholder of the resident's answer", () => {
      const masked = maskActivity(fromResident({ text: 'Kari Nordmann', value: { name: 'Kari' }, channelData: { [PERSONAL_DATA_FLAG]: true, extra: 1 } }));
      assert.equal(masked.text, MASKS.personalData);
      assert.equal(masked.value, undefined);
      assert.deepEqual(masked.channelData, { [PERSONAL_DATA_FLAG]: true });
    });

    it("keeps only a placeholder of the bot's summary card, and its reply fields", () => {
      const masked = maskActivity({
        type: 'message', from: BOT, recipient: RESIDENT, text: 'Navn: Kari',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: 'Kari, kari@eksempel.no' } }],
        channelData: { outcome: 'dialog', sources: [], municipality: 'askim', language: 'nb', [PERSONAL_DATA_FLAG]: true },
      });
      assert.equal(masked.text, MASKS.personalData);
      assert.equal(masked.attachments, undefined);
      assert.deepEqual(masked.channelData, { outcome: 'dialog', sources: [], municipality: 'askim', language: 'nb', [PERSONAL_DATA_FLAG]: true });
    });
  });

  describe("when the bot's reply goes out", () => {
    it('keeps it whole (the municipality’s own phone numbers included) but for the resident’s name', () => {
      const reply: Partial<Activity> = {
        type: 'message', from: BOT, recipient: RESIDENT, conversation: CONVERSATION, text: 'Ring personvernombudet på 22 33 44 55.',
        attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Kilde' } }],
        channelData: { outcome: 'answer', sources: ['s1'], municipality: 'askim', language: 'nb', confidence: 0.8, error: false },
      };
      const masked = maskActivity(reply);
      assert.deepEqual(masked, { ...reply, recipient: { id: 'user-1', name: '', role: 'user' }, conversation: { id: 'c1', name: '', isGroup: false, conversationType: 'personal', tenantId: 't1' } });
    });
  });
});
