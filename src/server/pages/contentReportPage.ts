/**
 * The content report (`npm run lint:content -- --html <file>`) as a page a municipality can read:
 * a table municipality × GDPR Art. 13 item, then per municipality where the notice says it, the
 * outdated statements and the content-quality findings. In bokmål.
 *
 * Accessible on its own: real tables with captions and `th scope`, the status always written out
 * in words (colour only repeats it), wide tables in a focusable scroll region. The stylesheet is
 * inline so the written file works without the server (the CSP allows inline styles).
 */
import type { Art13Result, Art13Status, ContentReport, MunicipalityReport, QualityFinding } from '../../lint/types';
import { html, type SafeHtml } from './html';

const STATUS_TEXT: Record<Art13Status, string> = {
  present: 'Oppgitt',
  partial: 'Delvis',
  missing: 'Mangler',
  outdated: 'Utdatert',
  not_applicable: 'Ikke aktuelt',
};
/** A symbol in front of the word, for scanning; hidden from screen readers, which read the word. */
const STATUS_SYMBOL: Record<Art13Status, string> = {
  present: '✓',
  partial: '◐',
  missing: '✗',
  outdated: '!',
  not_applicable: '–',
};

function statusText(r: Art13Result): string {
  return r.status === 'partial' && r.tagOnly ? 'Delvis (bare tagget)' : STATUS_TEXT[r.status];
}

function statusCell(r: Art13Result): SafeHtml {
  return html`<td class="status status-${r.status}"><span aria-hidden="true">${STATUS_SYMBOL[r.status]} </span>${statusText(r)}</td>`;
}

const PART_TEXT = { present: 'oppgitt', weak: 'svakt', tag_only: 'bare tagget', missing: 'mangler' } as const;

