import assert from 'node:assert/strict';
import { loadContent } from '../../src/content/load';
import { lintContent } from '../../src/lint/report';
import type { ContentReport } from '../../src/lint/types';
import { renderContentReport } from '../../src/server/pages/contentReportPage';
import { launchChromium, seriousViolations } from '../browser/support';
import { productContent } from '../helpers';
import { LINT_CONTENT_DIR } from './helpers';

const report = (): ContentReport => lintContent(loadContent(LINT_CONTENT_DIR));

describe('lint: content report page', () => {
  it('is a Norwegian page with real tables: caption, th scope', () => {
    const page = renderContentReport(report());
    assert.match(page, /^<!doctype html>\n<html lang="nb">/);
    const tables = page.match(/<table>/g) ?? [];
    const captions = page.match(/<caption[ >]/g) ?? [];
    assert.ok(tables.length >= 5);
    assert.equal(captions.length, tables.length, 'every table has a caption');
    assert.match(page, /<th scope="col">Kommune<\/th><th scope="col">Art\. 13\(1\)\(a\) <span class="label">Behandlingsansvarlig og kontaktopplysninger<\/span><\/th>/);
    assert.match(page, /<th scope="row"><a href="#kommune-hullby">Hullby kommune<\/a><\/th>/);
  });

  it('shows the status in words, not by colour only', () => {
    const page = renderContentReport(report());
    const row = /<tr><th scope="row"><a href="#kommune-hullby">[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    const words = [...row.matchAll(/<td class="status status-[a-z_]+"><span aria-hidden="true">[^<]*<\/span>([^<]+)<\/td>/g)].map((m) => m[1]);
    assert.deepEqual(words, ['Oppgitt', 'Oppgitt', 'Delvis', 'Delvis (bare tagget)', 'Utdatert', 'Mangler', 'Delvis (bare tagget)', 'Mangler', 'Delvis (bare tagget)', 'Delvis']);
  });

  it('shows the outdated sentence and escapes content', () => {
    const r = report();
    const hullby = r.municipalities[1];
    assert.ok(hullby);
    hullby.name = 'Hullby <script>alert(1)</script>';
    const page = renderContentReport(r);
    assert.match(page, /<q>Overføringa byggjer på Privacy Shield\.<\/q>/);
    assert.ok(!page.includes('<script>'));
    assert.match(page, /Hullby &lt;script&gt;/);
  });

  describe('in a browser', function () {
    this.timeout(60_000);
    it('has no serious or critical axe violations (product content)', async function () {
      const browser = await launchChromium();
      try {
        const page = await (await browser.newContext()).newPage();
        await page.setContent(renderContentReport(lintContent(productContent())));
        const serious = await seriousViolations(page);
        assert.deepEqual(serious, []);
      } finally {
        await browser.close();
      }
    });
  });
});
