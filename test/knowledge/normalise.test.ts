import assert from 'node:assert/strict';
import { Analyser, contentWords, mappedWords, stem } from '../../src/knowledge/normalise';

describe('normalise', () => {
  describe('mappedWords', () => {
    it('brings nynorsk and English question words to bokmål', () => {
      assert.deepEqual(mappedWords('Korleis kva how'), ['hvordan', 'hva', 'hvordan']);
    });
    it('folds phrases before words', () => {
      assert.deepEqual(mappedWords('Who is the data protection officer?'), ['hvem', 'is', 'the', 'personvernombud']);
    });
    it('lower-cases, applies NFC and joins hyphenated words', () => {
      assert.deepEqual(mappedWords('E-POST og IP-adresse'), ['epost', 'og', 'ipadresse']);
      assert.deepEqual(mappedWords('Sa\u0308kerhet'), mappedWords('Säkerhet'));
    });
  });

  describe('contentWords', () => {
    it('drops stop words in nb, nn and en', () => {
      assert.deepEqual(contentWords('Kva er det eg kan gjere med opplysningane mine?'), ['opplysningane']);
      assert.deepEqual(contentWords('What can I do with my data?'), ['opplysninger']);
    });
  });

  describe('term map and stemming together', () => {
    const same = (a: string, b: string) => assert.equal(stem(contentWords(a)[0]!), stem(contentWords(b)[0]!), `${a} ≠ ${b}`);
    it('gives one term for nynorsk, bokmål and English forms', () => {
      same('informasjonskapslar', 'cookies');
      same('informasjonskapsler', 'informasjonskapslar');
      same('personvernombodet', 'personvernombudet');
      same('handsaming', 'behandling');
      same('DPO', 'personvernombud');
    });
    it('keeps "rettigheter" (rights) apart from "rette" (correct)', () => {
      assert.notEqual(stem('rettigheter'), stem('rette'));
    });
  });

  describe('Analyser', () => {
    const analyser = new Analyser(Analyser.vocabularyOf(['sporing av besøk', 'nytt verktøy', 'analyse']));
    it('splits a compound whose parts are known words', () => {
      assert.deepEqual(analyser.compoundParts('sporingsverktøy'), [stem('sporing'), stem('verktøy')]);
    });
    it('does not split short or unknown words', () => {
      assert.deepEqual(analyser.compoundParts('fortelle'), []);
      assert.deepEqual(analyser.compoundParts('byggesøknaden'), []);
    });
    it('gives synonyms of a question word', () => {
      const [word] = analyser.analyse('utlevert');
      assert.ok(word!.synonyms.includes(stem('overført')));
    });
  });
});
