import assert from 'node:assert/strict';
import { findOutdated } from '../../src/lint/outdated';
import { productContent } from '../helpers';
import { lintFixture, testby } from './helpers';

const rulesIn = (text: string) => findOutdated(testby([{ id: 'a', text }])).map((f) => f.rule);

describe('lint: outdated statements', () => {
  it('flags Privacy Shield as a transfer basis, with the municipality, section, sentence, why and since when', () => {
    const findings = findOutdated(lintFixture('hullby')).filter((f) => f.rule === 'privacy-shield');
    assert.deepEqual(findings.map((f) => ({ ...f, why: f.why.includes('Schrems II') })), [
      {
        municipality: 'hullby',
        section: 'overforing',
        rule: 'privacy-shield',
        sentence: 'Overføringa byggjer på Privacy Shield.',
        why: true,
        since: '16. juli 2020',
        certainty: 'sure',
      },
    ]);
  });

  it('flags Privacy Shield in the product content (Sveio) with its sentence', () => {
    const sveio = productContent().municipalities.find((m) => m.id === 'sveio');
    assert.ok(sveio);
    const shield = findOutdated(sveio).filter((f) => f.rule === 'privacy-shield');
    assert.equal(shield.length, 1);
    assert.equal(shield[0]?.section, 'lagring-innanfor-eu-eos-og-i-tredjeland');
    assert.match(shield[0]?.sentence ?? '', /^I slike tilfelle er tryggingsnivået garantert .* eller Privacy Shield\.$/);
  });

  it('does not flag a sentence that already says Privacy Shield is invalid', () => {
    assert.deepEqual(rulesIn('Privacy Shield er kjent ugyldig, så vi bruker standard personvernbestemmelser.'), []);
  });

  it('flags Fylkesmannen, but not "Statsforvaltaren (tidlegare Fylkesmannen)"', () => {
    const [f] = findOutdated(lintFixture('hullby')).filter((x) => x.rule === 'fylkesmannen');
    assert.equal(f?.section, 'kjelder');
    assert.equal(f?.since, '1. januar 2021');
    assert.deepEqual(rulesIn('Vi hentar opplysningar frå Statsforvaltaren (tidlegare Fylkesmannen).'), []);
  });

  it('says rådmann "may be outdated"', () => {
    const [f] = findOutdated(testby([{ id: 'a', text: 'Det øverste ansvaret ligger hos rådmannen.' }]));
    assert.equal(f?.rule, 'radmann');
    assert.equal(f?.certainty, 'may');
    assert.deepEqual(rulesIn('Kommunedirektøren har det øverste ansvaret.'), []);
  });

  it('flags the personopplysningsloven of 2000 and helseregisterloven of 2001, not the current laws', () => {
    assert.deepEqual(rulesIn('Behandlingen følger personopplysningsloven av 2000.'), ['personopplysningsloven-2000']);
    assert.deepEqual(rulesIn('Se lov 14. april 2000 nr. 31 om behandling av personopplysninger.'), ['personopplysningsloven-2000']);
    assert.deepEqual(rulesIn('Helseregisterloven av 18. mai 2001 gjelder.'), ['helseregisterloven-2001']);
    assert.deepEqual(rulesIn('Vi følger personopplysningsloven av 15.6.2018 nr. 38 og helseregisterlova.'), []);
  });

  it('reads section text and titles, not the reviewers\' question variants', () => {
    const m = testby([{ id: 'a', text: 'Vi hentar opplysningar frå Folkeregisteret.', questions: ['Hentar de opplysningar frå Fylkesmannen?'] }]);
    assert.deepEqual(findOutdated(m), []);
  });
});
