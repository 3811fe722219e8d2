/**
 * What every browser test needs: a Chromium and axe. A system Chromium is preferred where one is
 * installed (CI on Debian); otherwise the binary shipped inside the npm package
 * `@sparticuz/chromium` (a devDependency), so `npm ci && npm test` is all a fresh machine needs.
 * Never a browser downloaded at run time.
 */
import { execFileSync } from 'node:child_process';
import { AxeBuilder } from '@axe-core/playwright';
import packagedChromium from '@sparticuz/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

export const WAIT = { timeout: 15_000 };
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The packaged build runs without a zygote (it has no setuid sandbox helper). */
const PACKAGED_ARGS = ['--no-zygote', '--disable-setuid-sandbox'];

function systemChromium(): string {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not installed under this name
    }
  }
  return '';
}

async function chromiumExecutable(): Promise<{ path: string; args: string[] }> {
  const system = process.env.CHROMIUM_PATH || systemChromium();
  if (system) return { path: system, args: CHROMIUM_ARGS };
  return { path: await packagedChromium.executablePath(), args: [...CHROMIUM_ARGS, ...PACKAGED_ARGS] };
}

/** A headless Chromium: the system's if installed (or CHROMIUM_PATH), else the packaged one. */
export async function launchChromium(): Promise<Browser> {
  const { path, args } = await chromiumExecutable();
  return chromium.launch({ executablePath: path, args });
}

/** axe-core's serious and critical violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
