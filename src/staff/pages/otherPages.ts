/** Sign-in, the audit log and the error page. */
import { html } from '../../server/pages/html';
import type { AuditEntry } from '../../storage/types';
import { auditActionLabel } from '../labels';
import { STAFF_URLS } from '../paths';
import { scrollTable, staffLayout, type PageContext } from './layout';
import { dateTime, filterForm, municipalityField } from './parts';

export interface LoginForm {
  token: string;
  next?: string | undefined;
  email?: string | undefined;
  error?: string | undefined;
}

export function loginPage(form: LoginForm): string {
  const body = html`${form.error ? html`<p class="error" id="login-feil">${form.error}</p>` : ''}
<form method="post" action="${STAFF_URLS.login}" class="login">
<input type="hidden" name="_csrf" value="${form.token}">
${form.next ? html`<input type="hidden" name="next" value="${form.next}">` : ''}
<div class="field"><label for="email">E-post</label><input type="email" id="email" name="email" autocomplete="username" required value="${form.email ?? ''}"${form.error ? html` aria-describedby="login-feil"` : ''}></div>
<div class="field"><label for="password">Passord</label><input type="password" id="password" name="password" autocomplete="current-password" required></div>
<button type="submit" class="button">Logg inn</button>
</form>
<p class="meta">For ansatte i kommunene. Kontoer opprettes av den som drifter tjenesten.</p>`;
  return staffLayout({ title: 'Logg inn', body });
}

export function auditPage(context: PageContext, entries: readonly AuditEntry[], selected: string | undefined, municipalities: readonly { id: string; name: string }[]): string {
  const isAdmin = context.user.role === 'admin';
  const form = isAdmin ? filterForm(STAFF_URLS.audit, 'Filtrer tilgangsloggen', [municipalityField(municipalities, selected, true)]) : '';
  const head = html`<tr><th scope="col">Tid</th><th scope="col">Hvem</th><th scope="col">Handling</th><th scope="col">Kommune</th><th scope="col">Hva</th></tr>`;
  const rows = entries.map((e) => html`<tr><td>${dateTime(e.at)}</td><td>${e.actor}</td><td>${auditActionLabel(e.action)}</td><td>${e.municipality === '*' ? 'Alle' : context.municipalityName(e.municipality)}</td><td>${e.target ?? '–'}</td></tr>`);
  const body = html`<p>Hvem som har logget inn, åpnet samtaler og henvendelser, endret status og eksportert, og forsøk på å se det man ikke har tilgang til. ${isAdmin ? 'Du ser alle kommuner.' : 'Du ser din kommune.'}</p>
${form}
${scrollTable('logg-tittel', `Tilgangslogg, nyeste først (inntil ${entries.length} oppføringer)`, head, rows, 'Ingen oppføringer.')}`;
  return staffLayout({ title: 'Tilgangslogg', body, context, current: 'audit' });
}

const ERROR_TITLE: Record<number, string> = {
  400: 'Ugyldig forespørsel',
  403: 'Ingen tilgang',
  404: 'Fant ikke siden',
  429: 'For mange forsøk',
};

export function errorPage(status: number, message: string, context?: PageContext): string {
  const body = html`<p>${message}</p>
<p><a href="${context ? STAFF_URLS.conversations : STAFF_URLS.login}">${context ? 'Til samtalene' : 'Til innloggingen'}</a></p>`;
  return staffLayout({ title: ERROR_TITLE[status] ?? 'Noe gikk galt', body, ...(context && { context }) });
}
