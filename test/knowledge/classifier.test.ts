import assert from 'node:assert/strict';
import { Classifier } from '../../src/knowledge/classifier';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { fixtureContent, productContent } from '../helpers';

describe('Classifier', () => {
  const classifier = new Classifier(new KnowledgeBase(fixtureContent()));
  const classify = (municipality: string, text: string) => classifier.classify(municipality, municipality === 'dalby' ? 'nn' : 'nb', text);

  describe('when the notice answers the question', () => {
    it('answers from the matching section', () => {
      const c = classify('fjellby', 'Hvor lenge lagres opplysningene mine?');
      assert.equal(c.outcome, 'answer');
      assert.equal(c.section?.item.id, 'lagring');
    });
    it('lists the rights the notice describes for a question about rights in general', () => {
      const c = classify('fjellby', 'Hvilke rettigheter har jeg?');
      assert.equal(c.outcome, 'answer');
      assert.deepEqual(c.overview?.map((s) => s.id), ['innsyn', 'sletting']);
    });
  });

  describe('when the notice is silent on a privacy question', () => {
    it('is not_covered, with general knowledge when it applies', () => {
      const c = classify('fjellby', 'Bruker dere informasjonskapsler på nettsiden?');
      assert.equal(c.outcome, 'not_covered');
      const dpo = classify('dalby', 'Kva gjer eit personvernombod?');
      assert.equal(dpo.outcome, 'not_covered');
      assert.equal(dpo.general?.item.id, 'data-protection-officer');
    });
  });

  describe('when the question is not about privacy', () => {
    it('is out_of_scope', () => {
      assert.equal(classify('fjellby', 'Når går bussen til sentrum?').outcome, 'out_of_scope');
      assert.equal(classify('fjellby', 'Kan du fortelle meg en vits?').outcome, 'out_of_scope');
    });
  });

  describe('when the resident chats', () => {
    it('is smalltalk for greetings and thanks in any language', () => {
      for (const text of ['Hei', 'God morgon!', 'Tusen takk for hjelpa', 'thanks!', 'Hvem er du?']) {
        assert.equal(classify('fjellby', text).outcome, 'smalltalk', text);
      }
    });
    it('answers the question after a greeting', () => {
      assert.equal(classify('fjellby', 'Hei! Hvor lenge lagrer dere opplysningene?').outcome, 'answer');
    });
  });

  describe('when the resident wants a person, complains or reports a breach', () => {
    it('is handoff', () => {
      for (const text of [
        'Jeg vil snakke med en person om personvern',
        'I want to talk to someone',
        'Eg vil klage på korleis de har behandla saka mi',
        'Noen på legekontoret har lest journalen min',
        'Eit brev med helseopplysningane mine kom til feil adresse',
      ]) {
        assert.equal(classify('fjellby', text).outcome, 'handoff', text);
      }
    });
    it('answers a question about how to complain instead', () => {
      assert.notEqual(classify('fjellby', 'Kan jeg klage til Datatilsynet?').outcome, 'handoff');
    });
  });

  describe('when the resident wants to exercise a right', () => {
    it('is dialog with the right recognised', () => {
      const cases: [string, string][] = [
        ['Jeg vil at dere sletter alt dere har om meg', 'erasure'],
        ['Eg vil ha retta feil i opplysningane mine', 'rectification'],
        ['I want a copy of my data', 'access'],
        ['Eg vil be om innsyn', 'access'],
      ];
      for (const [text, right] of cases) {
        const c = classify('fjellby', text);
        assert.equal(c.outcome, 'dialog', text);
        assert.deepEqual(c.request, { kind: 'dialog', right }, text);
      }
    });
    it('answers a question about a right instead', () => {
      assert.equal(classify('dalby', 'Can I get my data corrected?').outcome, 'answer');
    });
  });

  describe('language', () => {
    it('is English for English questions, else the municipality målform', () => {
      assert.equal(classify('dalby', 'Do you use cookies?').language, 'en');
      assert.equal(classify('dalby', 'Bruker dere cookies?').language, 'nn');
      assert.equal(classify('fjellby', 'Kva rettar har eg?').language, 'nb');
    });
  });

  describe('when asked whether the municipality uses a tool no notice names', () => {
    const product = new Classifier(new KnowledgeBase(productContent()));
    const ask = (text: string) => product.classify('askim', 'nb', text);
    it('does not answer from a section about something else, and shows that section as the closest', () => {
      const c = ask('Bruker dere Hotjar på nettsiden?');
      assert.equal(c.outcome, 'not_covered');
      assert.equal(c.related?.item.id, 'nettstatistikk');
      assert.equal(product.classify('askim', 'nb', 'Do you use Hotjar on the website?').outcome, 'not_covered');
    });
    it('takes a question about a tool as a privacy question, even without a privacy word', () => {
      assert.equal(ask('Brukar de Siteimprove?').outcome, 'answer', 'the notice names it');
      assert.equal(ask('Do you use Matomo?').outcome, 'not_covered', 'no notice names it');
      assert.equal(ask('Bruker dere Google?').outcome, 'not_covered', 'another notice names it, this one does not');
      assert.equal(ask('Når går bussen til Oslo?').outcome, 'out_of_scope');
    });
    it('still answers about a tool the notice names, and is not misled by a place', () => {
      assert.equal(ask('Bruker dere Siteimprove på nettsiden?').outcome, 'answer');
      const knowledge = new KnowledgeBase(productContent());
      assert.equal(knowledge.unknownToolIn('Eg flyttar til Bergen. Kan eg få opplysningane mine i eit digitalt format?'), undefined);
      assert.equal(knowledge.unknownToolIn('Hva med Min side?'), undefined);
      assert.equal(knowledge.unknownToolIn('Brukar kommunen Hotjar?'), 'Hotjar');
    });
  });
});
