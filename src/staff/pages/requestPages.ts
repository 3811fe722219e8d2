/** The request queue (status, deadline, days left, delivery; CSV export) and one request. */
import type { StoredRequest } from '../../requests/types';
import { html, type SafeHtml } from '../../server/pages/html';
import { CHANNEL_LABEL, DELIVERY_LABEL, DELIVERY_STATE_LABEL, KIND_LABEL, rightLabel, STATUS_LABEL } from '../labels';
import { STAFF_URLS, withQuery } from '../paths';
import { REQUEST_STATUSES } from '../queries';
import { daysLeftText, hadNoChannel, redeliverable, type QueueRow, type RedeliveryOutcome } from '../requestQueue';
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

/** What a form that sent staff back to the request page did. */
export interface RequestNotices {
  updated: boolean;
  redelivered: RedeliveryOutcome | undefined;
}

const NO_CHANNEL_TEXT = 'Kommunen hadde verken e-postadresse eller webhook for henvendelser da denne kom inn, så den kan ikke sendes på nytt herfra. Send den til kommunen på annen måte.';

const notice = (text: SafeHtml | string) => html`<p class="notice" role="status">${text}</p>`;
const problem = (text: SafeHtml | string) => html`<p class="error" role="status">${text}</p>`;

/** How "Send på nytt" went, told from the deliveries as they stand after the attempt. */
function redeliveryNotice(request: StoredRequest, outcome: RedeliveryOutcome | undefined): SafeHtml | '' {
  switch (outcome) {
    case undefined:
      return '';
    case 'no_channel':
      return problem(NO_CHANNEL_TEXT);
    case 'nothing_failed':
      return notice('Ingen levering hadde feilet, så ingenting ble sendt på nytt.');
    case 'sent': {
      const failed = request.deliveries.filter((d) => d.state === 'failed');
      if (failed.length > 0) {
        const errors = failed.map((d) => `${CHANNEL_LABEL[d.channel]}: ${d.lastError ?? 'ukjent feil'}`).join('; ');
        return problem(`Henvendelsen ble sendt på nytt, men leveringen feilet igjen (${errors}). Rett feilen og prøv igjen.`);
      }
      if (request.deliveries.every((d) => d.state === 'delivered')) return notice('Henvendelsen er sendt på nytt og levert til kommunen.');
      return notice('Henvendelsen er sendt på nytt, men er ikke levert ennå. Den prøves igjen automatisk; se tilstanden under.');
    }
  }
}

/** The "Send på nytt" button when a delivery failed and had somewhere to go; else why there is none. */
function redeliveryForm(context: PageContext, request: StoredRequest): SafeHtml | '' {
  if (request.deliveries.some(redeliverable)) {
    return html`<p id="send-igjen-forklaring">Når feilen er rettet (for eksempel at kommunens mottak var nede eller webhook-hemmeligheten manglet), kan du sende henvendelsen på nytt. Den går til samme mottaker med samme referanse, så en mottaker som likevel fikk den første gang, kjenner den igjen.</p>
<form method="post" action="${STAFF_URLS.requestRedeliver(request.reference)}">
${csrfField(context.csrf)}
<button type="submit" class="button" aria-describedby="send-igjen-forklaring">Send på nytt</button>
</form>`;
  }
  return hadNoChannel(request) ? problem(NO_CHANNEL_TEXT) : '';
}

export function requestPage(context: PageContext, row: QueueRow, notices: RequestNotices): string {
  const r = row.request;
  const deliveries = r.deliveries.map(
    (d) => html`<tr><th scope="row">${CHANNEL_LABEL[d.channel]}</th><td${d.state === 'failed' ? html` class="failed"` : ''}>${DELIVERY_STATE_LABEL[d.state]}</td><td class="number">${d.attempts}</td><td>${d.lastError ?? '–'}</td><td>${dateTime(d.deliveredAt)}</td></tr>`,
  );
  const conversation = r.conversationId && r.channel ? html`<a href="${STAFF_URLS.conversation(r.channel, r.conversationId)}">Åpne samtalen</a>` : '–';
  const body = html`<p><a href="${STAFF_URLS.requests}">Tilbake til henvendelsene</a></p>
${notices.updated ? notice(`Status er endret til «${STATUS_LABEL[r.status]}».`) : ''}
${redeliveryNotice(r, notices.redelivered)}
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
${scrollTable('levering-tittel', 'Levering per kanal', html`<tr><th scope="col">Kanal</th><th scope="col">Tilstand</th><th scope="col" class="number">Forsøk</th><th scope="col">Siste feil</th><th scope="col">Levert</th></tr>`, deliveries, 'Ingen leveringer registrert.')}
${redeliveryForm(context, r)}`;
  return staffLayout({ title: `Henvendelse ${r.reference}`, body, context, current: 'requests' });
}