const SEVERITY_TEXT = { error: 'Feil', warning: 'Advarsel' } as const;

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.35rem; margin-top: 2.5rem; border-top: 1px solid #767676; padding-top: 1rem; } h3 { font-size: 1.1rem; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #767676; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
th .label { display: block; font-weight: normal; font-size: 0.85rem; }
.status { white-space: nowrap; font-weight: 600; }
.status-present { background: #e6f4ea; color: #0d5323; }
.status-partial { background: #fff4d6; color: #5c3d00; }
.status-missing { background: #fde7e9; color: #8a1020; }
.status-outdated { background: #fde7e9; color: #8a1020; }
.status-not_applicable { background: #f0f0f0; color: #3d3d3d; }
.severity-error { font-weight: 600; color: #8a1020; }
q, blockquote { font-style: italic; }
dt { font-weight: 600; }
td ul { margin: 0; padding-left: 1.2rem; }
code { font-size: 0.95em; }
`;

function overviewTable(report: ContentReport): SafeHtml {
  const items = report.municipalities[0]?.art13 ?? [];
  return html`<div class="scroll" role="region" aria-labelledby="oversikt-caption" tabindex="0">
<table>
<caption id="oversikt-caption">Hva personvernerklæringene forteller etter personvernforordningen artikkel 13, per kommune</caption>
<thead><tr><th scope="col">Kommune</th>${items.map((i) => html`<th scope="col">Art. ${i.article} <span class="label">${i.label}</span></th>`)}</tr></thead>
<tbody>
${report.municipalities.map((m) => html`<tr><th scope="row"><a href="${`#kommune-${m.id}`}">${m.name}</a></th>${m.art13.map(statusCell)}</tr>\n`)}</tbody>
</table>
</div>`;
}

function evidenceList(r: Art13Result): SafeHtml {
  if (r.parts.length === 1) {
    return r.places.length > 0 ? html`${r.places.map((p, i) => html`${i > 0 ? ', ' : ''}<code>${p}</code>`)}` : html`–`;
  }
  return html`<ul>${r.parts.map(
    (p) => html`<li>${p.label} (${PART_TEXT[p.status]})${p.evidence.length > 0 ? html`: ${[...new Set(p.evidence.map((e) => e.place))].map((place, i) => html`${i > 0 ? ', ' : ''}<code>${place}</code>`)}` : ''}</li>`,
  )}</ul>`;
}

function art13Table(m: MunicipalityReport): SafeHtml {
  return html`<div class="scroll" role="region" aria-labelledby="${`art13-${m.id}`}" tabindex="0">
<table>
<caption id="${`art13-${m.id}`}">${m.name}: artikkel 13 punkt for punkt, med hvor i erklæringen det står</caption>
<thead><tr><th scope="col">Punkt</th><th scope="col">Status</th><th scope="col">Hvor (avsnitt eller kontaktdata)</th><th scope="col">Merknad</th></tr></thead>
<tbody>
${m.art13.map((r) => html`<tr><th scope="row">Art. ${r.article} ${r.label}</th>${statusCell(r)}<td>${evidenceList(r)}</td><td>${r.status === 'present' ? '' : r.note}</td></tr>\n`)}</tbody>
</table>
</div>`;
}

function outdatedTable(m: MunicipalityReport): SafeHtml {
  if (m.outdated.length === 0) return html`<p>Ingen utdaterte opplysninger funnet.</p>`;
  return html`<div class="scroll" role="region" aria-labelledby="${`utdatert-${m.id}`}" tabindex="0">
<table>
<caption id="${`utdatert-${m.id}`}">${m.name}: utdaterte opplysninger</caption>
<thead><tr><th scope="col">Avsnitt</th><th scope="col">Vurdering</th><th scope="col">Setningen i erklæringen</th><th scope="col">Hvorfor</th><th scope="col">Siden</th></tr></thead>
<tbody>
${m.outdated.map((f) => html`<tr><th scope="row"><code>${f.section}</code></th><td>${f.certainty === 'sure' ? 'Utdatert' : 'Kan være utdatert'}</td><td><q>${f.sentence}</q></td><td>${f.why}</td><td>${f.since}</td></tr>\n`)}</tbody>
</table>
</div>`;
}

function qualityRow(f: QualityFinding): SafeHtml {
  return html`<tr><th scope="row"><code>${f.place}</code></th><td class="${`severity-${f.severity}`}">${SEVERITY_TEXT[f.severity]}</td><td>${f.message}${f.excerpt ? html` <q>${f.excerpt}</q>` : ''}</td><td><code>${f.check}</code></td></tr>\n`;
}

function qualityTable(m: MunicipalityReport): SafeHtml {
  if (m.quality.length === 0) return html`<p>Ingen funn.</p>`;
  return html`<div class="scroll" role="region" aria-labelledby="${`kvalitet-${m.id}`}" tabindex="0">
<table>
<caption id="${`kvalitet-${m.id}`}">${m.name}: kvaliteten på innholdet</caption>
<thead><tr><th scope="col">Sted</th><th scope="col">Alvorlighet</th><th scope="col">Funn</th><th scope="col">Kontroll</th></tr></thead>
<tbody>
${m.quality.map(qualityRow)}</tbody>
</table>
</div>`;
}

function municipalitySection(m: MunicipalityReport): SafeHtml {
  return html`<section aria-labelledby="${`kommune-${m.id}`}">
<h2 id="${`kommune-${m.id}`}">${m.name}</h2>
<p>${m.sections} avsnitt i erklæringen (innholdsfilen <code>${`${m.id}.yaml`}</code>).</p>
<h3>Artikkel 13</h3>
${art13Table(m)}
<h3>Utdaterte opplysninger</h3>
${outdatedTable(m)}
<h3>Kvalitet på innholdet</h3>
${qualityTable(m)}
</section>`;
}

export function renderContentReport(report: ContentReport): string {
  const s = report.summary;
  const body = html`<main>
<h1>Innholdskontroll av personvernerklæringene</h1>
<p>Kontrollen viser om hver kommunes personvernerklæring forteller det personvernforordningen (GDPR) artikkel 13 krever, hvilke opplysninger som er utdaterte, og hvordan det står til med kvaliteten på innholdet i chatten. Hull i en erklæring er kommunens å rette; de stopper ikke chatten.</p>
<p>${s.municipalities} kommuner · ${s.art13Gaps} punkter som ikke er fullt oppgitt · ${s.outdated} utdaterte opplysninger · ${s.qualityErrors} feil og ${s.qualityWarnings} advarsler om innholdet.</p>
${overviewTable(report)}
<h2>Slik leser du tabellen</h2>
<dl>
<dt>Oppgitt</dt><dd>Erklæringen sier det (eller kontaktopplysningene som er hentet fra den).</dd>
<dt>Delvis</dt><dd>Noe er sagt, noe mangler. «Bare tagget» betyr at et avsnitt er merket med emnet, men at teksten ikke sier det.</dd>
<dt>Mangler</dt><dd>Erklæringen sier ikke noe om dette.</dd>
<dt>Utdatert</dt><dd>Erklæringen bygger på noe som ikke lenger gjelder.</dd>
<dt>Ikke aktuelt</dt><dd>Kravet gjelder ikke (for eksempel tilbaketrekking av samtykke der samtykke ikke brukes).</dd>
</dl>
${report.municipalities.map(municipalitySection)}
</main>`;
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Innholdskontroll – personvernerklæringer</title>
<style>${CSS}</style>
</head>
<body>
${body.value}
</body>
</html>
`;
}
