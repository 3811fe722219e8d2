/**
 * GET /: the municipalities this server answers for, each a link to its chat page. In bokmål;
 * the chat pages themselves speak each municipality's målform.
 */
import type { Municipality } from '../../content/schema';
import type { Assets } from './assets';
import { STATEMENT_PATH } from './chatPage';
import { html } from './html';
import { layout } from './layout';

export function listPage(municipalities: readonly Municipality[], assets: Assets): string {
  const sorted = [...municipalities].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const body = html`<header class="page-header">
  <h1>Spør om personvern i kommunen din</h1>
</header>
<main class="page-main">
  <p>Velg kommunen din. Chatten svarer på spørsmål om hvordan kommunen behandler personopplysninger, ut fra personvernerklæringen til kommunen du velger.</p>
  <ul class="municipality-list">
    ${sorted.map((m) => html`<li><a href="${`/chat/${encodeURIComponent(m.id)}`}">${m.name}</a></li>\n    `)}
  </ul>
</main>
<footer class="page-footer">
  <p><a href="${STATEMENT_PATH}">Tilgjengelighetserklæring</a> · <a href="/innholdsrapport">Innholdsrapport: personvernerklæringene mot GDPR art. 13</a></p>
</footer>`;
  return layout({ lang: 'nb', title: 'Spør om personvern i kommunen din', stylesheet: assets.url('chat.css'), body });
}

export function notFoundPage(assets: Assets): string {
  const body = html`<header class="page-header">
  <h1>Fant ikke siden</h1>
</header>
<main class="page-main">
  <p>Vi har ingen chat for denne kommunen. <a href="/">Se kommunene som har chat om personvern</a>.</p>
</main>`;
  return layout({ lang: 'nb', title: 'Fant ikke siden – Spør om personvern', stylesheet: assets.url('chat.css'), body });
}
