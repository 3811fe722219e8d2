import assert from 'node:assert/strict';
import { checkArt13, checkPart } from '../../src/lint/art13';
import { ART13_RULES } from '../../src/lint/art13Rules';
import { findOutdated } from '../../src/lint/outdated';
import type { Art13Result } from '../../src/lint/types';
import { fixtureContent } from '../helpers';
import { lintFixture, testby } from './helpers';

const byRule = (results: Art13Result[], id: string): Art13Result => {
  const r = results.find((x) => x.rule === id);
  assert.ok(r, `no result for ${id}`);
  return r;
};
const part = (r: Art13Result, id: string) => r.parts.find((p) => p.id === id);

describe('lint: GDPR Art. 13 checklist', () => {
  it('has the ten items, in article order, as data with Norwegian labels', () => {
    assert.deepEqual(
      ART13_RULES.map((r) => r.article),
      ['13(1)(a)', '13(1)(b)', '13(1)(c)', '13(1)(e)', '13(1)(f)', '13(2)(a)', '13(2)(b)', '13(2)(c)', '13(2)(d)', '13(2)(f)'],
    );
    for (const r of ART13_RULES) assert.ok(r.topics.length > 0 && r.parts.every((p) => p.patterns.length > 0), r.id);
  });

  describe('a notice that tells everything (fullby)', () => {
    const results = checkArt13(lintFixture('fullby'));
    it('is present on every item', () => {
      assert.deepEqual(
        results.filter((r) => r.status !== 'present').map((r) => `${r.rule}: ${r.note}`),
        [],
      );
    });
    it('records where: section ids and structured data', () => {
      assert.deepEqual(byRule(results, 'dpo').places, ['contacts.dpo', 'personvernombud']);
      assert.deepEqual(byRule(results, 'controller').places, ['controller', 'behandlingsansvarlig', 'contacts.service_office']);
      assert.deepEqual(byRule(results, 'complaint').places, ['klage']);
      const rights = byRule(results, 'rights');
      assert.deepEqual(rights.parts.map((p) => [p.id, p.status, p.evidence.map((e) => e.place)]), [
        ['access', 'present', ['rettigheter']],
        ['rectification', 'present', ['rettigheter']],
        ['erasure', 'present', ['rettigheter']],
        ['restriction', 'present', ['rettigheter']],
        ['objection', 'present', ['rettigheter']],
        ['portability', 'present', ['rettigheter']],
      ]);
      assert.equal(byRule(results, 'complaint').parts[0]?.evidence[0]?.quote, 'Du kan klage til Datatilsynet.');
    });
  });

  describe('a notice with gaps (hullby)', () => {
    const m = lintFixture('hullby');
    const results = checkArt13(m, findOutdated(m));
    it('a topic tag without supporting text is partial (tag only)', () => {
      const complaint = byRule(results, 'complaint');
      assert.equal(complaint.status, 'partial');
      assert.equal(complaint.tagOnly, true);
      assert.deepEqual(complaint.places, ['klage']);
      assert.equal(complaint.parts[0]?.status, 'tag_only');
      assert.match(complaint.note, /Bare tagget/);
      assert.equal(byRule(results, 'recipients').tagOnly, true);
    });
    it('rights: names which of the six are missing and which are only tagged', () => {
      const rights = byRule(results, 'rights');
      assert.equal(rights.status, 'partial');
      assert.equal(part(rights, 'objection')?.status, 'tag_only');
      assert.deepEqual(rights.parts.filter((p) => p.status === 'missing').map((p) => p.id), ['access', 'rectification', 'erasure', 'restriction', 'portability']);
      assert.match(rights.note, /Mangler: innsyn, retting, sletting, begrensning av behandling, dataportabilitet\./);
    });
    it('missing where nothing is said; consent used but no withdrawal is missing', () => {
      assert.equal(byRule(results, 'retention').status, 'missing');
      const consent = byRule(results, 'consent_withdrawal');
      assert.equal(consent.status, 'missing');
      assert.match(consent.note, /nevner samtykke/);
    });
    it('partial when one of two parts is missing', () => {
      const c = byRule(results, 'purpose_legal_basis');
      assert.equal(c.status, 'partial');
      assert.equal(part(c, 'purpose')?.status, 'missing');
      assert.equal(part(c, 'legal_basis')?.status, 'present');
    });
    it('a transfer on Privacy Shield is outdated', () => {
      const transfers = byRule(results, 'transfers');
      assert.equal(transfers.status, 'outdated');
      assert.match(transfers.note, /Schrems II/);
    });
    it('a mention in a general introduction to the law is only weak', () => {
      const automated = byRule(results, 'automated_decisions');
      assert.equal(automated.status, 'partial');
      assert.equal(automated.tagOnly, false);
      assert.equal(automated.parts[0]?.status, 'weak');
      assert.deepEqual(automated.places, ['om-erklaeringa']);
    });
  });

  describe('rules', () => {
    const rule = (id: string) => {
      const r = ART13_RULES.find((x) => x.id === id);
      assert.ok(r);
      return r;
    };
    it('reads bokmål and nynorsk', () => {
      for (const text of ['Du kan klage til Datatilsynet.', 'Du kan klaga til Datatilsynet.', 'Du har rett til å klage inn saka til Datatilsynet.']) {
        assert.equal(checkPart(testby([{ id: 'a', text }]), rule('complaint').parts[0]!).status, 'present', text);
      }
      const withdraw = rule('consent_withdrawal').parts[0]!;
      for (const text of ['Du kan når som helst trekke samtykket tilbake.', 'Du kan når som helst trekkja tilbake samtykket ditt.']) {
        assert.equal(checkPart(testby([{ id: 'a', text }]), withdraw).status, 'present', text);
      }
    });
    it('needs both words in one sentence', () => {
      const m = testby([{ id: 'a', text: 'Du kan klage på vedtaket. Les mer på nettsidene til Datatilsynet.', topics: ['complaint'] }]);
      assert.equal(checkPart(m, rule('complaint').parts[0]!).status, 'tag_only');
    });
    it('party access under forvaltningsloven is not the right of access', () => {
      const access = rule('rights').parts.find((p) => p.id === 'access')!;
      assert.equal(checkPart(testby([{ id: 'a', text: 'Som part i saken kan du be om innsyn i saksdokumentene.' }]), access).status, 'missing');
      assert.equal(checkPart(testby([{ id: 'a', text: 'Du har rett til innsyn i opplysningene vi har om deg.' }]), access).status, 'present');
    });
    it('«sperring» is only weak evidence of the right to restriction', () => {
      const restriction = rule('rights').parts.find((p) => p.id === 'restriction')!;
      const result = checkPart(testby([{ id: 'a', text: 'Vi sletter eller sperrer opplysninger som ikke lenger trengs.', topics: ['restriction'] }]), restriction);
      assert.equal(result.status, 'weak');
      assert.match(result.note ?? '', /sperring/);
    });
    it('a bare heading naming the subject is only weak', () => {
      const objection = rule('rights').parts.find((p) => p.id === 'objection')!;
      const result = checkPart(testby([{ id: 'a', title: 'Protest', text: 'Behandlingen er hjemlet i lov.', topics: ['objection'] }]), objection);
      assert.equal(result.status, 'weak');
      assert.match(result.note ?? '', /overskriften/);
    });
    it('text in an untagged section counts when no tagged section says it', () => {
      const r = checkPart(testby([{ id: 'klage-og-annet', text: 'Du kan klage til Datatilsynet.', topics: ['contact'] }]), rule('complaint').parts[0]!);
      assert.equal(r.status, 'present');
      assert.deepEqual(r.evidence.map((e) => e.place), ['klage-og-annet']);
    });
    it('consent withdrawal does not apply where consent is not used', () => {
      const r = checkArt13(testby([{ id: 'a', text: 'Behandlingen er hjemlet i lov.' }]));
      assert.equal(byRule(r, 'consent_withdrawal').status, 'not_applicable');
    });
    it('a glossary is never evidence', () => {
      const m = testby([{ id: 'ordliste', text: 'Behandlingsansvarlig: den som bestemmer formålet. Databehandler: den som behandler opplysninger for oss.', topics: ['definitions', 'processors'] }]);
      assert.equal(byRule(checkArt13(m), 'recipients').status, 'missing');
    });
    it('the DPO item comes from contacts.dpo and the text', () => {
      const [dalby, fjellby] = ['dalby', 'fjellby'].map((id) => fixtureContent().municipalities.find((m) => m.id === id)!);
      assert.equal(byRule(checkArt13(dalby!), 'dpo').status, 'missing');
      const dpo = byRule(checkArt13(fjellby!), 'dpo');
      assert.equal(dpo.status, 'present');
      assert.deepEqual(dpo.places, ['contacts.dpo', 'personvernombud']);
    });
  });
});
