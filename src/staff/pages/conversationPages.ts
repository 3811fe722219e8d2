/** The conversation list (filters, paging) and one conversation's transcript. */
import { OUTCOMES, type Outcome } from '../../knowledge/classifier';
import { html, type SafeHtml } from '../../server/pages/html';
import type { ConversationSummary } from '../../storage/types';
import { OUTCOME_LABEL, STATUS_LABEL } from '../labels';
import { STAFF_URLS, withQuery } from '../paths';
import type { ConversationList, ConversationView } from '../service';
import type { BotReply, TranscriptEntry } from '../transcript';
import { csrfField, scrollTable, staffLayout, type PageContext } from './layout';
import { dateField, dateTime, decimal, filterForm, municipalityField, selectField, textField } from './parts';

export interface ConversationFilters {
  outcome?: Outcome | undefined;
  channel?: string | undefined;
  municipality?: string | undefined;
}

function outcomesText(outcomes: ConversationSummary['outcomes']): string {
  const parts = OUTCOMES.filter((o) => (outcomes[o] ?? 0) > 0).map((o) => `${OUTCOME_LABEL[o]}: ${outcomes[o]}`);
  return parts.length > 0 ? parts.join(', ') : '–';
}

export function conversationsPage(context: PageContext, list: ConversationList, filters: ConversationFilters, municipalities: readonly { id: string; name: string }[], deleted = false): string {
  const isAdmin = context.user.role === 'admin';
  const query = { from: list.period.from, to: list.period.to, outcome: filters.outcome, channel: filters.channel, municipality: filters.municipality };
  const form = filterForm(STAFF_URLS.conversations, 'Filtrer samtaler', [
    dateField('from', 'Fra dato', list.period.from),
    dateField('to', 'Til dato', list.period.to),
    selectField('outcome', 'Utfall', [{ value: '', label: 'Alle utfall' }, ...OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] }))], filters.outcome),
    textField('channel', 'Kanal (f.eks. directline, msteams)', filters.channel),
    municipalityField(municipalities, filters.municipality, isAdmin),
  ]);
  const head = html`<tr><th scope="col">Samtale</th><th scope="col">Sist aktiv</th>${isAdmin ? html`<th scope="col">Kommune</th>` : ''}<th scope="col">Kanal</th><th scope="col" class="number">Meldinger</th><th scope="col">Svar fra chatten</th></tr>`;
  const rows = list.conversations.map(
    (c) => html`<tr><th scope="row"><a href="${STAFF_URLS.conversation(c.channelId, c.conversationId)}">Samtale ${c.conversationId.slice(0, 12)}</a></th><td>${dateTime(c.lastAt)}</td>${isAdmin ? html`<td>${context.municipalityName(c.municipality)}</td>` : ''}<td>${c.channelId}</td><td class="number">${c.messages}</td><td>${outcomesText(c.outcomes)}</td></tr>`,
  );
  const pager =
    list.pages > 1
      ? html`<nav class="pager" aria-label="Sider">${list.page > 1 ? html`<a href="${withQuery(STAFF_URLS.conversations, { ...query, page: list.page - 1 })}">Forrige side</a>` : ''}<span>Side ${list.page} av ${list.pages}</span>${list.page < list.pages ? html`<a href="${withQuery(STAFF_URLS.conversations, { ...query, page: list.page + 1 })}">Neste side</a>` : ''}</nav>`
      : '';
  const body = html`${deleted ? html`<p class="notice" role="status">Samtalen er slettet.</p>` : ''}
${form}
<p>${list.total} samtaler fra ${list.period.from} til ${list.period.to}.</p>
${scrollTable('samtaler-tittel', `Samtaler, nyeste først (side ${list.page} av ${list.pages})`, head, rows, 'Ingen samtaler i perioden med disse filtrene.')}
${pager}`;
  return staffLayout({ title: 'Samtaler', body, context, current: 'conversations' });
}

const FEEDBACK_TEXT = { like: '👍 Nyttig', dislike: '👎 Ikke nyttig' } as const;

