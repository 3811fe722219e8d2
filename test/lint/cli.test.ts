import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentReport } from '../../src/lint/types';
import { main } from '../../src/tools/lint-content';
import { FIXTURE_CONTENT_DIR } from '../helpers';
import { LINT_CONTENT_DIR } from './helpers';

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('lint: npm run lint:content', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lint-content-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the table municipality × Art. 13 item in fixed-width columns, then the details; exit 0 despite gaps', () => {
    const { code, out } = run('--content', LINT_CONTENT_DIR);
    assert.equal(code, 0);
    const lines = out.split('\n');
    assert.equal(lines[0], 'municipality  13(1)(a)  13(1)(b)  13(1)(c)  13(1)(e)  13(1)(f)  13(2)(a)  13(2)(b)  13(2)(c)  13(2)(d)  13(2)(f)');
    assert.equal(lines[2], 'fullby        present   present   present   present   present   present   present   present   present   present');
    assert.equal(lines[3], 'hullby        present   present   partial   tag-only  outdated  missing   tag-only  missing   tag-only  partial');
    assert.match(out, /== hullby \(Hullby kommune, 9 sections\)/);
    assert.match(out, /\[overforing\] outdated \(since 16\. juli 2020\): «Overføringa byggjer på Privacy Shield\.»/);
    assert.match(out, /error {3}\[contacts\.service_office\] contact-phone/);
    assert.match(out, /protest \(tag-only\): reservasjon/);
  });

  it('--json prints the report object', () => {
    const { code, out } = run('--content', LINT_CONTENT_DIR, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out) as ContentReport;
    assert.deepEqual(report.municipalities.map((m) => m.id), ['fullby', 'hullby']);
    assert.equal(report.summary.qualityErrors, 4);
    assert.equal(report.municipalities[1]?.art13.find((r) => r.rule === 'transfers')?.status, 'outdated');
  });

  it('--strict exits 1 on quality errors and names the file lines to fix', () => {
    const { code, err } = run('--content', LINT_CONTENT_DIR, '--strict');
    assert.equal(code, 1);
    assert.match(err, /4 quality errors/);
    assert.match(err, /hullby\.yaml:7: error contact-phone \[contacts\.service_office\]/);
    assert.match(err, /hullby\.yaml:29, 34: error questions-duplicate \[kjelder, tredjepart\]/);
  });

  it('--strict exits 0 without quality errors (warnings do not count)', () => {
    const { code, err } = run('--content', FIXTURE_CONTENT_DIR, '--strict');
    assert.equal(code, 0);
    assert.match(err, /no quality errors/);
  });

  it('exits 1 when content fails to load', () => {
    writeFileSync(join(dir, 'general.yaml'), 'entries: []\n');
    const { code, out, err } = run('--content', dir);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /^Content general\.yaml: entries must have at least one entry/);
  });

  it('--html writes the page', () => {
    const file = join(dir, 'report.html');
    const { code } = run('--content', LINT_CONTENT_DIR, '--html', file);
    assert.equal(code, 0);
    const page = readFileSync(file, 'utf8');
    assert.match(page, /<html lang="nb">/);
    assert.match(page, /<caption id="oversikt-caption">/);
  });

  it('exits 2 on an unknown option', () => {
    const { code, err } = run('--nope');
    assert.equal(code, 2);
    assert.match(err, /usage: npm run lint:content/);
  });
});
