/** Shared test helpers: loading the fixture content and the product content. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../src/config';
import { loadContent, type Content } from '../src/content/load';

export const FIXTURE_CONTENT_DIR = join(__dirname, 'fixtures', 'content');
export const PRODUCT_CONTENT_DIR = join(__dirname, '..', 'content');

export const fixtureContent = (): Content => loadContent(FIXTURE_CONTENT_DIR);
export const productContent = (): Content => loadContent(PRODUCT_CONTENT_DIR);

/**
 * Config for a real server in a test: a random port on 127.0.0.1, no logs, and a fresh DATA_DIR
 * so requests and transcripts of one test never meet another's (or the developer's data/).
 */
export function testServerConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'personvern-test-')), ...overrides });
}

/** One resident turn through the server's /api/messages, answered in the response (deliveryMode expectReplies): the replies' text. */
export async function sayOverApiMessages(url: string, conversation: string, text: string, municipality: string): Promise<string> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', id: `a-${randomUUID()}`, channelId: 'webchat', serviceUrl: 'http://connector.test', deliveryMode: 'expectReplies',
      conversation: { id: conversation }, from: { id: 'resident' }, recipient: { id: 'bot' }, text, channelData: { municipality },
    }),
  });
  if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}`);
  const body = (await res.json()) as { activities: { text?: string }[] };
  return body.activities.map((a) => a.text ?? '').join('\n');
}
