/** Shared by the lint tests: the lint fixtures and a way to write a tiny municipality inline. */
import { join } from 'node:path';
import { loadContent, parseMunicipality } from '../../src/content/load';
import type { Municipality } from '../../src/content/schema';

/** general.yaml, fullby.yaml (tells everything), hullby.yaml (gaps and faults). */
export const LINT_CONTENT_DIR = join(__dirname, 'fixtures', 'content');

export function lintFixture(id: 'fullby' | 'hullby'): Municipality {
  const m = loadContent(LINT_CONTENT_DIR).municipalities.find((x) => x.id === id);
  if (!m) throw new Error(`fixture ${id} missing`);
  return m;
}

export interface SectionSpec {
  id: string;
  title?: string;
  text: string;
  topics?: string[];
  questions?: string[];
}

/** A municipality "testby" with the given sections (YAML through the real schema). */
export function testby(sections: SectionSpec[], head = 'contacts: {}'): Municipality {
  const yaml = [
    'id: testby',
    'name: Testby kommune',
    'målform: nb',
    'controller: Testby kommune',
    head,
    'sections:',
    ...sections.map((s) =>
      [
        `  - id: ${s.id}`,
        `    title: ${JSON.stringify(s.title ?? 'Et avsnitt om personvern')}`,
        `    text: ${JSON.stringify(s.text)}`,
        `    topics: ${JSON.stringify(s.topics ?? [])}`,
        `    questions: ${JSON.stringify(s.questions ?? [])}`,
      ].join('\n'),
    ),
  ].join('\n');
  return parseMunicipality('testby.yaml', yaml);
}
