/**
 * The staff pages in a real browser (Debian's Chromium through playwright-core): signing in with
 * the keyboard only, opening a conversation, changing a request's status, and axe-core on every
 * page (no serious or critical violations). Like test/browser/chat.test.ts, a missing Chromium
 * fails the test with a message instead of skipping it.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, seriousViolations, WAIT } from '../browser/support';
import { failedRequest, PASSWORD, sampleRequest, startStaffServer, USERS, type StaffServer } from './support';




interface Focused {
  tag: string;
  id: string;
  text: string;
  outline: string;
}

/** What has focus, and whether it shows a focus outline. A string expression: no DOM types here. */
async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return { tag: '', id: '', text: '', outline: 'none' };
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim(), outline: getComputedStyle(el).outlineStyle };
  })()`)) as Focused;
}

/** Presses Tab until `match` has focus (at most 40 times); every stop must show a focus outline. */
async function tabTo(page: Page, match: (f: Focused) => boolean, what: string): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    visited.push(f.id || f.text || f.tag);
    assert.notEqual(f.outline, 'none', `${f.tag}#${f.id} "${f.text}" has a visible focus outline`);
    if (match(f)) return;
  }
  assert.fail(`Tab never reached ${what}: ${visited.join(' → ')}`);
}

describe('staff pages in a browser', function () {
  this.timeout(90_000);
  let server: StaffServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    server = await startStaffServer();
    context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const name = (this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: `/tmp/personvern-staff-${name}.png`, fullPage: true }).catch(() => undefined);
    }
    await context.close();
    await server.close();
  });

  async function signInWithKeyboard(email: string): Promise<void> {
    await page.goto(`${server.url}/staff/conversations`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Logg inn');
    await tabTo(page, (f) => f.text === 'Hopp til hovedinnholdet', 'the skip link');
    await tabTo(page, (f) => f.id === 'email', 'the e-mail field');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/conversations$/, WAIT);
  }

  it('signs in with the keyboard only, opens a conversation and changes a request\'s status', async () => {
    await signInWithKeyboard(USERS.askim);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Samtaler');

    // The skip link moves focus past the navigation to the main content.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Hopp til hovedinnholdet');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'hovedinnhold');

    await tabTo(page, (f) => f.text === 'Samtale askim-conv-1', 'the conversation link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/conversations\/directline\/askim-conv-1$/, WAIT);
    const answer = page.locator('.turn-bot').first();
    assert.match(await answer.innerText(), /Behandlingsansvarlig/);
    assert.match(await answer.innerText(), /👍 Nyttig/);

    await page.getByRole('link', { name: server.references.askim[0]! }).click();
    await page.waitForURL(/\/staff\/requests\/PV-/, WAIT);
    await tabTo(page, (f) => f.id === 'f-status', 'the status field');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (f) => f.text === 'Lagre status', 'the save button');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Status er endret til «Under behandling»' }).waitFor(WAIT);
    assert.equal((await server.requests.get(server.references.askim[0]!))?.status, 'in_progress');
    assert.deepEqual(pageErrors, []);
  });

  it('sends a request whose delivery failed again with the keyboard, and says how it went', async () => {
    const webhook = { channel: 'webhook', url: 'https://mottak.askim.example/personvern', secretEnv: 'ASKIM_WEBHOOK_SECRET' } as const;
    const reference = await failedRequest(server, sampleRequest('askim'), webhook, 'webhook: HTTP 400');
    await signInWithKeyboard(USERS.askim);
    await page.goto(`${server.url}/staff/requests/${reference}`);
    assert.deepEqual(await seriousViolations(page), [], 'the page with the button');
    await tabTo(page, (f) => f.text === 'Send på nytt', 'the send-again button');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Henvendelsen er sendt på nytt' }).waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'the page with the notice');
    assert.equal((await server.requests.get(reference))?.deliveries[0]?.state, 'pending', 'back in the outbox (no worker in this test)');
    assert.deepEqual(pageErrors, []);
  });

  it('has no serious or critical axe violations on any staff page', async () => {
    await page.goto(`${server.url}/staff/login`);
    assert.deepEqual(await seriousViolations(page), [], 'sign-in page');
    await page.getByLabel('E-post').fill(USERS.askim);
    await page.getByLabel('Passord').fill('feil passord her');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Feil e-post eller passord.').waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'sign-in page with an error');

    for (const email of [USERS.askim, USERS.admin]) {
      await context.clearCookies();
      await signInWithKeyboard(email);
      const paths = [
        '/staff/conversations',
        '/staff/conversations/directline/askim-conv-1',
        '/staff/conversations/directline/mixed-conv',
        '/staff/unanswered',
        '/staff/requests',
        `/staff/requests/${server.references.askim[1]}`,
        '/staff/audit',
        '/staff/conversations/directline/stranda-conv-2',
      ];
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        assert.deepEqual(await seriousViolations(page), [], `${email}: ${path}`);
      }
    }
    // The only console errors are the 403/404 responses the last page asked for.
    assert.deepEqual(pageErrors.filter((e) => !/status of 40[134]/.test(e)), []);
  });

  it('fits a 320 px wide screen without sideways scrolling (tables scroll in their own region)', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await signInWithKeyboard(USERS.admin);
    for (const path of ['/staff/conversations', '/staff/requests', '/staff/unanswered', '/staff/conversations/directline/askim-conv-1']) {
      await page.goto(`${server.url}${path}`);
      const [scrollWidth, clientWidth] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
      assert.ok(scrollWidth <= clientWidth, `${path}: ${scrollWidth} px wide in a ${clientWidth} px window`);
    }
  });
});
