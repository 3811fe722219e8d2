import assert from 'node:assert/strict';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { PackedMiniSearch } from '../../src/knowledge/packedIndex';
import { productContent } from '../helpers';

interface Doc {
  id: string;
  questions: string;
  title: string;
  text: string;
}

const docs: Doc[] = productContent().municipalities.flatMap((m) =>
  m.sections.map((s) => ({ id: `${m.id}/${s.id}`, questions: s.questions.join('\n'), title: s.title, text: s.text })),
);
const options: Options<Doc> = { fields: ['questions', 'title', 'text'] };

function indexes(): { plain: MiniSearch<Doc>; packed: PackedMiniSearch<Doc> } {
  const plain = new MiniSearch<Doc>(options);
  const packed = new PackedMiniSearch<Doc>(options);
  plain.addAll(docs);
  packed.addAll(docs);
  packed.pack();
  return { plain, packed };
}

/** Index words, their prefixes and one-letter typos: exact, prefix and fuzzy paths through the tree. */
function queries(): string[] {
  const words = [...new Set(docs.flatMap((d) => `${d.title} ${d.text}`.toLowerCase().match(/\p{L}{3,}/gu) ?? []))];
  return words.flatMap((w, i) => [w, w.slice(0, 4), `${w.slice(0, 2)}${w.slice(3)}`, `${w} ${words[(i * 7) % words.length]}`, 'zzzz']);
}

describe('PackedMiniSearch', () => {
  const { plain, packed } = indexes();

  describe('when packed', () => {
    const searches: [string, SearchOptions][] = [
      ['exact', {}],
      ['prefix and fuzzy', { prefix: true, fuzzy: 0.2 }],
      ['boosted, fuzzy by term', { boost: { questions: 3, title: 2 }, prefix: (t) => t.length >= 5, fuzzy: (t) => (t.length >= 5 ? 0.3 : false) }],
    ];
    for (const [name, search] of searches) {
      it(`finds the same hits, scores, terms and order (${name})`, () => {
        for (const query of queries()) assert.deepEqual(packed.search(query, search), plain.search(query, search), query);
      });
    }

    it('finds the same when every search is made again (its fuzzy lookups then come from the cache)', () => {
      const search: SearchOptions = { prefix: true, fuzzy: 0.25 };
      const expected = queries().map((q) => plain.search(q, search));
      for (let pass = 0; pass < 2; pass++) {
        queries().forEach((query, i) => assert.deepEqual(packed.search(query, search), expected[i], `pass ${pass + 1}: ${query}`));
      }
      // Without prefix search MiniSearch keeps every fuzzy match: none may be missing from what was kept.
      const fuzzyOnly: SearchOptions = { fuzzy: 0.25 };
      for (const query of queries()) assert.deepEqual(packed.search(query, fuzzyOnly), plain.search(query, fuzzyOnly), `fuzzy only: ${query}`);
    });

    it('suggests and counts the same', () => {
      assert.equal(packed.termCount, plain.termCount);
      assert.deepEqual(packed.autoSuggest('perso', { fuzzy: 0.2 }), plain.autoSuggest('perso', { fuzzy: 0.2 }));
    });

    it('refuses changes, before changing anything', () => {
      const fresh = indexes().packed;
      assert.throws(() => fresh.add({ id: 'new', questions: '', title: 'ny', text: 'heilt ny tekst' }), /PackedMiniSearch: cannot add to a packed index/);
      assert.throws(() => fresh.remove(docs[0]!), /PackedMiniSearch: cannot remove from a packed index/);
      assert.throws(() => fresh.discard(docs[0]!.id), /PackedMiniSearch: cannot discard from a packed index/);
      assert.throws(() => fresh.pack(), /PackedMiniSearch: cannot pack a packed index/);
      assert.equal(fresh.documentCount, docs.length);
    });
  });

  describe('when packed with labels interned across indexes', () => {
    it('finds the same in each', () => {
      const labels = new Map<string, string>();
      const halves = [docs.slice(0, 40), docs.slice(40)].map((part) => {
        const plain = new MiniSearch<Doc>(options);
        const packed = new PackedMiniSearch<Doc>(options);
        plain.addAll(part);
        packed.addAll(part);
        packed.pack(labels);
        return { plain, packed };
      });
      for (const { plain, packed } of halves) {
        for (const query of queries().slice(0, 2000)) assert.deepEqual(packed.search(query, { prefix: true, fuzzy: 0.2 }), plain.search(query, { prefix: true, fuzzy: 0.2 }), query);
      }
    });
  });
});
