/** The request queue (status, deadline, days left, delivery; CSV export) and one request. */
import { html, type SafeHtml } from '../../server/pages/html';
import { DELIVERY_LABEL, DELIVERY_STATE_LABEL, KIND_LABEL, rightLabel, STATUS_LABEL } from '../labels';
import { STAFF_URLS, withQuery } from '../paths';
import { REQUEST_STATUSES } from '../queries';
import { daysLeftText, type QueueRow } from '../requestQueue';
import { csrfField, scrollTable, staffLayout, type PageContext } from './layout';
import { dateTime, filterForm, municipalityField, selectField } from './parts';

export interface RequestFilters {
  status?: string | undefined;
  municipality?: string | undefined;
}

const STATUS_FILTER = [{ value: '', label: 'Alle' }, { value: 'open', label: 'Åpne (ny og under behandling)' }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))];

function kindText(row: QueueRow): string {
  const r = row.request;
  return r.right ? `${KIND_LABEL[r.kind]}: ${rightLabel(r.right)}` : KIND_LABEL[r.kind];
}

function daysLeftCell(row: QueueRow): SafeHtml {
  return row.overdue ? html`<td class="overdue">${daysLeftText(row)}</td>` : html`<td>${daysLeftText(row)}</td>`;
}

function deliveryCell(row: QueueRow): SafeHtml {
  return html`<td${row.delivery === 'failed' ? html` class="failed"` : ''}>${DELIVERY_LABEL[row.delivery]}</td>`;
}

export function requestsPage(context: PageContext, rows: readonly QueueRow[], filters: RequestFilters, municipalities: readonly { id: string; name: string }[]): string {
  const isAdmin = context.user.role === 'admin';
  const form = filterForm(STAFF_URLS.requests, 'Filtrer henvendelser', [selectField('status', 'Status', STATUS_FILTER, filters.status), municipalityField(municipalities, filters.municipality, isAdmin)]);
  const overdue = rows.filter((r) => r.overdue).length;
  const failed = rows.filter((r) => r.delivery === 'failed').length;
  const head = html`<tr><th scope="col">Referanse</th><th scope="col">Type</th>${isAdmin ? html`<th scope="col">Kommune</th>` : ''}<th scope="col">Mottatt</th><th scope="col">Frist</th><th scope="col">Dager igjen</th><th scope="col">Status</th><th scope="col">Levering</th></tr>`;
  const body = html`${form}
<p>${rows.length} henvendelser. ${overdue > 0 ? html`<strong>${overdue} har passert fristen.</strong> ` : ''}${failed > 0 ? html`<strong>${failed} kunne ikke leveres til kommunen.</strong> ` : ''}Fristen er én måned etter mottak (personvernforordningen art. 12 nr. 3).</p>
<p><a href="${withQuery(STAFF_URLS.requestsCsv, { status: filters.status, municipality: filters.municipality })}" download>Last ned som CSV (for Excel)</a></p>
${scrollTable(
  'henvendelser-tittel',
  'Henvendelser, nyeste først',
  head,
  rows.map(
    (row) => html`<tr><th scope="row"><a href="${STAFF_URLS.request(row.request.reference)}">${row.request.reference}</a></th><td>${kindText(row)}</td>${isAdmin ? html`<td>${context.municipalityName(row.request.municipality)}</td>` : ''}<td>${dateTime(row.request.createdAt)}</td><td>${row.request.deadline}</td>${daysLeftCell(row)}<td>${STATUS_LABEL[row.request.status]}</td>${deliveryCell(row)}</tr>`,
  ),
  'Ingen henvendelser med dette filteret.',
)}`;
  return staffLayout({ title: 'Henvendelser', body, context, current: 'requests' });
}

export function requestPage(context: PageContext, row: QueueRow, updated: boolean): string {
  const r = row.request;
  const deliveries = r.deliveries.map(
    (d) => html`<tr><th scope="row">${d.channel === 'email' ? 'E-post' : 'Webhook'}</th><td${d.state === 'failed' ? html` class="failed"` : ''}>${DELIVERY_STATE_LABEL[d.state]}</td><td class="number">${d.attempts}</td><td>${d.lastError ?? '–'}</td><td>${dateTime(d.deliveredAt)}</td></tr>`,
  );
  const conversation = r.conversationId && r.channel ? html`<a href="${STAFF_URLS.conversation(r.channel, r.conversationId)}">Åpne samtalen</a>` : '–';
  const body = html`<p><a href="${STAFF_URLS.requests}">Tilbake til henvendelsene</a></p>
${updated ? html`<p class="notice" role="status">Status er endret til «${STATUS_LABEL[r.status]}».</p>` : ''}
<dl class="details">
<dt>Type</dt><dd>${kindText(row)}</dd>
<dt>Kommune</dt><dd>${context.municipalityName(r.municipality)}</dd>
<dt>Mottatt</dt><dd>${dateTime(r.createdAt)}</dd>
<dt>Frist</dt><dd>${r.deadline}</dd>
<dt>Dager igjen</dt><dd${row.overdue ? html` class="overdue"` : ''}>${daysLeftText(row)}</dd>
<dt>Status</dt><dd>${STATUS_LABEL[r.status]}</dd>
<dt>Levering til kommunen</dt><dd${row.delivery === 'failed' ? html` class="failed"` : ''}>${DELIVERY_LABEL[row.delivery]}</dd>
<dt>Navn</dt><dd>${r.name}</dd>
<dt>Vil ha svar på</dt><dd>${r.replyTo.method === 'email' ? 'E-post' : 'Telefon'}: ${r.replyTo.address}</dd>
<dt>Språk</dt><dd>${r.language}</dd>
<dt>Gjelder</dt><dd>${r.details}</dd>
<dt>Samtale</dt><dd>${conversation}</dd>
</dl>
<h2>Endre status</h2>
<form method="post" action="${STAFF_URLS.requestStatus(r.reference)}" class="inline-form">
${csrfField(context.csrf)}
${selectField('status', 'Ny status', REQUEST_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })), r.status)}
<button type="submit" class="button">Lagre status</button>
</form>
<h2>Levering</h2>
${scrollTable('levering-tittel', 'Levering per kanal', html`<tr><th scope="col">Kanal</th><th scope="col">Tilstand</th><th scope="col" class="number">Forsøk</th><th scope="col">Siste feil</th><th scope="col">Levert</th></tr>`, deliveries, 'Ingen leveringer registrert.')}`;
  return staffLayout({ title: `Henvendelse ${r.reference}`, body, context, current: 'requests' });
}
