/**
 * Fuzzes the Bot Framework endpoint of the real server (content, bot, adapter, Direct Line and
 * pages wired by startServer) with malformed and random activities: a client's input may be
 * refused (4xx) but never breaks the server (5xx), and the server keeps answering afterwards.
 *
 * Valid-looking activities ask for `deliveryMode: 'expectReplies'` or name a serviceUrl that nock
 * answers, so no real connector is ever called.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import nock from 'nock';
import { OUTCOMES } from '../../src/knowledge/classifier';
import { startServer, type RunningServer } from '../../src/server/startServer';
import { PRODUCT_CONTENT_DIR, testServerConfig } from '../helpers';
import {
  anyText, assertNot5xx, jsonValue, MB, mostly, MUNICIPALITIES, nestedJson, repeatedText, send, serverRuns, settledHeapUsed, withRawValue,
} from './support';

const CONNECTOR = 'http://connector.test';

const validActivity = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'message',
  id: 'act-1',
  channelId: 'webchat',
  serviceUrl: CONNECTOR,
  conversation: { id: 'conv-1' },
  from: { id: 'user-1' },
  recipient: { id: 'bot' },
  text: 'Kven er personvernombodet?',
  channelData: { municipality: 'stranda' },
  deliveryMode: 'expectReplies',
  ...overrides,
});

/** Activity types a channel may send; `invoke` has its own property below. */
const ACTIVITY_TYPES = [
  'message', 'conversationUpdate', 'event', 'messageReaction', 'typing', 'endOfConversation', 'installationUpdate',
  'messageUpdate', 'messageDelete', 'contactRelationUpdate', 'deleteUserData', 'trace', 'handoff', 'suggestion', 'command',
  'commandResult', 'ping',
];

const idText = fc.oneof(fc.constantFrom('conv-1', 'user-1', 'a:b|c', '19:abc@thread.v2'), anyText(80).filter((s) => s.length > 0));

/** channelData in every shape: a known or unknown municipality, a wrong type, random JSON. */
const channelData = fc.oneof(
  fc.record({ municipality: fc.constantFrom(...MUNICIPALITIES) }),
  fc.record({ municipality: fc.oneof(anyText(60), fc.constantFrom('atlantis', 'STRANDA', ' stranda ', 'stranda kommune', '', '__proto__', 'constructor')) }),
  fc.record({ municipality: jsonValue(2) }, { requiredKeys: [] }),
  fc.record({ municipality: fc.constantFrom(...MUNICIPALITIES), tenant: fc.oneof(jsonValue(2), fc.record({ id: anyText(40) })) }),
  fc.dictionary(anyText(12), jsonValue(2), { maxKeys: 4 }),
  jsonValue(2),
);


/** Fields of a well-formed activity, each in a random, sometimes wrong, shape. */
const activityFields = fc.record(
  {
    type: mostly(fc.oneof({ weight: 3, arbitrary: fc.constant('message') }, fc.constantFrom(...ACTIVITY_TYPES)), anyText(30).filter((t) => t !== 'invoke')),
    id: mostly(idText, jsonValue(1)),
    channelId: mostly(fc.constantFrom('webchat', 'directline', 'msteams', 'emulator', 'slack'), anyText(30)),
    serviceUrl: mostly(fc.constant(CONNECTOR), fc.oneof(fc.constantFrom('', 'not a url', 'connector.test', 'http://', 'javascript:alert(1)'), jsonValue(1))),
    conversation: mostly(fc.oneof(fc.record({ id: idText }), fc.record({ id: idText, tenantId: anyText(40), isGroup: fc.boolean(), conversationType: anyText(20) })), jsonValue(2)),
    from: mostly(fc.oneof(fc.record({ id: idText }), fc.record({ id: idText, name: anyText(40), role: fc.constantFrom('user', 'bot', 'skill') })), jsonValue(2)),
    recipient: mostly(fc.record({ id: idText }), jsonValue(2)),
    text: fc.oneof({ weight: 8, arbitrary: anyText(600) }, { weight: 1, arbitrary: repeatedText(100_000) }, { weight: 1, arbitrary: jsonValue(1) }),
    textFormat: fc.constantFrom('plain', 'markdown', 'xml'),
    locale: fc.oneof(fc.constantFrom('nb-NO', 'nn-NO', 'en-US', 'xx'), anyText(20)),
    channelData,
    deliveryMode: mostly(fc.constant('expectReplies'), fc.oneof(fc.constantFrom('normal', 'notification', 'ephemeral'), anyText(10), jsonValue(1))),
    entities: fc.oneof(fc.constant([{ type: 'mention', mentioned: { id: 'bot' }, text: '<at>bot</at>' }]), jsonValue(2)),
    attachments: jsonValue(2),
    membersAdded: fc.oneof(fc.constant([{ id: 'user-1' }, { id: 'bot' }]), jsonValue(2)),
    membersRemoved: jsonValue(2),
    reactionsAdded: jsonValue(2),
    value: jsonValue(2),
    name: anyText(40),
    replyToId: idText,
    timestamp: fc.oneof(fc.constantFrom('2024-01-01T00:00:00Z', 'yesterday', ''), jsonValue(1)),
  },
  // The minimal valid set is always there; the rest comes and goes.
  { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'deliveryMode'] },
);

