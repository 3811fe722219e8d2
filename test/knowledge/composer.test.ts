import assert from 'node:assert/strict';
import { Composer, passageUnits } from '../../src/knowledge/composer';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { fixtureContent } from '../helpers';

describe('Composer', () => {
  const content = fixtureContent();
  const kb = new KnowledgeBase(content);
  const composer = new Composer(kb, { wholeSectionChars: 60 });
  const fjellby = content.municipalities.find((m) => m.id === 'fjellby')!;
  const section = (id: string) => fjellby.sections.find((s) => s.id === id)!;
  const compose = (id: string, question: string) => composer.compose(fjellby, section(id), kb.analyser.analyse(question));

  it('quotes the sentences that answer the question, in the notice wording', () => {
    const { passage } = compose('lagring', 'Hvor lenge lagres loggene fra webserveren?');
    assert.match(passage, /Logger fra webserveren slettes etter 90 dager\./);
    assert.doesNotMatch(passage, /kameraovervåking/);
  });

  it('keeps a bullet with the sentence that introduces its list', () => {
    const { passage } = compose('sikkerhet', 'Bruker dere kryptering?');
    assert.match(passage, /Kommunen sikrer opplysningene dine på flere måter:\n• kryptering av bærbare maskiner/);
  });

  it('cites the section title and the notice URL', () => {
    assert.deepEqual(compose('lagring', 'lagring').citation, {
      sectionId: 'lagring',
      title: 'Hvor lenge lagrer vi opplysningene?',
      url: 'https://www.fjellby.kommune.no/personvern',
    });
  });

  it('quotes a short section whole', () => {
    const whole = new Composer(kb).compose(fjellby, section('innsyn'), []);
    assert.equal(whole.passage, section('innsyn').text);
  });

  describe('passageUnits', () => {
    it('splits sentences and bullets and links bullets to their lead', () => {
      const units = passageUnits('Første setning. Andre setning:\n • en\n • to\n\nTredje.');
      assert.deepEqual(units, [
        { text: 'Første setning.' },
        { text: 'Andre setning:' },
        { text: '• en', lead: 1 },
        { text: '• to', lead: 1 },
        { text: 'Tredje.' },
      ]);
    });
  });
});
