import assert from 'node:assert/strict';
import { lintContent, strictErrors } from '../../src/lint/report';
import { checkQuality, emailProblem, phoneProblem } from '../../src/lint/quality';
import type { QualityFinding } from '../../src/lint/types';
import { fixtureContent, productContent } from '../helpers';
import { lintFixture, testby } from './helpers';

const five = (prefix: string) => [1, 2, 3, 4, 5].map((i) => `${prefix} spørsmål nummer ${i}?`);
const checks = (findings: QualityFinding[]) => findings.map((f) => `${f.severity} ${f.check} ${f.place}`);
/** The test municipality names no e-mail, so every check of it also warns that requests cannot be delivered. */
const checksBesidesDelivery = (findings: QualityFinding[]) => checks(findings.filter((f) => f.check !== 'delivery-none'));

describe('lint: content quality', () => {
  describe('question variants', () => {
    it('finds duplicates across sections, ignoring case and punctuation', () => {
      const m = testby([
        { id: 'a', text: 'Tekst.', topics: ['access'], questions: [...five('a'), 'Kan eg få innsyn?'] },
        { id: 'b', text: 'Tekst.', topics: ['access'], questions: [...five('b'), 'kan eg få innsyn'] },
      ]);
      const [dup] = checkQuality(m).filter((f) => f.check === 'questions-duplicate');
      assert.equal(dup?.severity, 'error');
      assert.equal(dup?.place, 'a, b');
      assert.equal(dup?.excerpt, 'Kan eg få innsyn? | kan eg få innsyn');
    });
    it('finds the duplicate in the faulty fixture, and a variant repeated within one section', () => {
      const found = checks(checkQuality(lintFixture('hullby')));
      assert.ok(found.includes('error questions-duplicate kjelder, tredjepart'));
      assert.ok(found.includes('warning questions-repeated reservasjon'));
    });
    it('warns on sections without variants or with fewer than 5', () => {
      const m = testby([
        { id: 'none', text: 'Tekst.', topics: ['access'] },
        { id: 'few', text: 'Tekst.', topics: ['access'], questions: ['En?', 'To?'] },
        { id: 'enough', text: 'Tekst.', topics: ['access'], questions: five('c') },
      ]);
      assert.deepEqual(checksBesidesDelivery(checkQuality(m)), ['warning questions-none none', 'warning questions-few few']);
    });
  });

  describe('contacts', () => {
    it('phones must have 8 digits (Norwegian), spaced or not, +47 allowed', () => {
      for (const ok of ['920 76 580', '53 74 80 00', '56575000', '+47 99 88 77 66', '0047 99887766']) assert.equal(phoneProblem(ok), undefined, ok);
      assert.match(phoneProblem('12 34 56 7') ?? '', /7 sifre/);
      assert.match(phoneProblem('123 45 67 89') ?? '', /9 sifre/);
      assert.match(phoneProblem('+46 8 123 456 78') ?? '', /ikke et norsk nummer/);
    });
    it('e-mail domains: another municipality\'s, a misspelt "kommune", an example domain', () => {
      const m = testby([{ id: 'a', text: 'Tekst.', topics: ['access'], questions: five('a') }]);
      assert.equal(emailProblem('post@testby.kommune.no', m), undefined);
      assert.equal(emailProblem('personvernombud@ikamr.no', m), undefined);
      assert.match(emailProblem('post@sveio.kommune.no', m) ?? '', /annen kommunes domene/);
      assert.match(emailProblem('post@testbyy.kommune.no', m) ?? '', /skrivefeil i kommunenavnet/);
      assert.match(emailProblem('post@testby.kommmune.no', m) ?? '', /«kommmune» for «kommune»/);
      assert.match(emailProblem('post@example.com', m) ?? '', /eksempeldomene/);
      const bjornafjorden = productContent().municipalities.find((x) => x.id === 'bjornafjorden');
      assert.ok(bjornafjorden);
      assert.equal(emailProblem('post@bjornafjorden.kommune.no', bjornafjorden), undefined);
    });
    it('reports malformed contacts as errors, naming the contact', () => {
      const found = checks(checkQuality(lintFixture('hullby')));
      assert.ok(found.includes('error contact-phone contacts.service_office'));
      assert.ok(found.includes('error contact-email contacts.service_office'));
      assert.ok(found.includes('error contact-email contacts.dpo'));
    });
    it('warns on a contact with nothing to reach it by, and a DPO without e-mail', () => {
      const m = testby([{ id: 'a', text: 'Tekst.', topics: ['access'], questions: five('a') }], 'contacts: {service_office: {name: Servicetorget}, dpo: {name: Ombudet, phone: "11 22 33 44"}}');
      assert.deepEqual(checksBesidesDelivery(checkQuality(m)), ['warning contact-incomplete contacts.service_office', 'warning contact-incomplete contacts.dpo']);
    });
  });

  describe('delivery of requests', () => {
    it('warns when a municipality names neither a delivery channel nor an e-mail address', () => {
      assert.deepEqual(checks(checkQuality(testby([{ id: 'a', text: 'Tekst.', topics: ['access'], questions: five('a') }])).filter((f) => f.check === 'delivery-none')), [
        'warning delivery-none delivery',
      ]);
    });
    it('is content with a webhook, or with the service office e-mail requests fall back to', () => {
      const base = testby([{ id: 'a', text: 'Tekst.', topics: ['access'], questions: five('a') }]);
      const withWebhook = { ...base, delivery: { webhook: { url: 'https://sak.testby.no/personvern', secret_env: 'TESTBY_SECRET' } } };
      const withEmail = { ...base, contacts: { service_office: { name: 'Servicetorget', email: 'post@testby.kommune.no' } } };
      for (const m of [withWebhook, withEmail]) assert.ok(!checks(checkQuality(m)).some((c) => c.includes('delivery-none')));
    });
  });

  describe('topics and text', () => {
    it('warns on empty topics, template markup and lost links', () => {
      const found = checks(checkQuality(lintFixture('hullby')));
      for (const f of ['warning topics-empty skjema', 'warning web-junk skjema', 'warning lost-link skjema']) assert.ok(found.includes(f), f);
    });
    it('finds a link text left without its link, and an address left out', () => {
      const m = testby([
        { id: 'innsyn', text: 'Du har rett til innsyn.\nLes mer om retten til innsyn', topics: ['access'], questions: five('a') },
        { id: 'send', text: 'Send forespørselen til:\n\nMerk brevet «Personvern».', topics: ['rights'], questions: five('b') },
        { id: 'ombud', text: 'Personvernombudet kan kontaktes på e-post eller på telefon 11 22 33 44.', topics: ['dpo'], questions: five('c') },
        { id: 'ok', text: 'Send forespørselen til:\nTestby kommune\nPostboks 1\n1234 TESTBY\n\nLes mer om personvern på nettsidene til Datatilsynet.', topics: ['rights'], questions: five('d') },
      ]);
      assert.deepEqual(checksBesidesDelivery(checkQuality(m)), ['warning lost-link innsyn', 'warning lost-address send', 'warning lost-address ombud']);
    });
  });

  it('the tells-everything fixture and the shared fixtures have no quality errors', () => {
    assert.deepEqual(checkQuality(lintFixture('fullby')), []);
    assert.deepEqual(strictErrors(lintContent(fixtureContent())), []);
  });

  it('the product content passes --strict (no duplicate variants across sections, no malformed contacts)', () => {
    assert.deepEqual(strictErrors(lintContent(productContent())).map((f) => `${f.municipality} ${f.check} ${f.place}: ${f.excerpt ?? ''}`), []);
  });
});