/**
 * A random activity answered in the HTTP response (expectReplies), then sometimes some of its
 * fields removed: every required one may go missing.
 */
const activity = fc
  .tuple(activityFields, fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, fc.subarray(['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'text', 'channelData'], { minLength: 1, maxLength: 3 })))
  .map(([fields, missing]) => {
    const body: Record<string, unknown> = { ...fields, deliveryMode: 'expectReplies' };
    for (const key of missing) delete body[key];
    return body;
  });

/** A valid activity whose reply goes to the (nocked) connector at serviceUrl, with odd ids and text. */
const connectorActivity = fc
  .record({
    id: idText,
    conversation: fc.oneof(fc.record({ id: idText }), fc.record({ id: idText, tenantId: anyText(40) })),
    from: fc.record({ id: idText, name: anyText(20) }, { requiredKeys: ['id'] }),
    recipient: fc.record({ id: idText }),
    text: anyText(300),
    channelData,
    deliveryMode: fc.constantFrom(undefined, 'normal', 'notification', 'ephemeral', 'expectreplies'),
  }, { requiredKeys: ['id', 'conversation', 'from', 'text'] })
  .map((fields): Record<string, unknown> => ({ ...validActivity(), deliveryMode: undefined, ...fields }));

/** A required field present with a wrong type, for the 400's reason. */
const wrongTypeField = fc.constantFrom('type', 'channelId', 'serviceUrl', 'conversation', 'from', 'conversation.id', 'from.id');
const wrongTypeValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.string({ minLength: 1, maxLength: 5 }).map((v) => ({ v })));

describe('robustness: POST /api/messages against the real server', () => {
  let running: RunningServer;
  let baseline: number;
  const post = (body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    send(`${running.url}/api/messages`, { headers, body });

  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    nock(CONNECTOR).persist().post(/.*/).reply(200, { id: 'reply-1' }).put(/.*/).reply(200, { id: 'reply-1' });
    running = await startServer(testServerConfig({ CONTENT_DIR: PRODUCT_CONTENT_DIR }));
    // Warm up (first turn loads lazily built parts) before the heap baseline.
    assert.equal((await post(JSON.stringify(validActivity()))).status, 200);
    baseline = (await settledHeapUsed()).heapUsed;
  });

  after(async () => {
    await running?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('refuses bodies that are not JSON, in any content type or encoding, with 4xx', async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('', '{', '}', '{"type": "message",', '[[[', 'nul', 'undefined', 'NaN', '{"a":1}}', "{'type':'message'}", '\u0000', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\x"}'),
      fc.uint8Array({ maxLength: 300 }),
      repeatedText(120_000),
    );
    const contentType = fc.constantFrom(
      'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16',
      'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/*+json', '', 'garbage/;;',
    );
    const encoding = fc.constantFrom(undefined, 'identity', 'gzip', 'deflate', 'br', 'x-unknown');
    await fc.assert(
      fc.asyncProperty(body, contentType, encoding, async (b, type, enc) => {
        const headers: Record<string, string> = { ...(type ? { 'content-type': type } : {}), ...(enc ? { 'content-encoding': enc } : {}) };
        const res = await post(b, headers);
        const what = `body ${JSON.stringify(typeof b === 'string' ? b.slice(0, 80) : `<${b.length} bytes>`)} as ${type} ${enc ?? ''}`;
        assertNot5xx(res.status, what);
        assert.ok(res.status >= 400, `${what}: accepted with ${res.status}`);
        assert.notEqual(res.status, 429, 'rate limited: the fuzz did not reach the endpoint');
      }),
      serverRuns(150),
    );
  });

  it('answers random JSON (objects, arrays, null, scalars, arrays of activities) with 2xx or 4xx', async () => {
    const body = fc.oneof(
      jsonValue(4),
      fc.constantFrom(null, [], {}, 0, '', true, [validActivity()], { activity: validActivity() }),
      fc.array(activity, { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.constantFrom('type', 'channelId', 'serviceUrl', 'conversation', 'from', 'text', '__proto__', 'constructor', 'toString'), jsonValue(2)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await post(JSON.stringify(b));
        assertNot5xx(res.status, `body ${JSON.stringify(b)?.slice(0, 200)}`);
        assert.notEqual(res.status, 429);
      }),
      serverRuns(200),
    );
  });

  it('answers valid-looking activities with missing fields, wrong types, odd or huge text and unknown municipalities with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(activity, async (a) => {
        const res = await post(JSON.stringify(a));
        const what = `activity ${JSON.stringify(a).slice(0, 300)}`;
        assertNot5xx(res.status, what);
        assert.notEqual(res.status, 429);
        if (res.status === 200 && a.type === 'message') {
          const { activities } = JSON.parse(res.text) as { activities: { channelData?: { outcome?: string } }[] };
          assert.equal(activities.length, 1, `${what}: ${activities.length} replies`);
          assert.ok(OUTCOMES.includes(activities[0]!.channelData?.outcome as never), `${what}: reply without outcome`);
        }
      }),
      serverRuns(250),
    );
  });

  it('answers activities replied to through the connector, whatever their ids, with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(connectorActivity, async (a) => {
        const res = await post(JSON.stringify(a));
        assertNot5xx(res.status, `activity ${JSON.stringify(a).slice(0, 300)}`);
        assert.notEqual(res.status, 429);
      }),
      // Found by this property: the connector client cannot put these ids in the reply's URL or header.
      {
        ...serverRuns(150),
        examples: [
          [validActivity({ deliveryMode: undefined, id: '\ud800' })],
          [validActivity({ deliveryMode: undefined, conversation: { id: '€' } })],
        ],
      },
    );
  });

  it('says which field is wrong, not that it is missing, when a required field has the wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(wrongTypeField, wrongTypeValue, async (path, value) => {
        const [key, inner] = path.split('.') as [string, string | undefined];
        // An object where an object belongs is the right type: its missing id is then rightly "required".
        const isPlainObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        fc.pre(!(isPlainObject && !inner && (key === 'from' || key === 'conversation')));
        const a = validActivity();
        a[key] = inner ? { ...(a[key] as object), [inner]: value } : value;
        const res = await post(JSON.stringify(a));
        assert.equal(res.status, 400, `${path} = ${JSON.stringify(value)}`);
        const { error } = JSON.parse(res.text) as { error: string };
        assert.match(error, new RegExp(path.replace('.', '\\.')), `${path} = ${JSON.stringify(value)}: ${error}`);
        assert.doesNotMatch(error, /is required/, `${path} = ${JSON.stringify(value)}: ${error}`);
      }),
      // Found by this property: zod 4 issues carry no input, so every invalid_type reads "is required".
      { ...serverRuns(40), examples: [['conversation', 42]] },
    );
  });

  it('answers an activity with deeply nested JSON in any field with 2xx or 4xx', async () => {
    const where = fc.constantFrom<string[]>(['channelData', 'x'], ['value'], ['entities'], ['attachments'], ['text'], ['conversation', 'x'], ['from', 'x'], ['recipient', 'x'], ['type'], ['extra']);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const), where, async (depth, kind, path) => {
        const res = await post(withRawValue(validActivity(), path, nestedJson(depth, kind)));
        assertNot5xx(res.status, `${kind} nested ${depth} deep at ${path.join('.')}`);
      }),
      // Found by this property: the reply copies `conversation`, so the response cannot be serialised.
      { ...serverRuns(60), examples: [[5000, 'array', ['conversation', 'x']]] },
    );
  });

  it('answers invoke activities (Teams cards, sign-in, search) with 2xx or 4xx', async () => {
    const invoke = fc.record({
      name: fc.oneof(fc.constantFrom('healthCheck', 'adaptiveCard/action', 'signin/verifyState', 'signin/tokenExchange', 'composeExtension/query', 'task/fetch', 'application/search'), anyText(30)),
      value: jsonValue(2),
      expectReplies: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(invoke, async ({ name, value, expectReplies }) => {
        const a = validActivity({ type: 'invoke', name, value, ...(expectReplies ? {} : { deliveryMode: undefined }) });
        const res = await post(JSON.stringify(a));
        assertNot5xx(res.status, `invoke ${JSON.stringify({ name, value, deliveryMode: a.deliveryMode })}`);
      }),
      // Found by this property: an invoke the bot does not handle is answered 501 Not Implemented.
      { ...serverRuns(40), examples: [[{ name: 'adaptiveCard/action', value: {}, expectReplies: false }]] },
    );
  });

  it('still answers /healthz and a normal question afterwards, with the heap bounded', async () => {
    const health = await send(`${running.url}/healthz`, { method: 'GET' });
    assert.equal(health.status, 200);
    assert.equal((JSON.parse(health.text) as { status: string }).status, 'ok');

    const res = await post(JSON.stringify(validActivity({ conversation: { id: 'after-fuzz' } })));
    assert.equal(res.status, 200);
    const { activities } = JSON.parse(res.text) as { activities: { text: string; channelData: { outcome: string; municipality: string } }[] };
    assert.equal(activities.length, 1);
    assert.equal(activities[0]!.channelData.outcome, 'answer');
    assert.equal(activities[0]!.channelData.municipality, 'stranda');

    const { heapUsed, collected } = await settledHeapUsed();
    const growth = (heapUsed - baseline) / MB;
    assert.ok(growth < (collected ? 100 : 200), `heap grew ${growth.toFixed(1)} MB over the fuzz run (gc ${collected ? 'forced' : 'not available'})`);
  });
});
