import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { ConversationStore } from '../../src/server/directline/conversationStore';
import { TokenService } from '../../src/server/directline/tokens';
import { startServer, type RunningServer } from '../../src/server/startServer';
import { FIXTURE_CONTENT_DIR, testServerConfig } from '../helpers';

interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string };
  channelData?: { outcome?: string; clientActivityID?: string };
}

const start = (env: Record<string, string> = {}) =>
  startServer(testServerConfig({ CONTENT_DIR: FIXTURE_CONTENT_DIR, ...env }));

describe('Direct Line', () => {
  let running: RunningServer;
  const call = async (method: string, path: string, { auth, body }: { auth?: string; body?: unknown } = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  /** Opens a conversation the way the chat page does: token from the page's server, then start. */
  const open = async (municipality = 'fjellby') => {
    const token = await call('POST', '/api/chat/token', { body: { municipality } });
    assert.equal(token.status, 200);
    const started = await call('POST', '/v3/directline/conversations', { auth: String(token.body.token) });
    assert.equal(started.status, 201);
    return { conversationId: String(started.body.conversationId), token: String(started.body.token) };
  };
  const say = (c: { conversationId: string; token: string }, text: string, extra: object = {}) =>
    call('POST', `/v3/directline/conversations/${c.conversationId}/activities`, {
      auth: c.token,
      body: { type: 'message', from: { id: 'resident' }, text, ...extra },
    });
  const activities = async (c: { conversationId: string; token: string }, watermark?: string) => {
    const res = await call('GET', `/v3/directline/conversations/${c.conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, { auth: c.token });
    assert.equal(res.status, 200);
    return res.body as unknown as { activities: DlActivity[]; watermark: string };
  };

  afterEach(async () => running?.close());

  describe('without DIRECTLINE_SECRET (local default)', () => {
    beforeEach(async () => (running = await start()));

    it('welcomes the resident when the conversation opens, in the municipality named at token time', async () => {
      const c = await open('dalby');
      const { activities: list } = await activities(c);
      assert.equal(list.length, 1);
      assert.match(list[0]!.text!, /Dalby kommune/);
    });

    it('answers after the bot turn has finished, so the next GET holds the reply', async () => {
      const c = await open();
      const posted = await say(c, 'Hvor lenge lagres loggene fra webserveren?', { channelData: { clientActivityID: 'web-1' } });
      assert.equal(posted.status, 200);
      assert.match(String(posted.body.id), new RegExp(`^${c.conversationId}\\|\\d{7}$`));
      const { activities: list, watermark } = await activities(c);
      assert.equal(watermark, '3');
      const [welcome, mine, reply] = list;
      assert.ok(welcome);
      assert.equal(mine!.channelData?.clientActivityID, 'web-1', 'the user activity is echoed for Web Chat');
      assert.equal(mine!.id, posted.body.id);
      assert.equal(reply!.channelData?.outcome, 'answer');
      assert.match(reply!.text!, /90 dager/);
    });

    it('returns only activities after the watermark', async () => {
      const c = await open();
      const first = await activities(c);
      await say(c, 'Kan jeg få innsyn?');
      const next = await activities(c, first.watermark);
      assert.deepEqual(next.activities.map((a) => a.text?.slice(0, 15)), ['Kan jeg få inns', 'Dette står i pe']);
      assert.deepEqual((await activities(c, next.watermark)).activities, []);
    });

    it('keeps two conversations apart', async () => {
      const a = await open('fjellby');
      const b = await open('dalby');
      await say(a, 'Kan jeg få innsyn?');
      const listB = await activities(b);
      assert.equal(listB.activities.length, 1, 'only its own welcome');
      const cross = await call('GET', `/v3/directline/conversations/${a.conversationId}/activities`, { auth: b.token });
      assert.equal(cross.status, 403);
    });

    it('never stores or echoes a fødselsnummer', async () => {
      const c = await open();
      await say(c, 'Mitt fødselsnummer er 29029600013');
      const json = JSON.stringify(await activities(c));
      assert.doesNotMatch(json, /29029600013/);
      assert.match(json, /ser ut som et fødselsnummer/);
      assert.doesNotMatch(json, /directline-connector/, 'the connector address stays on the server');
    });

    it('refreshes a token for the same conversation and reconnects with GET', async () => {
      const c = await open();
      const refreshed = await call('POST', '/v3/directline/tokens/refresh', { auth: c.token });
      assert.equal(refreshed.status, 200);
      assert.equal(refreshed.body.conversationId, c.conversationId);
      const again = await call('GET', `/v3/directline/conversations/${c.conversationId}`, { auth: String(refreshed.body.token) });
      assert.equal(again.status, 200);
      assert.equal(again.body.conversationId, c.conversationId);
    });

    it('lets the resident delete the conversation', async () => {
      const c = await open();
      assert.equal((await call('DELETE', `/v3/directline/conversations/${c.conversationId}`, { auth: c.token })).status, 204);
      assert.equal((await call('GET', `/v3/directline/conversations/${c.conversationId}/activities`, { auth: c.token })).status, 404);
    });

    it('answers protocol errors with 400, 401 and 404', async () => {
      const c = await open();
      const path = `/v3/directline/conversations/${c.conversationId}/activities`;
      assert.equal((await call('POST', path, { auth: c.token, body: '{"type":' })).status, 400);
      const missing = await call('POST', path, { auth: c.token, body: { text: 'no type' } });
      assert.equal(missing.status, 400);
      assert.match(JSON.stringify(missing.body), /type/);
      assert.equal((await call('POST', path, { auth: c.token, body: { type: 'message', from: { id: 'u' }, text: 'x'.repeat(6000) } })).status, 400);
      assert.equal((await call('GET', path)).status, 401);
      assert.equal((await call('GET', path, { auth: 'garbage' })).status, 403);
      assert.equal((await call('POST', '/api/chat/token', { body: { municipality: 'atlantis' } })).status, 400);
    });

    it('streams new activities over the WebSocket streamUrl', async () => {
      const token = await call('POST', '/api/chat/token', { body: { municipality: 'fjellby' } });
      const started = await call('POST', '/v3/directline/conversations', { auth: String(token.body.token) });
      const c = { conversationId: String(started.body.conversationId), token: String(started.body.token) };
      const ws = new WebSocket(String(started.body.streamUrl));
      const received: DlActivity[] = [];
      const gotReply = new Promise<void>((resolve) => {
        ws.on('message', (data) => {
          const text = data.toString();
          if (!text) return;
          const set = JSON.parse(text) as { activities: DlActivity[]; watermark: string };
          received.push(...set.activities);
          if (set.activities.some((a) => a.channelData?.outcome === 'answer')) resolve();
        });
      });
      await new Promise((resolve) => ws.once('open', resolve));
      await say(c, 'Kan jeg få innsyn?');
      await gotReply;
      ws.close();
      assert.deepEqual(received.map((a) => a.from.id), ['resident', 'personvern-bot']);
    });

    it('refuses a stream with another conversation\'s token', async () => {
      const a = await open();
      const b = await open();
      const url = `${running.url.replace('http', 'ws')}/v3/directline/conversations/${a.conversationId}/stream?t=${b.token}`;
      const status = await new Promise<number | undefined>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
        ws.on('open', () => resolve(101));
      });
      assert.equal(status, 403);
    });

    it('keeps serving after bad input', async () => {
      await call('POST', '/v3/directline/conversations', { body: '[[[' });
      await open();
    });
  });

  describe('with DIRECTLINE_SECRET set', () => {
    const secret = 'local-test-secret-0123456789';
    beforeEach(async () => (running = await start({ DIRECTLINE_SECRET: secret })));

    it('requires the secret to open conversations or generate tokens', async () => {
      assert.equal((await call('POST', '/v3/directline/conversations')).status, 401);
      assert.equal((await call('POST', '/v3/directline/tokens/generate')).status, 401);
      const generated = await call('POST', '/v3/directline/tokens/generate', { auth: secret });
      assert.equal(generated.status, 200);
      const opened = await call('POST', '/v3/directline/conversations', { auth: secret });
      assert.equal(opened.status, 201);
    });

    it('still serves the chat page token without exposing the secret', async () => {
      const token = await call('POST', '/api/chat/token', { body: { municipality: 'fjellby' } });
      assert.equal(token.status, 200);
      assert.doesNotMatch(JSON.stringify(token.body), new RegExp(secret));
    });

    it('answers 404 for an unknown conversation', async () => {
      assert.equal((await call('GET', '/v3/directline/conversations/nope/activities', { auth: secret })).status, 404);
    });
  });
});

describe('TokenService', () => {
  it('rejects an expired token and one signed with another key', () => {
    let now = 1_000_000;
    const tokens = new TokenService('key', 60, () => now);
    const { token } = tokens.issue('c1');
    assert.deepEqual(tokens.verify(token), { ok: true, claims: { conversationId: 'c1', exp: 1060 } });
    now += 61_000;
    assert.deepEqual(tokens.verify(token), { ok: false, reason: 'expired' });
    assert.deepEqual(new TokenService('other').verify(token), { ok: false, reason: 'malformed' });
  });
});

describe('ConversationStore', () => {
  it('drops idle conversations and caps conversations and activities', () => {
    let now = 0;
    const store = new ConversationStore({ idleMs: 1000, maxConversations: 2, maxActivities: 3 }, () => now);
    const a = store.create('a');
    for (let i = 0; i < 5; i++) store.append(a, { type: 'message', text: String(i) });
    assert.deepEqual(store.since(a, 0), {
      activities: store.since(a, 2).activities,
      watermark: '5',
    });
    assert.deepEqual(store.since(a, 0).activities.map((x) => x.text), ['2', '3', '4']);
    store.create('b');
    store.create('c');
    assert.equal(store.size, 2, 'the longest idle was dropped');
    now += 2000;
    assert.equal(store.get('c'), undefined);
    assert.equal(store.sweep() + store.size, 1);
  });
});
