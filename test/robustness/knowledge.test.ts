/**
 * Random text through the classifier and composer for every municipality of the product content:
 * they never throw, every classification has a known outcome and language, and whatever section
 * is chosen belongs to that municipality and can be quoted.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Municipality } from '../../src/content/schema';
import { type Classification, Classifier, OUTCOMES } from '../../src/knowledge/classifier';
import { Composer } from '../../src/knowledge/composer';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import { productContent } from '../helpers';
import { anyText, NORWEGIAN_WORDS, ODD_CHARACTERS, wordText } from './support';

const LANGUAGES = ['nb', 'nn', 'en'];
const MAX_LENGTH = 2000;

describe('robustness: classifier and composer on random text', () => {
  const content = productContent();
  const knowledge = new KnowledgeBase(content);
  const classifier = new Classifier(knowledge);
  const composer = new Composer(knowledge);
  const runs = { numRuns: 40, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false };

  /** Classifies `text` for every municipality and checks what comes back. */
  function check(text: string): void {
    for (const m of content.municipalities) {
      const what = `${m.id}: ${JSON.stringify(text.slice(0, 200))}${text.length > 200 ? `… (${text.length} chars)` : ''}`;
      let c: Classification;
      try {
        c = classifier.classify(m.id, m.målform, text);
      } catch (err) {
        assert.fail(`classify threw for ${what}: ${(err as Error).stack}`);
      }
      assert.ok(OUTCOMES.includes(c.outcome), `${what}: outcome ${c.outcome}`);
      assert.ok(LANGUAGES.includes(c.language), `${what}: language ${c.language}`);
      assert.ok(Number.isFinite(c.confidence) && c.confidence >= 0 && c.confidence <= 1, `${what}: confidence ${c.confidence}`);
      if (c.outcome === 'answer') assert.ok(c.section || c.overview?.length, `${what}: an answer without a section`);
      for (const hit of [c.section, c.related]) if (hit) composes(m, hit.item.id, c, what);
      for (const section of c.overview ?? []) composes(m, section.id, c, what);
    }
  }

  function composes(m: Municipality, sectionId: string, c: Classification, what: string): void {
    const section = m.sections.find((s) => s.id === sectionId);
    assert.ok(section, `${what}: section ${sectionId} is not ${m.id}'s`);
    let composed;
    try {
      composed = composer.compose(m, section, c.question);
    } catch (err) {
      assert.fail(`compose threw for ${what}, section ${sectionId}: ${(err as Error).stack}`);
    }
    assert.ok(composed.passage.trim().length > 0, `${what}: empty passage from ${sectionId}`);
    assert.equal(composed.citation.sectionId, sectionId);
  }

  it('never throws and always classifies, for fc.string text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: MAX_LENGTH }), fc.string({ maxLength: MAX_LENGTH, size: 'max' })), check), runs);
  });

  it('never throws and always classifies, for full-Unicode text (astral planes included)', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: MAX_LENGTH }), fc.string({ unit: 'binary', maxLength: MAX_LENGTH, size: 'max' })), check), runs);
  });

  it('never throws and always classifies, for grapheme clusters, controls and odd characters', () => {
    fc.assert(fc.property(fc.oneof(anyText(MAX_LENGTH), anyText(MAX_LENGTH, 'max')), check), runs);
  });

  it('never throws and always classifies, for mixed Norwegian and English words (the paths that reach sections)', () => {
    const mixed = fc.oneof(
      wordText(MAX_LENGTH),
      wordText(MAX_LENGTH, 'max'),
      fc.array(fc.constantFrom(...NORWEGIAN_WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
      fc.tuple(fc.array(fc.constantFrom(...NORWEGIAN_WORDS), { maxLength: 10 }), fc.array(fc.constantFrom(...ODD_CHARACTERS), { maxLength: 5 }))
        .map(([words, odd]) => words.map((w, i) => `${w}${odd[i % Math.max(odd.length, 1)] ?? ''}`).join(' ')),
    );
    fc.assert(fc.property(mixed, check), { ...runs, numRuns: 80 });
  });

  it('never throws and always classifies, for the edge cases written out', () => {
    for (const text of ['', ' ', '\n', '?', '!!!', '\u0000', '\ud800', '\udc00x', '﷽'.repeat(400), 'å'.repeat(MAX_LENGTH), 'personvern '.repeat(180), 'kommune', 'Stranda', 'hei hei hei', '0'.repeat(MAX_LENGTH)]) {
      check(text);
    }
  });
});
