import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentError, loadContent, parseMunicipality } from '../../src/content/load';
import { FIXTURE_CONTENT_DIR, productContent } from '../helpers';

const valid = `id: testby
name: Testby kommune
målform: nb
controller: Testby kommune
sections:
  - id: innsyn
    title: Innsyn
    text: Du har rett til innsyn.
`;

describe('content loading', () => {
  describe('parseMunicipality', () => {
    it('fills defaults for optional lists', () => {
      const m = parseMunicipality('testby.yaml', valid);
      assert.deepEqual(m.sections[0]!.questions, []);
      assert.deepEqual(m.contacts, {});
    });
    it('names the file, the field and the problem', () => {
      assert.throws(() => parseMunicipality('testby.yaml', valid.replace('    title: Innsyn\n', '')), {
        name: 'ContentError',
        message: 'Content testby.yaml: sections[0].title is required',
      });
      assert.throws(() => parseMunicipality('testby.yaml', valid.replace('målform: nb', 'målform: sv')), /Content testby\.yaml: målform Invalid option: expected one of "nb"\|"nn"/);
      assert.throws(
        () => parseMunicipality('testby.yaml', `${valid}contacts:\n  dpo: {name: Ombud, email: not-an-email}\n`),
        /Content testby\.yaml: contacts\.dpo\.email must be an e-mail address/,
      );
    });
    it('rejects unknown fields, duplicate section ids and an id that differs from the file name', () => {
      assert.throws(() => parseMunicipality('testby.yaml', `${valid}colour: red\n`), /Content testby\.yaml: .*colour/);
      const dup = `${valid}  - id: innsyn\n    title: Igjen\n    text: Tekst.\n`;
      assert.throws(() => parseMunicipality('testby.yaml', dup), /sections\[1\]\.id duplicate section id "innsyn"/);
      assert.throws(() => parseMunicipality('annenby.yaml', valid), /Content annenby\.yaml: id "testby" must match the file name/);
    });
    it('reports broken YAML with the file name', () => {
      assert.throws(() => parseMunicipality('testby.yaml', 'id: [unclosed'), /^ContentError: Content testby\.yaml: is not valid YAML/);
    });
  });

  describe('loadContent', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'content-'));
      cpSync(FIXTURE_CONTENT_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('loads every municipality file and general.yaml', () => {
      const content = loadContent(dir);
      assert.deepEqual(content.municipalities.map((m) => m.id), ['dalby', 'fjellby']);
      assert.equal(content.general.entries.length, 2);
    });
    it('adds a municipality by dropping one file in', () => {
      writeFileSync(join(dir, 'testby.yaml'), valid);
      assert.deepEqual(loadContent(dir).municipalities.map((m) => m.id), ['dalby', 'fjellby', 'testby']);
    });
    it('refuses all content when one file is invalid', () => {
      writeFileSync(join(dir, 'testby.yaml'), valid.replace('text: Du har rett til innsyn.', 'text: ""'));
      assert.throws(() => loadContent(dir), (err: unknown) => err instanceof ContentError && /testby\.yaml: sections\[0\]\.text must not be empty/.test(err.message));
    });
    it('requires general.yaml', () => {
      rmSync(join(dir, 'general.yaml'));
      assert.throws(() => loadContent(dir), /Content general\.yaml: file is missing/);
    });
  });

  describe('the product content', () => {
    const content = productContent();
    it('holds the five municipalities, each in its målform', () => {
      assert.deepEqual(
        content.municipalities.map((m) => `${m.id}:${m.målform}`),
        ['askim:nb', 'bjornafjorden:nn', 'generic:nb', 'stranda:nn', 'sveio:nn'],
      );
    });
    it('gives every section topics and question variants', () => {
      for (const m of content.municipalities) {
        for (const s of m.sections) {
          assert.ok(s.topics.length > 0, `${m.id}/${s.id} has no topics`);
          assert.ok(s.questions.length >= 5, `${m.id}/${s.id} has ${s.questions.length} questions`);
        }
      }
    });
  });
});
