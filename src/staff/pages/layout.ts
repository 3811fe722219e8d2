/**
 * The shell of every staff page: language (nb), a skip link, the site header with navigation
 * and sign-out, and the page's main content. No scripts: every action is a plain form.
 */
import { html, type SafeHtml } from '../../server/pages/html';
import { ROLE_LABEL } from '../labels';
import { STAFF_URLS } from '../paths';
import { STAFF_CSS_VERSION } from './styles';
import type { StaffUser } from '../types';

export type NavKey = 'conversations' | 'unanswered' | 'requests' | 'audit';

/** What every signed-in page knows: who is looking, their CSRF token and how to name municipalities. */
export interface PageContext {
  user: StaffUser;
  csrf: string;
  municipalityName(id: string | undefined): string;
}

const NAV: { key: NavKey; href: string; label: string }[] = [
  { key: 'conversations', href: STAFF_URLS.conversations, label: 'Samtaler' },
  { key: 'unanswered', href: STAFF_URLS.unanswered, label: 'Ubesvarte spørsmål' },
  { key: 'requests', href: STAFF_URLS.requests, label: 'Henvendelser' },
  { key: 'audit', href: STAFF_URLS.audit, label: 'Tilgangslogg' },
];

export const SITE_NAME = 'Personvernchatten – for ansatte';

/** The hidden CSRF field every POST form carries. */
export const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${token}">`;

function header(context: PageContext | undefined, current: NavKey | undefined): SafeHtml {
  if (!context) return html`<header class="site-header"><div class="inner"><p class="site-name">${SITE_NAME}</p></div></header>`;
  const { user } = context;
  const scope = user.role === 'admin' ? 'alle kommuner' : context.municipalityName(user.municipality);
  return html`<header class="site-header"><div class="inner">
  <p class="site-name">${SITE_NAME}</p>
  <nav class="site-nav" aria-label="Hovedmeny"><ul>
    ${NAV.map((item) => html`<li><a href="${item.href}"${item.key === current ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}
  </ul></nav>
  <div class="who">
    <span>${user.email} (${ROLE_LABEL[user.role]}, ${scope})</span>
    <form method="post" action="${STAFF_URLS.logout}">${csrfField(context.csrf)}<button type="submit" class="button button-secondary">Logg ut</button></form>
  </div>
</div></header>`;
}

export interface StaffPage {
  title: string;
  body: SafeHtml;
  context?: PageContext;
  current?: NavKey;
}

export function staffLayout(page: StaffPage): string {
  return `<!doctype html>\n${html`<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} – ${SITE_NAME}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${`${STAFF_URLS.css}?v=${STAFF_CSS_VERSION}`}">
</head>
<body>
<a class="skip-link" href="#hovedinnhold">Hopp til hovedinnholdet</a>
${header(page.context, page.current)}
<main id="hovedinnhold" tabindex="-1">
<h1>${page.title}</h1>
${page.body}
</main>
</body>
</html>
`.value}`;
}

/** A table in a focusable scroll region, labelled by its caption, so wide tables work on small screens. */
export function scrollTable(id: string, caption: SafeHtml | string, head: SafeHtml, rows: SafeHtml[], empty: string): SafeHtml {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  return html`<div class="scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table>
<caption id="${id}">${caption}</caption>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}