function replyDetails(context: PageContext, reply: BotReply, showMunicipality: boolean): SafeHtml {
  const sources = reply.sources.length === 0 ? '–' : html`<ul class="variants">${reply.sources.map((s) => html`<li>${s.general ? html`Generelt om personvern (ikke fra erklæringen): ${s.title}` : s.title} <span class="meta">(${s.id})</span></li>`)}</ul>`;
  return html`<dl>
<dt>Utfall</dt><dd>${reply.outcome ? OUTCOME_LABEL[reply.outcome] : '–'}</dd>
<dt>Sikkerhet</dt><dd>${decimal(reply.confidence)}</dd>
<dt>Kilder</dt><dd>${sources}</dd>
${showMunicipality ? html`<dt>Kommune</dt><dd>${context.municipalityName(reply.municipality)}</dd>` : ''}
<dt>Tilbakemelding</dt><dd>${reply.feedback ? FEEDBACK_TEXT[reply.feedback] : 'Ingen'}</dd>
</dl>`;
}

function turn(context: PageContext, entry: TranscriptEntry, showMunicipality: boolean): SafeHtml {
  if (entry.kind === 'resident') {
    return html`<li class="turn turn-resident"><p class="who-said">Innbygger <span class="meta">${dateTime(entry.at)}</span></p><p class="text">${entry.text}</p></li>`;
  }
  return html`<li class="turn turn-bot"><p class="who-said">Chatten <span class="meta">${dateTime(entry.at)}</span></p><p class="text">${entry.text}</p>${replyDetails(context, entry, showMunicipality)}</li>`;
}

function deleteForm(context: PageContext, view: ConversationView): SafeHtml {
  return html`<form method="post" action="${STAFF_URLS.deleteConversation(view.channelId, view.conversationId)}" class="inline-form">
${csrfField(context.csrf)}
<div class="checkbox"><input type="checkbox" id="bekreft-sletting" name="confirm" value="yes" required><label for="bekreft-sletting">Ja, slett hele samtalen for godt</label></div>
<button type="submit" class="button button-danger">Slett samtalen</button>
</form>`;
}

export function transcriptPage(context: PageContext, view: ConversationView): string {
  const likes = view.entries.filter((e) => e.kind === 'bot' && e.feedback === 'like').length;
  const dislikes = view.entries.filter((e) => e.kind === 'bot' && e.feedback === 'dislike').length;
  const requests = view.requests.length === 0 ? 'Ingen' : html`${view.requests.map((r, i) => html`${i > 0 ? ', ' : ''}<a href="${STAFF_URLS.request(r.reference)}">${r.reference}</a> (${STATUS_LABEL[r.status]})`)}`;
  const body = html`<p><a href="${STAFF_URLS.conversations}">Tilbake til samtalene</a></p>
<dl class="details">
<dt>Samtale-id</dt><dd>${view.conversationId}</dd>
<dt>Kanal</dt><dd>${view.channelId}</dd>
<dt>Kommune</dt><dd>${view.municipalities.length > 0 ? view.municipalities.map((m) => context.municipalityName(m)).join(', ') : 'Ingen kommune valgt'}</dd>
<dt>Tilbakemeldinger</dt><dd>${likes} 👍, ${dislikes} 👎</dd>
<dt>Henvendelser fra samtalen</dt><dd>${requests}</dd>
</dl>
<h2>Meldinger</h2>
${view.hidden > 0 ? html`<p class="notice">Innbyggeren byttet kommune i samtalen: ${view.hidden} meldinger som gjelder en annen kommune, vises ikke.</p>` : ''}
<p class="meta">Personopplysninger innbyggeren skrev i skjemaene, er erstattet i loggen; de finnes bare i henvendelsen.</p>
<ol class="transcript">
${view.entries.map((e) => turn(context, e, view.municipalities.length > 1))}
</ol>
<h2>Slett samtalen</h2>
${view.deletable ? deleteForm(context, view) : html`<p>Samtalen gjelder også andre kommuner. Bare en administrator kan slette den.</p>`}`;
  return staffLayout({ title: `Samtale ${view.conversationId.slice(0, 12)}`, body, context, current: 'conversations' });
}
