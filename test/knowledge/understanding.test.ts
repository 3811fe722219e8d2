import assert from 'node:assert/strict';
import { Classifier } from '../../src/knowledge/classifier';
import { Composer, passageUnits } from '../../src/knowledge/composer';
import { detectRequest, ownedWords, questionFocus, questionWordTopics, storyAndQuestion } from '../../src/knowledge/intents';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { productContent } from '../helpers';

describe('Understanding residents’ questions (product content)', () => {
  const content = productContent();
  const knowledge = new KnowledgeBase(content);
  const classifier = new Classifier(knowledge);
  const composer = new Composer(knowledge);
  const municipality = (id: string) => content.municipalities.find((m) => m.id === id)!;
  const classify = (id: string, text: string) => classifier.classify(id, municipality(id).målform, text);
  const answer = (id: string, text: string) => {
    const c = classify(id, text);
    assert.equal(c.outcome, 'answer', text);
    return { section: c.section!.item.id, passage: composer.compose(municipality(id), c.section!.item, c.question, { focus: c.focus }).passage };
  };

  it('reads dialect pronouns and nynorsk forms ("dokker", "mæ", "frå")', () => {
    assert.equal(answer('stranda', 'ka lagre dokker om mæ når æ ringe te kommunen?').section, 'telefon');
    assert.equal(answer('stranda', 'Kvar får kommunen opplysningane om meg frå?').section, 'kvar-hentar-vi-opplysingane');
  });

  it('answers "Which laws …" from a section that names laws', () => {
    const { section, passage } = answer('generic', 'Which laws allow you to keep information about my children in kindergarten?');
    assert.equal(section, 'rettslig-grunnlag');
    assert.match(passage, /Lov om barnehage/);
  });

  it('answers "why" questions from the section on the purpose', () => {
    assert.equal(answer('generic', 'Why does the municipality process personal data?').section, 'formal');
  });

  it('does not answer about a processing record from a section that only shares "behandling"', () => {
    assert.equal(classify('stranda', 'Kan eg få sjå behandlingsprotokollen til kommunen?').outcome, 'not_covered');
  });

  it('answers "Eg vil …, kan eg det?" as a question about the right, not as a request', () => {
    assert.equal(answer('bjornafjorden', 'Eg vil reservere meg mot at de brukar opplysningane mine, kan eg det?').section, 'protest');
    assert.equal(detectRequest('I want my data deleted, is that possible?'), undefined);
    assert.deepEqual(detectRequest('Eg vil ha sletta opplysningane mine'), { kind: 'dialog', right: 'erasure' });
  });

  it('quotes how to do it when the notice says so in the next sentence ("Den enklaste måten …")', () => {
    assert.match(answer('sveio', 'How do I withdraw my consent?').passage, /postmottak@sveio\.kommune\.no/);
  });

  it('quotes a list with the sentence before it, even when that sentence ends in a full stop', () => {
    assert.match(answer('bjornafjorden', 'Kva opplysningar har de om borna mine i barnehagen?').passage, /klassetrinn/);
    assert.deepEqual(passageUnits('Under er ei liste.\n • a\n • b'), [
      { text: 'Under er ei liste.' },
      { text: '• a', lead: 0 },
      { text: '• b', lead: 0 },
    ]);
  });

  it('weighs the question above the story told before it', () => {
    assert.equal(answer('sveio', 'Eg har søkt om plass i barnehagen og fått svar. Kor lenge oppbevarer de opplysningane?').section, 'kor-lenge-oppbevarer-me-personopplysningane');
    assert.equal(answer('askim', 'Vi har bodd her i ti år og barna går på skolen. Har de ansatte i kommunen taushetsplikt?').section, 'taushetsplikt');
    assert.equal(answer('bjornafjorden', 'Eg søkte om startlån i fjor og fekk avslag. Kan eg klage til Datatilsynet?').section, 'klage');
    // A question of one word asks about the story: "Har han forsvunne?" is about the e-mail told of.
    assert.equal(storyAndQuestion('Eg sende ein e-post i går. Har han forsvunne?')?.question, 'Har han forsvunne?');
    assert.equal(storyAndQuestion('Kva lagrar de? Kor lenge?'), undefined, 'every sentence asks');
  });

  it('takes the country and the supervisory authority as ordinary words, products and suppliers as names', () => {
    assert.ok(!knowledge.isProperName('noreg') && !knowledge.isProperName('datatilsyn'));
    assert.ok(knowledge.isProperName('googl') && knowledge.isProperName('siteimprov'));
    assert.equal(classify('bjornafjorden', 'Eg flytta til Noreg i fjor. Kva opplysningar har kommunen om meg?').outcome, 'answer');
  });

  it('quotes the whole list for "which kinds of data", not only the items repeating the question\'s words', () => {
    const c = classify('generic', 'Hva slags opplysninger har kommunen om meg?');
    const section = c.section!.item;
    const excerpts = new Composer(knowledge, { wholeSectionChars: 100 });
    const { passage } = excerpts.compose(municipality('generic'), section, c.question, { focus: c.focus });
    for (const item of ['Kontaktopplysninger', 'Identifiseringsopplysninger', 'Relasjoner til andre', 'Helseopplysninger']) assert.match(passage, new RegExp(item));
    assert.doesNotMatch(excerpts.compose(municipality('generic'), section, c.question).passage, /Relasjoner til andre/, 'without the focus, only matching items');
  });

  it('prefers the section on what a question word asks for ("Hvor … fra?")', () => {
    assert.equal(answer('sveio', 'Hvor har kommunen opplysningene om meg fra?').section, 'kor-hentar-me-opplysningar-fra');
  });

  it('reads a daughter or son as a child', () => {
    assert.equal(answer('stranda', 'Kan eg sjå kva skulen har registrert om dottera mi?').section, 'innsyn');
  });

  it('reads everyday words for health documents as health data ("sjukemelding", "legeattest", "sick note")', () => {
    assert.equal(answer('sveio', 'har de sjukemeldinga mi?').section, 'kva-personopplysningar-behandlar-me');
    assert.equal(answer('generic', 'do you keep my sick note').section, 'kategorier-av-personopplysninger');
    assert.match(answer('stranda', 'kan eg sende legeattesten på epost?').passage, /ukryptert/);
  });

  it('reads "pass … on" with the object in between as sharing', () => {
    assert.equal(answer('sveio', 'Who do you pass my information on to?').section, 'kven-utleverer-me-personopplysningane-dine-til');
    assert.equal(answer('bjornafjorden', 'is my information passed on to the hospital').section, 'kven-deler-vi-personopplysningar-med');
  });

  it('reads selling data as handing it over', () => {
    assert.equal(answer('sveio', 'kan kommunen selje opplysningane mine').section, 'kven-utleverer-me-personopplysningane-dine-til');
  });

  it('reads working in the municipality as being employed there, and "saken min" as the resident\'s own data', () => {
    assert.equal(answer('askim', 'naboen min jobber i kommunen, kan hun lese saken min?').section, 'tilgang-i-sak');
  });

  it('answers the question after a story that mentions snooping or talking to someone', () => {
    assert.equal(classify('askim', 'Jeg har hørt at ansatte snoker i journaler. Hvem har tilgang til opplysningene mine?').outcome, 'answer');
    assert.equal(detectRequest('Eg ville snakke med personvernombodet i går men fekk ikkje svar. Kor lenge lagrar de e-post?'), undefined);
    // A question about what to do with the story is still a report.
    assert.equal(classify('stranda', 'eg trur nokon har lese journalen min utan grunn. kven kan eg melde det til?').outcome, 'handoff');
    assert.equal(classify('stranda', 'Nokon har lese journalen min. Kva gjer eg no?').outcome, 'handoff');
  });

  describe('question cues', () => {
    it('finds the word a "which/what kind of" question asks about', () => {
      assert.equal(questionFocus('Hvilke lover gjelder?'), 'lover');
      assert.equal(questionFocus('What kind of data do you keep?'), 'opplysninger');
      assert.equal(questionFocus('Kva for opplysningar har de?'), 'opplysningar');
      assert.equal(questionFocus('What is a DPO?'), undefined);
      assert.equal(questionFocus('Kva skjer med e-posten min?'), undefined);
    });
    it('reads "why" and "where … from" as pointing at purpose and collection', () => {
      assert.deepEqual(questionWordTopics('Kvifor treng de dette?'), ['purpose']);
      assert.deepEqual(questionWordTopics('Where do you get my data from?'), ['collection']);
      assert.deepEqual(questionWordTopics('Hvor lenge lagres det?'), []);
    });
    it('knows which words the resident names as their own', () => {
      assert.ok(ownedWords('Adressen min er feil').has('adressen'));
      assert.ok(!ownedWords('Kva er adressa til kommunen?').has('adressa'));
    });
  });
});
