import assert from 'node:assert/strict';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { fixtureContent } from '../helpers';

describe('KnowledgeBase', () => {
  const kb = new KnowledgeBase(fixtureContent());
  const top = (municipality: string, question: string) => kb.searchSections(municipality, kb.analyser.analyse(question))[0];

  it('finds the section a question variant describes, in any language', () => {
    assert.equal(top('fjellby', 'Kor lenge blir opplysningane lagra?')?.item.id, 'lagring');
    assert.equal(top('fjellby', 'How long do you keep my data?')?.item.id, 'lagring');
  });

  it('tolerates typos', () => {
    assert.equal(top('fjellby', 'personvernombudett')?.item.id, 'personvernombud');
  });

  it('searches one municipality only', () => {
    assert.equal(top('dalby', 'informasjonskapslar')?.item.id, 'informasjonskapslar');
    assert.equal(top('fjellby', 'informasjonskapslar'), undefined);
  });

  it('weighs question variants above text', () => {
    // "innsyn" is in dalby's innsyn questions and text, and only in text elsewhere.
    assert.equal(top('dalby', 'innsyn')?.item.id, 'innsyn');
  });

  it('measures coverage: the share of the question the section matches', () => {
    const full = top('fjellby', 'Hvor lenge lagrer dere opplysningene?');
    assert.ok(full && full.coverage > 0.9, `coverage ${full?.coverage}`);
    const partial = top('fjellby', 'Hvor lenge lagrer dere sporingsdata fra parkeringsappen?');
    assert.ok(partial && partial.coverage < full.coverage - 0.3, `coverage ${partial?.coverage}`);
  });

  it('rejects an unknown municipality', () => {
    assert.throws(() => kb.searchSections('nowhere', []), /unknown municipality "nowhere"/);
  });
});
