/**
 * The resident-facing pages in a real browser: the real server (content/, Direct Line, bot)
 * on a random port, Debian's Chromium driven by playwright-core, axe-core for accessibility.
 *
 * Chromium is required: without it these tests fail with a message saying how to install it
 * (CI installs it), rather than skipping and letting a broken chat page through.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, seriousViolations, WAIT } from './support';
import express from 'express';
import { testServerConfig } from '../helpers';
import { municipalitySchema } from '../../src/content/schema';
import { createPagesRouter } from '../../src/server/pages/router';
import { startServer, type RunningServer } from '../../src/server/startServer';



/** What chat.js keeps in sessionStorage for a municipality. */
interface StoredSession {
  conversationId: string;
  token: string;
  expiresAt: number;
  watermark: string | null;
}

async function storedSession(page: Page, municipality: string): Promise<StoredSession | null> {
  // A string expression: this project's TypeScript has no DOM types (it runs in Node).
  const raw: unknown = await page.evaluate(`window.sessionStorage.getItem(${JSON.stringify(`personvern-bot:conversation:${municipality}`)})`);
  return typeof raw === 'string' ? (JSON.parse(raw) as StoredSession) : null;
}

const textbox = (page: Page): Locator => page.getByRole('textbox', { name: 'Meldingsboks' });
/** The messages in Web Chat's transcript (each an article with "Chatten svarte:" / "Du skreiv:"). */
const transcript = (page: Page): Locator => page.locator('#webchat [role="feed"]');

async function waitForWelcome(page: Page): Promise<void> {
  await transcript(page).getByText(/Hei! Eg svarar på spørsmål om personvern/).first().waitFor(WAIT);
}

async function ask(page: Page, question: string): Promise<void> {
  await textbox(page).fill(question);
  await textbox(page).press('Enter');
}


