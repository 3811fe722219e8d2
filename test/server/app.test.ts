import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { MemoryStorage } from 'botbuilder';
import nock from 'nock';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { buildBotRuntime } from '../../src/runtime';
import { createAdapter } from '../../src/server/adapter';
import { createApp } from '../../src/server/app';
import { fixtureContent } from '../helpers';

const logger = pino({ level: 'silent' });

async function start(env: NodeJS.ProcessEnv = {}): Promise<{ url: string; server: Server }> {
  const config = loadConfig(env);
  const runtime = buildBotRuntime(fixtureContent(), new MemoryStorage());
  const adapter = createAdapter(config, logger, runtime.middleware);
  const app = createApp({ adapter, bot: runtime.bot, logger, health: () => ({ municipalities: 2 }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const message = (overrides: object = {}) => ({
  type: 'message',
  id: 'act-1',
  channelId: 'webchat',
  serviceUrl: 'http://connector.test',
  conversation: { id: 'conv-1' },
  from: { id: 'user-1' },
  recipient: { id: 'bot' },
  text: 'Hvor lenge lagres loggene fra webserveren?',
  channelData: { municipality: 'fjellby' },
  ...overrides,
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('server', () => {
  let url: string;
  let server: Server;
  before(() => nock.enableNetConnect(/127\.0\.0\.1/));
  after(() => nock.enableNetConnect());
  beforeEach(async () => ({ url, server } = await start()));
  afterEach(() => {
    server.close();
    nock.cleanAll();
  });

  it('reports health', async () => {
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', municipalities: 2 });
  });

  describe('POST /api/messages', () => {
    it('replies to the connector at the activity serviceUrl', async () => {
      const sent: { text: string; channelData: { outcome: string; sources: string[] } }[] = [];
      const connector = nock('http://connector.test')
        .post('/v3/conversations/conv-1/activities/act-1', (body) => (sent.push(body), true))
        .reply(200, { id: 'reply-1' });
      const res = await post(url, message());
      assert.equal(res.status, 200);
      assert.ok(connector.isDone());
      assert.equal(sent[0]!.channelData.outcome, 'answer');
      assert.deepEqual(sent[0]!.channelData.sources, ['lagring']);
      assert.match(sent[0]!.text, /90 dager/);
    });

    it('returns the replies in the response for deliveryMode expectReplies', async () => {
      const res = await post(url, message({ deliveryMode: 'expectReplies' }));
      assert.equal(res.status, 200);
      const body = (await res.json()) as { activities: { channelData: { outcome: string } }[] };
      assert.equal(body.activities[0]!.channelData.outcome, 'answer');
    });

    it('answers malformed JSON with 400 and a reason', async () => {
      const res = await post(url, '{"type": "message",');
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { error: 'body is not valid JSON' });
    });

    it('answers an activity missing required fields with 400 naming them', async () => {
      const res = await post(url, { type: 'message', text: 'hei' });
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: string };
      assert.match(error, /channelId: is required/);
      assert.match(error, /serviceUrl: is required/);
    });

    it('answers wrong types and oversized text with 400, and a too large body with 413', async () => {
      assert.equal((await post(url, message({ conversation: 'c1' }))).status, 400);
      assert.equal((await post(url, message({ text: 'x'.repeat(6000) }))).status, 400);
      assert.equal((await post(url, message({ text: 'x'.repeat(200_000) }))).status, 413);
    });

    it('keeps serving after bad input', async () => {
      await post(url, '[[[');
      const res = await post(url, message({ deliveryMode: 'expectReplies' }));
      assert.equal(res.status, 200);
    });
  });

  describe('with MicrosoftAppId set', () => {
    it('rejects a request without a valid Bot Framework token', async () => {
      const secured = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' });
      try {
        const res = await post(secured.url, message({ deliveryMode: 'expectReplies' }));
        assert.equal(res.status, 401);
        const forged = await post(secured.url, message({ deliveryMode: 'expectReplies' }), { authorization: 'Bearer not-a-jwt' });
        assert.equal(forged.status, 401);
      } finally {
        secured.server.close();
      }
    });
  });
});
