/** The content report as plain text: a fixed-width table municipality × Art. 13 item, then the details. */
import type { Art13Result, ContentReport, MunicipalityReport, OutdatedFinding, QualityFinding } from './types';

/** The word in a table cell: the status, with `tag-only` for "partial (tag only)". */
export function cellText(r: Art13Result): string {
  if (r.status === 'not_applicable') return 'n/a';
  if (r.status === 'partial' && r.tagOnly) return 'tag-only';
  return r.status;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

export function formatTable(report: ContentReport): string {
  const first = report.municipalities[0];
  if (!first) return '(no municipalities)\n';
  const items = first.art13;
  const labelWidth = Math.max('municipality'.length, ...report.municipalities.map((m) => m.id.length)) + 2;
  const cellWidth = Math.max(...items.map((i) => i.article.length), 'outdated'.length) + 2;
  const row = (label: string, cells: string[]) => (pad(label, labelWidth) + cells.map((c) => pad(c, cellWidth)).join('')).trimEnd();
  const lines = [row('municipality', items.map((i) => i.article))];
  lines.push('-'.repeat(labelWidth + cellWidth * items.length - 2));
  for (const m of report.municipalities) lines.push(row(m.id, m.art13.map(cellText)));
  lines.push('');
  for (const i of items) lines.push(`  ${pad(i.article, cellWidth)}${i.label}`);
  lines.push('  present = the notice tells it; partial = some of it; tag-only = partial (tag only): a section is tagged');
  lines.push('  with the topic but its text does not say it; outdated = relies on an outdated statement; n/a = does not apply');
  return `${lines.join('\n')}\n`;
}

function formatArt13(r: Art13Result): string[] {
  const lines = [`  ${pad(r.article, 10)}${pad(cellText(r), 10)}${r.label}`];
  const indent = ' '.repeat(22);
  if (r.parts.length === 1) {
    if (r.places.length > 0) lines.push(`${indent}where: ${r.places.join(', ')}`);
  } else {
    for (const p of r.parts) {
      const where = p.evidence.length > 0 ? `: ${[...new Set(p.evidence.map((e) => e.place))].join(', ')}` : '';
      lines.push(`${indent}${p.label} (${p.status.replace('_', '-')})${where}`);
    }
  }
  if (r.status !== 'present') lines.push(`${indent}${r.note}`);
  return lines;
}

function formatOutdated(f: OutdatedFinding): string[] {
  const verdict = f.certainty === 'sure' ? 'outdated' : 'may be outdated';
  return [`  [${f.section}] ${verdict} (since ${f.since}): «${f.sentence}»`, `      ${f.why}`];
}

function formatQuality(f: QualityFinding): string {
  return `  ${pad(f.severity, 8)}[${f.place}] ${f.check}: ${f.message}${f.excerpt ? ` «${f.excerpt}»` : ''}`;
}

export function formatMunicipality(m: MunicipalityReport): string {
  const lines = [`== ${m.id} (${m.name}, ${m.sections} sections)`, 'Art. 13'];
  for (const r of m.art13) lines.push(...formatArt13(r));
  lines.push(`Outdated statements: ${m.outdated.length === 0 ? 'none' : ''}`.trimEnd());
  for (const f of m.outdated) lines.push(...formatOutdated(f));
  lines.push(`Quality: ${m.quality.length === 0 ? 'no findings' : ''}`.trimEnd());
  for (const f of m.quality) lines.push(formatQuality(f));
  return `${lines.join('\n')}\n`;
}

export function formatSummary(report: ContentReport): string {
  const s = report.summary;
  return `${s.municipalities} municipalities · ${s.art13Gaps} Art. 13 items not fully told · ${s.outdated} outdated statements · ${s.qualityErrors} quality errors, ${s.qualityWarnings} warnings\n`;
}

export function formatReport(report: ContentReport): string {
  return [formatTable(report), ...report.municipalities.map(formatMunicipality), formatSummary(report)].join('\n');
}
