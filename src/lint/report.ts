/** Builds the content report for all municipalities: Art. 13 checklist, outdated statements, quality. */
import type { Municipality } from '../content/schema';
import { checkArt13 } from './art13';
import { findOutdated } from './outdated';
import { checkQuality } from './quality';
import type { ContentReport, MunicipalityReport } from './types';

export function lintMunicipality(m: Municipality): MunicipalityReport {
  const outdated = findOutdated(m);
  return { id: m.id, name: m.name, sections: m.sections.length, art13: checkArt13(m, outdated), outdated, quality: checkQuality(m) };
}

export function lintContent(content: { municipalities: readonly Municipality[] }): ContentReport {
  const municipalities = content.municipalities.map(lintMunicipality);
  const quality = municipalities.flatMap((m) => m.quality);
  return {
    municipalities,
    summary: {
      municipalities: municipalities.length,
      art13Gaps: municipalities.flatMap((m) => m.art13).filter((r) => r.status !== 'present' && r.status !== 'not_applicable').length,
      outdated: municipalities.reduce((n, m) => n + m.outdated.length, 0),
      qualityErrors: quality.filter((f) => f.severity === 'error').length,
      qualityWarnings: quality.filter((f) => f.severity === 'warning').length,
    },
  };
}

/** `--strict` fails on these: duplicate variants across sections, malformed contacts. */
export function strictErrors(report: ContentReport) {
  return report.municipalities.flatMap((m) => m.quality).filter((f) => f.severity === 'error');
}
