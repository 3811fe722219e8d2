import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../src/server/startServer';
import { FIXTURE_CONTENT_DIR, testServerConfig } from '../helpers';

/** The resident's side of a conversation on the real server: the chat page's calls, over HTTP. */
async function resident(running: RunningServer, municipality = 'fjellby') {
  const call = async (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const issued = (await (await call('POST', '/api/chat/token', undefined, { municipality })).json()) as { token: string };
  const started = (await (await call('POST', '/v3/directline/conversations', issued.token)).json()) as { conversationId: string; token: string };
  const { conversationId, token } = started;
  return {
    conversationId,
    react: async (replyToId: string, type: 'like' | 'dislike') =>
      assert.equal((await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'messageReaction', from: { id: 'r1' }, replyToId, reactionsAdded: [{ type }] })).status, 200),
    say: async (text: string) => assert.equal((await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', from: { id: 'r1' }, text })).status, 200),
    download: () => call('GET', `/v3/directline/conversations/${conversationId}/transcript`, token),
    remove: () => call('DELETE', `/v3/directline/conversations/${conversationId}`, token),
    downloadWith: (otherToken: string) => call('GET', `/v3/directline/conversations/${conversationId}/transcript`, otherToken),
    token,
  };
}

const archived = (running: RunningServer, conversationId: string) => running.storage.transcripts.getTranscript('directline', conversationId);

describe('a resident’s own conversation on the server', () => {
  let running: RunningServer;
  beforeEach(async () => (running = await startServer(testServerConfig({ CONTENT_DIR: FIXTURE_CONTENT_DIR }))));
  afterEach(async () => running.close());

  it('is archived with every turn, personal identifiers masked', async () => {
    const r = await resident(running);
    await r.say('Hvor lenge lagres loggene fra webserveren?');
    await r.say('Svar meg på ola@eksempel.no eller 912 34 567, saksnr 20261234.');
    const activities = await archived(running, r.conversationId);
    const mine = activities.find((a) => a.from?.role === 'user' && a.type === 'message');
    assert.ok(mine, 'the resident message is archived');
    assert.doesNotMatch(JSON.stringify(activities), /ola@eksempel\.no|912 34 567|20261234/);
    const answer = activities.find((a) => a.from?.role === 'bot' && a.channelData?.outcome === 'answer');
    assert.deepEqual(answer?.channelData.sources, ['lagring'], 'with the outcome and sources of the reply');
    assert.equal(answer?.channelData.municipality, 'fjellby');
  });

  it('keeps the resident’s 👍/👎 on the answer it rates', async () => {
    const r = await resident(running);
    await r.say('Hvor lenge lagres loggene fra webserveren?');
    const answerId = (await archived(running, r.conversationId)).find((a) => a.channelData?.outcome === 'answer')!.id!;
    await r.react(answerId, 'dislike');
    const reaction = (await archived(running, r.conversationId)).find((a) => a.type === 'messageReaction');
    assert.equal(reaction?.replyToId, answerId);
    assert.deepEqual(reaction?.reactionsAdded, [{ type: 'dislike' }]);
  });

  it('can be downloaded by the resident as text, as the municipality keeps it', async () => {
    const r = await resident(running);
    await r.say('Hvor lenge lagres loggene?');
    const res = await r.download();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="samtale-\d{4}-\d{2}-\d{2}\.txt"/);
    const text = await res.text();
    assert.match(text, /Du \/ You:\nHvor lenge lagres loggene\?/);
    assert.match(text, /Chatbot:\n/);
  });

  it('cannot be downloaded or deleted with another conversation’s token', async () => {
    const mine = await resident(running);
    const other = await resident(running);
    assert.equal((await mine.downloadWith(other.token)).status, 403);
  });

  it('is deleted from the archive and bot state by "Slett samtalen" on the page', async () => {
    const r = await resident(running);
    await r.say('Jeg vil at dere sletter opplysningene mine');
    await r.say('Skolen');
    assert.ok((await archived(running, r.conversationId)).length > 0);
    assert.equal((await r.remove()).status, 204);
    assert.deepEqual(await archived(running, r.conversationId), []);
    const state = await running.storage.botState.read([`directline/conversations/${r.conversationId}`]);
    assert.deepEqual(state, {}, 'the half-written request draft is gone too');
  });

  it('is deleted by the command "slett samtalen", that turn included', async () => {
    const r = await resident(running);
    await r.say('Hvor lenge lagres loggene?');
    await r.say('slett samtalen');
    assert.deepEqual(await archived(running, r.conversationId), []);
    const texts = running.directLine.store.since(running.directLine.store.get(r.conversationId)!, 0).activities.map((a) => a.text ?? '');
    assert.ok(texts.some((t) => /Samtalen er slettet fra kommunens lagring/.test(t)), 'the resident is told');
  });
});
