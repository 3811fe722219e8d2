/** The report of questions the notice did not answer, grouped by similar question. */
import { html } from '../../server/pages/html';
import { STAFF_URLS } from '../paths';
import type { UnansweredReport } from '../service';
import { scrollTable, staffLayout, type PageContext } from './layout';
import { dateField, dateTime, decimal, filterForm, municipalityField } from './parts';

export function unansweredPage(context: PageContext, report: UnansweredReport, selected: string | undefined, municipalities: readonly { id: string; name: string }[]): string {
  const isAdmin = context.user.role === 'admin';
  const form = filterForm(STAFF_URLS.unanswered, 'Velg periode', [
    dateField('from', 'Fra dato', report.period.from),
    dateField('to', 'Til dato', report.period.to),
    municipalityField(municipalities, selected, isAdmin),
  ]);
  const head = html`<tr><th scope="col">Spørsmål</th><th scope="col" class="number">Antall</th>${isAdmin ? html`<th scope="col">Kommune</th>` : ''}<th scope="col">Andre formuleringer</th><th scope="col">Hvorfor</th><th scope="col">Sist stilt</th></tr>`;
  const rows = report.groups.map(
    (g) => html`<tr><th scope="row">${g.question}</th><td class="number">${g.count}</td>${isAdmin ? html`<td>${context.municipalityName(g.municipality)}</td>` : ''}<td>${g.variants.length === 0 ? '–' : html`<ul class="variants">${g.variants.slice(0, 10).map((v) => html`<li>${v.text}${v.count > 1 ? ` (${v.count})` : ''}</li>`)}${g.variants.length > 10 ? html`<li>… og ${g.variants.length - 10} til</li>` : ''}</ul>`}</td><td>${[g.notCovered > 0 ? `${g.notCovered} ikke dekket` : '', g.lowConfidence > 0 ? `${g.lowConfidence} med lav sikkerhet` : ''].filter(Boolean).join(', ')}</td><td><a href="${STAFF_URLS.conversation(g.latest.channelId, g.latest.conversationId)}">${dateTime(g.lastSeen)}<span class="visually-hidden"> (åpne samtalen)</span></a></td></tr>`,
  );
  const body = html`<p>Spørsmål chatten ikke fant svar på i personvernerklæringen (utfallet «ikke dekket»), og svar den ga med sikkerhet under ${decimal(report.threshold)}. Like spørsmål er slått sammen; de som stilles oftest, står først. Bruk listen til å se hva erklæringen eller innholdet bør si mer om.</p>
${form}
${report.truncated ? html`<p class="notice">Perioden har flere samtaler enn rapporten leser på en gang: tallene bygger på de ${report.scanned} nyeste. Velg en kortere periode for fullstendige tall.</p>` : ''}
${scrollTable('ubesvarte-tittel', `Ubesvarte spørsmål ${report.period.from} – ${report.period.to}, flest først`, head, rows, 'Ingen ubesvarte spørsmål i perioden.')}`;
  return staffLayout({ title: 'Ubesvarte spørsmål', body, context, current: 'unanswered' });
}
