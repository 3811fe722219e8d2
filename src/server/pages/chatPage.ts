/**
 * GET /chat/:municipality: the chat page for one municipality, in its målform. The page is
 * complete without JavaScript except for the chat itself; chat.js reads its configuration from
 * the container's data-* attributes (the CSP forbids inline scripts).
 */
import type { Municipality } from '../../content/schema';
import type { Assets } from './assets';
import { contactLine, serviceContact } from './contact';
import { html, safeHref } from './html';
import { layout } from './layout';
import { CHAT_PAGE_STRINGS, fill } from './strings';

/** Web Chat's locale for each målform (Web Chat has no nn-NO strings; strings.js supplies them). */
export const WEBCHAT_LOCALE = { nb: 'nb-NO', nn: 'nn-NO' } as const;

export const TOKEN_PATH = '/api/chat/token';
export const DIRECT_LINE_PATH = '/v3/directline';
export const STATEMENT_PATH = '/tilgjengelighetserklaering';

export function chatPage(municipality: Municipality, assets: Assets): string {
  const lang = municipality.målform;
  const t = CHAT_PAGE_STRINGS[lang];
  const name = municipality.name;
  const noticeUrl = safeHref(municipality.url);
  const contact = serviceContact(municipality);
  const statementUrl = `${STATEMENT_PATH}?kommune=${encodeURIComponent(municipality.id)}`;

  const body = html`<div class="chat-layout">
<header class="chat-header">
  <h1>${fill(t.heading, { name })}</h1>
  <p class="intro">${t.intro}</p>
  <p class="intro warning">${t.noPersonalData}</p>
  <nav class="links" aria-label="${t.linksLabel}">
    <ul>
      ${noticeUrl ? html`<li><a href="${noticeUrl}" data-embedded-target="_blank">${t.noticeLink}</a></li>` : ''}
      <li><a href="${statementUrl}" hreflang="nb" data-embedded-target="_blank">${t.statementLink}</a></li>
      <li data-embedded-hide><a href="/">${t.otherMunicipalities}</a></li>
    </ul>
  </nav>
</header>
<main class="chat-main">
  <div class="chat-toolbar">
    <button type="button" id="download-conversation" class="button button-secondary">${t.downloadButton}</button>
    <button type="button" id="delete-conversation" class="button button-secondary">${t.deleteButton}</button>
    <p id="chat-status" class="status" role="status" aria-live="polite"></p>
  </div>
  <section class="chat" aria-labelledby="chat-heading">
    <h2 id="chat-heading" class="visually-hidden">${t.chatRegion}</h2>
    <div id="webchat" class="webchat"
      data-municipality="${municipality.id}"
      data-malform="${lang}"
      data-locale="${WEBCHAT_LOCALE[lang]}"
      data-token-url="${TOKEN_PATH}"
      data-directline-path="${DIRECT_LINE_PATH}"
      data-msg-deleted="${t.deleted}"
      data-msg-delete-failed="${t.deleteFailed}"
      data-msg-download-failed="${t.downloadFailed}"
      data-msg-connect-failed="${t.connectFailed}"
      data-msg-new-window="${t.newWindow}">
      <p class="loading">${t.loading}</p>
    </div>
    <noscript><p class="noscript">${t.noScript}</p></noscript>
  </section>
</main>
${contact ? html`<footer class="chat-footer"><p>${t.contactLead} ${contactLine(contact)}</p></footer>` : ''}
</div>
<dialog id="delete-dialog" class="dialog" aria-labelledby="delete-dialog-title" aria-describedby="delete-dialog-text">
  <form method="dialog">
    <h2 id="delete-dialog-title">${t.deleteDialogTitle}</h2>
    <p id="delete-dialog-text">${t.deleteDialogText}</p>
    <div class="dialog-buttons">
      <button type="submit" value="cancel" class="button button-secondary">${t.deleteCancel}</button>
      <button type="submit" value="confirm" class="button button-danger">${t.deleteConfirm}</button>
    </div>
  </form>
</dialog>`;

  return layout({
    lang,
    title: fill(t.title, { name }),
    stylesheet: assets.url('chat.css'),
    // Order matters: Web Chat, then the strings, then our script that uses both.
    scripts: [assets.url('webchat.js'), assets.url('strings.js'), assets.url('chat.js')],
    bodyClass: 'chat-page',
    body,
  });
}