describe('chat pages in a browser', function () {
  this.timeout(90_000);
  let running: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
    running = await startServer(testServerConfig());
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1000, height: 900 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      // A blocked script or style would break the page silently: fail on any CSP report.
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) pageErrors.push(msg.text());
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const name = (this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: `/tmp/personvern-chat-${name}.png`, fullPage: true }).catch(() => undefined);
    }
    await context.close();
  });

  it('shows the welcome and answers from the municipality notice with its source', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    assert.equal(await page.title(), 'Spør om personvern – Stranda kommune');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Spør om personvern i Stranda kommune');
    await waitForWelcome(page);

    await ask(page, 'Kven er personvernombodet?');
    const reply = transcript(page).getByRole('article').filter({ hasText: 'personvernombud@ikamr.no' }).last();
    await reply.waitFor(WAIT);
    assert.match(await reply.innerText(), /Kjelde:/);

    // Web Chat announces new messages from its own live region: nothing on our page may hide it.
    const liveRegions = (await page.evaluate(`Array.from(document.querySelectorAll('#webchat [aria-live]'))
      .filter((el) => el.getAttribute('aria-live') !== 'off' && !el.closest('[aria-hidden="true"]'))
      .length`)) as number;
    assert.ok(liveRegions > 0, 'Web Chat has a live region that screen readers can hear');
    assert.deepEqual(pageErrors, []);
  });

  it('lets the resident rate an answer 👍/👎, sent to the bot as a messageReaction on that answer', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    await ask(page, 'Kven er personvernombodet?');
    const reply = transcript(page).getByRole('article').filter({ hasText: 'personvernombud@ikamr.no' }).last();
    await reply.waitFor(WAIT);
    // Web Chat shows the thumbs under the answer, with nynorsk names from strings.js.
    await page.getByRole('button', { name: 'Nyttig', exact: true }).last().click();
    const conversationId = (await storedSession(page, 'stranda'))!.conversationId;
    const conversation = running.directLine.store.get(conversationId)!;
    let reaction: Partial<Activity> | undefined;
    for (let waited = 0; !reaction && waited < 10_000; waited += 100) {
      reaction = running.directLine.store.since(conversation, 0).activities.find((a) => a.type === 'messageReaction');
      if (!reaction) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(reaction, 'a messageReaction reached the server');
    const answer = running.directLine.store.since(conversation, 0).activities.find((a) => a.id === reaction!.replyToId);
    assert.match(answer?.text ?? '', /personvernombud@ikamr\.no/, 'on the answer that was rated');
    assert.deepEqual(reaction.reactionsAdded, [{ type: 'like' }]);
    assert.deepEqual(pageErrors, []);
  });

  it('downloads the conversation as the municipality keeps it, with "Last ned samtalen"', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    await ask(page, 'Kven er personvernombodet? Svar til kari@eksempel.no');
    await transcript(page).getByRole('article').filter({ hasText: 'Kjelde:' }).last().waitFor(WAIT);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned samtalen' }).click()]);
    assert.match(download.suggestedFilename(), /^samtale-\d{4}-\d{2}-\d{2}\.txt$/);
    const text = readFileSync((await download.path())!, 'utf8');
    assert.match(text, /Du \/ You:\nKven er personvernombodet\? Svar til \[e-post\]/, 'masked as archived');
    assert.match(text, /personvernombud@ikamr\.no/, 'with the bot answers');
    assert.deepEqual(pageErrors, []);
  });

  it('fits a 320 px wide screen without sideways scrolling (WCAG 1.4.10)', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/chat/stranda', '/', '/tilgjengelighetserklaering']) {
      await page.goto(`${running.url}${path}`);
      if (path.startsWith('/chat/')) {
        await waitForWelcome(page);
        await ask(page, 'Kven er personvernombodet?');
        await transcript(page).getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
        // The send box stays reachable on the small screen.
        await textbox(page).scrollIntoViewIfNeeded(WAIT);
        assert.ok(await textbox(page).isVisible());
      }
      const [scrollWidth, clientWidth] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
      assert.ok(scrollWidth <= clientWidth, `${path}: ${scrollWidth} px wide in a ${clientWidth} px window`);
    }
  });

  it('has no serious or critical axe violations on the chat page, the list and the statement', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    // With a question and an answer, the user's bubble and a reply are checked too.
    await ask(page, 'Kven er personvernombodet?');
    await transcript(page).getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'chat page (nn)');

    await page.goto(`${running.url}/chat/askim`);
    await transcript(page).getByRole('article').first().waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'chat page (nb)');

    await page.goto(`${running.url}/`);
    assert.deepEqual(await seriousViolations(page), [], 'list page');

    await page.goto(`${running.url}/tilgjengelighetserklaering?kommune=stranda`);
    assert.deepEqual(await seriousViolations(page), [], 'accessibility statement');

    // The delete dialog, open.
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    await page.getByRole('button', { name: 'Slett samtalen' }).click();
    await page.getByRole('dialog', { name: 'Vil du slette samtalen?' }).waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'delete dialog');
  });

  it('works with the keyboard only: Tab reaches the delete button and the text box, Enter sends', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);

    const visited: string[] = [];
    let reachedTextbox = false;
    for (let i = 0; i < 20 && !reachedTextbox; i += 1) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(`(() => {
        const el = document.activeElement;
        if (!el) return { label: '', outline: 'none' };
        // The text box's focus ring is drawn on the box around it (chat.css).
        const ringed = el.closest('.webchat__send-box-text-box') || el;
        return { label: el.getAttribute('aria-label') || (el.textContent || '').trim(), outline: getComputedStyle(ringed).outlineStyle };
      })()`)) as { label: string; outline: string };
      visited.push(focused.label);
      if (focused.label === 'Meldingsboks') {
        reachedTextbox = true;
        assert.notEqual(focused.outline, 'none', 'the focused text box shows a focus outline');
      }
    }
    assert.ok(visited.includes('Slett samtalen'), `Tab order: ${visited.join(' → ')}`);
    assert.ok(reachedTextbox, `Tab order: ${visited.join(' → ')}`);

    await page.keyboard.type('Kven er personvernombodet?');
    await page.keyboard.press('Enter');
    await transcript(page).getByRole('article').filter({ hasText: 'personvernombud@ikamr.no' }).first().waitFor(WAIT);
  });

  it('keeps the conversation when the page is reloaded in the same tab', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    await ask(page, 'Kven er personvernombodet?');
    await transcript(page).getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
    const before = await storedSession(page, 'stranda');
    assert.ok(before?.conversationId, 'the conversation is stored in sessionStorage');
    assert.match(before.watermark ?? '', /^\d+$/, 'the last watermark is stored');

    await page.reload();
    await transcript(page).getByText('Kven er personvernombodet?').first().waitFor(WAIT);
    await transcript(page).getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
    const after = await storedSession(page, 'stranda');
    assert.equal(after?.conversationId, before.conversationId, 'same conversation after reload');
    // The replayed question is shown as the resident's, not as the bot's.
    const mine = transcript(page).getByRole('article', { name: 'Du skreiv: Kven er personvernombodet?' });
    assert.equal(await mine.count(), 1);
    assert.deepEqual(pageErrors, []);
  });

  it('deletes the conversation on the server and starts a new one after "Slett samtalen"', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    await ask(page, 'Kven er personvernombodet?');
    await transcript(page).getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
    const old = await storedSession(page, 'stranda');
    assert.ok(old);

    // Cancelling keeps everything.
    await page.getByRole('button', { name: 'Slett samtalen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
    assert.equal((await storedSession(page, 'stranda'))?.conversationId, old.conversationId);

    await page.getByRole('button', { name: 'Slett samtalen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Slett', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Samtalen er sletta.' }).waitFor(WAIT);
    await waitForWelcome(page);
    assert.equal(await transcript(page).getByText('Kven er personvernombodet?').count(), 0, 'the old question is gone');

    const fresh = await storedSession(page, 'stranda');
    assert.ok(fresh && fresh.conversationId !== old.conversationId, 'a new conversation');
    // The old conversation is gone from the server, not just from the page.
    const res = await fetch(`${running.url}/v3/directline/conversations/${old.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${old.token}` },
    });
    assert.equal(res.status, 404);
    assert.deepEqual(pageErrors, []);
  });

  it('starts a new conversation when the stored one cannot be resumed (deleted, or the server restarted)', async () => {
    await page.goto(`${running.url}/chat/stranda`);
    await waitForWelcome(page);
    const stale = { conversationId: 'gone', token: 'not-a-valid-token', expiresAt: Date.now() + 3_600_000, expiresIn: 3600, userId: 'r_test', connected: true, watermark: '3', lastActivityId: 'gone|0000003' };
    await page.evaluate(`window.sessionStorage.setItem('personvern-bot:conversation:stranda', ${JSON.stringify(JSON.stringify(stale))})`);
    await page.reload();
    await waitForWelcome(page);
    const fresh = await storedSession(page, 'stranda');
    assert.ok(fresh && fresh.conversationId !== 'gone', 'a new conversation replaced the stale one');
    await ask(page, 'Kven er personvernombodet?');
    await transcript(page).getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
  });

  it('embeds in a municipality site with embed.js (a cross-origin iframe)', async () => {
    // The "municipality site": another origin (localhost vs 127.0.0.1) with the embed snippet.
    const chatOrigin = running.url;
    const host = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="nn"><head><title>Stranda kommune</title></head><body><h1>Personvern</h1>
<script src="${chatOrigin}/assets/embed.js" data-municipality="stranda" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = host.address() as AddressInfo;
      await page.goto(`http://localhost:${port}/`);
      const frame = page.frameLocator('iframe[title="Chat om personvern"]');
      await frame.getByText(/Hei! Eg svarar på spørsmål om personvern/).first().waitFor(WAIT);
      await frame.getByRole('textbox', { name: 'Meldingsboks' }).fill('Kven er personvernombodet?');
      await frame.getByRole('textbox', { name: 'Meldingsboks' }).press('Enter');
      await frame.getByText('personvernombud@ikamr.no').first().waitFor(WAIT);
      // In the frame, the statement opens in a new tab and says so; "other municipalities" is left out.
      const statement = frame.getByRole('link', { name: 'Tilgjengelegheitserklæring (blir opna i ny fane)' });
      assert.equal(await statement.getAttribute('target'), '_blank');
      assert.equal(await frame.getByRole('link', { name: 'Andre kommunar' }).count(), 0);
    } finally {
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });

  it('speaks nynorsk on an nn municipality page and bokmål on an nb one', async () => {
    await page.goto(`${running.url}/chat/sveio`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nn');
    await textbox(page).waitFor(WAIT);
    assert.equal(await textbox(page).getAttribute('placeholder'), 'Skriv spørsmålet ditt');
    // A string that differs between the two målformer: Web Chat's label of the chat history.
    await page.getByRole('group', { name: 'Samtalen. Bruk piltastane for å gå mellom meldingane.' }).waitFor(WAIT);
    assert.equal(await page.getByRole('link', { name: 'Tilgjengelegheitserklæring' }).count(), 1);

    await page.goto(`${running.url}/chat/askim`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nb');
    await page.getByRole('group', { name: 'Samtalen. Bruk piltastene for å gå mellom meldingene.' }).waitFor(WAIT);
    assert.equal(await page.getByRole('link', { name: 'Tilgjengelighetserklæring' }).count(), 1);
  });
});

describe('chat pages over HTTP', () => {
  let running: RunningServer;
  before(async () => {
    running = await startServer(testServerConfig());
  });
  after(async () => running?.close());

  it('lists the municipalities in bokmål with links to their chat pages', async () => {
    const res = await fetch(`${running.url}/`);
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.match(body, /<html lang="nb">/);
    assert.match(body, /<a href="\/chat\/stranda">Stranda kommune<\/a>/);
    assert.match(body, /<a href="\/tilgjengelighetserklaering">/);
  });

  it('shows the content report: each notice against GDPR Art. 13, linked from the list', async () => {
    assert.match(await (await fetch(`${running.url}/`)).text(), /<a href="\/innholdsrapport">/);
    const res = await fetch(`${running.url}/innholdsrapport`);
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.match(body, /<table/);
    assert.match(body, /Privacy Shield/);
    assert.match(body, /sveio/i);
  });

  it('answers an unknown municipality with a 404 page', async () => {
    const res = await fetch(`${running.url}/chat/finnes-ikke`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /<html lang="nb">[\s\S]*Fant ikke siden/);
  });

  it('serves Web Chat from node_modules with long caching for the versioned URL', async () => {
    const page = await (await fetch(`${running.url}/chat/stranda`)).text();
    const src = /<script src="(\/assets\/webchat\.js\?v=[^"]+)"/.exec(page)?.[1];
    assert.ok(src, 'the chat page loads webchat.js');
    const res = await fetch(`${running.url}${src}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000/);
    assert.ok((await res.arrayBuffer()).byteLength > 1_000_000);
    assert.equal((await fetch(`${running.url}/assets/nope.js`)).status, 404);
  });

  it('escapes content in the pages and links the notice only when its URL is known', async () => {
    const tricky = municipalitySchema.parse({
      id: 'tricky',
      name: 'Tr<i>cky "kommune" & co',
      målform: 'nb',
      url: 'https://example.kommune.no/personvern?a=1&b=2',
      controller: 'Tricky kommune',
      contacts: { service_office: { name: '<b>Servicetorget</b>', email: 'post@example.kommune.no' } },
      sections: [{ id: 'om', title: 'Om', text: 'Tekst.' }],
    });
    const app = express();
    app.use(createPagesRouter({ municipalities: [tricky] }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const chat = await (await fetch(`${base}/chat/tricky`)).text();
      assert.match(chat, /<title>Spør om personvern – Tr&lt;i&gt;cky &quot;kommune&quot; &amp; co<\/title>/);
      assert.match(chat, /<a href="https:\/\/example\.kommune\.no\/personvern\?a=1&amp;b=2" data-embedded-target="_blank">Les hele personvernerklæringen<\/a>/);
      assert.match(chat, /&lt;b&gt;Servicetorget&lt;\/b&gt;/);
      assert.doesNotMatch(chat, /<i>|<b>/);
      const list = await (await fetch(`${base}/`)).text();
      assert.match(list, /Tr&lt;i&gt;cky/);
    } finally {
      server.close();
    }
  });

  it('names the municipality and its contact in the accessibility statement', async () => {
    const body = await (await fetch(`${running.url}/tilgjengelighetserklaering?kommune=sveio`)).text();
    assert.match(body, /WCAG 2\.1/);
    assert.match(body, /postmottak@sveio\.kommune\.no/);
    assert.match(body, /uutilsynet\.no/);
  });
});
