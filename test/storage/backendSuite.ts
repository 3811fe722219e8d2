/**
 * The behaviour every StorageBackend shares, run against each implementation by its own test
 * file. `raw()` reads what the backend holds without going through the interface where it can
 * (the SQLite file's bytes, every blob and its metadata), to check nothing personal was stored.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { Outcome } from '../../src/knowledge/classifier';
import { MASKS } from '../../src/storage/masking';
import { PERSONAL_DATA_FLAG, type StorageBackend } from '../../src/storage/types';

export interface OpenedBackend {
  backend: StorageBackend;
  /** Everything the backend stores, as text. */
  raw(): Promise<string>;
}

export interface BackendHarness {
  /** A new, empty backend. */
  open(): Promise<OpenedBackend>;
}

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2024-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(ms);

/**
 * Waits until just past the next whole second and returns it: a cutoff every backend can tell
 * apart from writes on either side of it (Azure's Last-Modified has whole seconds).
 */
async function nextWholeSecond(): Promise<Date> {
  const second = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await new Promise((resolve) => setTimeout(resolve, second - Date.now() + 5));
  return new Date(second);
}

const RESIDENT = { id: 'user-1', name: 'Kari Nordmann', role: 'user' };
const BOT = { id: 'personvern-bot', name: 'Personvern', role: 'bot' };

let nextId = 0;

export function residentSays(conversationId: string, text: string, time: number, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message', id: `r${nextId++}`, channelId: 'webchat', conversation: { id: conversationId, name: '', isGroup: false, conversationType: 'personal' },
    from: RESIDENT, recipient: BOT, text, timestamp: at(time), ...extra,
  };
}

export function botReplies(
  conversationId: string, text: string, time: number, data: { outcome: Outcome; municipality?: string }, extra: Partial<Activity> = {},
): Partial<Activity> {
  return {
    type: 'message', id: `b${nextId++}`, channelId: 'webchat', conversation: { id: conversationId, name: '', isGroup: false, conversationType: 'personal' },
    from: BOT, recipient: RESIDENT, text, timestamp: at(time), channelData: { sources: [], language: 'nb', ...data }, ...extra,
  };
}

export function backendSuite(name: string, harness: BackendHarness): void {
  describe(`${name} storage backend`, () => {
    let opened: OpenedBackend;
    let backend: StorageBackend;

    beforeEach(async () => {
      opened = await harness.open();
      backend = opened.backend;
    });
    afterEach(async () => backend.close());

    describe('bot state', () => {
      it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
        await backend.botState.write({ 'webchat/conversations/c1/': { dialog: { step: 2, name: 'Bjørn Ærlig' } } });
        const items = await backend.botState.read(['webchat/conversations/c1/', 'unknown']);
        assert.deepEqual(Object.keys(items), ['webchat/conversations/c1/']);
        assert.deepEqual(items['webchat/conversations/c1/'].dialog, { step: 2, name: 'Bjørn Ærlig' });
        assert.equal(typeof items['webchat/conversations/c1/'].eTag, 'string');
      });

      it('rejects a write with a stale eTag, and lets "*" or no eTag overwrite', async () => {
        await backend.botState.write({ k: { n: 1 } });
        const first = (await backend.botState.read(['k'])).k;
        await backend.botState.write({ k: { n: 2, eTag: first.eTag } });
        await assert.rejects(backend.botState.write({ k: { n: 3, eTag: first.eTag } }), /eTag conflict/);
        assert.equal((await backend.botState.read(['k'])).k.n, 2);
        await backend.botState.write({ k: { n: 4, eTag: '*' } });
        await backend.botState.write({ k: { n: 5 } });
        assert.equal((await backend.botState.read(['k'])).k.n, 5);
      });

      it('deletes', async () => {
        await backend.botState.write({ a: { n: 1 }, b: { n: 2 } });
        await backend.botState.delete(['a', 'unknown']);
        assert.deepEqual(Object.keys(await backend.botState.read(['a', 'b'])), ['b']);
      });

      it('purges items last written before the cutoff, and only those', async () => {
        const [abandoned, resumed, started] = ['webchat/conversations/abandoned', 'webchat/conversations/resumed', 'webchat/conversations/started'];
        await backend.botState.write({ [abandoned]: { draft: { concerns: 'utkast-om-skolen' } }, [resumed]: { step: 1 } });
        const cutoff = await nextWholeSecond();
        await backend.botState.write({ [resumed]: { step: 2 }, [started]: { step: 1 } });
        assert.equal(await backend.purgeBotStateOlderThan(cutoff), 1);
        const left = await backend.botState.read([abandoned, resumed, started]);
        assert.deepEqual(Object.keys(left).sort(), [resumed, started]);
        assert.equal(left[resumed].step, 2);
        assert.ok(!(await opened.raw()).includes('utkast-om-skolen'), 'the purged draft is still stored');
        assert.equal(await backend.purgeBotStateOlderThan(cutoff), 0);
      });
    });

    describe('transcripts', () => {
      it('returns a conversation oldest first, whatever order the activities were logged in', async () => {
        const activities = [
          residentSays('c1', 'Hvor lenge lagrer dere opplysningene?', T0),
          botReplies('c1', 'Vi lagrer dem i fem år.', T0 + 1000, { outcome: 'answer', municipality: 'askim' }),
          residentSays('c1', 'Takk', T0 + 2000),
        ];
        // As TranscriptLoggerMiddleware does: started together, never awaited one by one.
        await Promise.all([activities[2]!, activities[0]!, activities[1]!].map((a) => backend.transcripts.logActivity(a)));
        const transcript = await backend.transcripts.getTranscript('webchat', 'c1');
        assert.deepEqual(transcript.map((a) => a.text), ['Hvor lenge lagrer dere opplysningene?', 'Vi lagrer dem i fem år.', 'Takk']);
        assert.deepEqual(transcript.map((a) => (a.timestamp instanceof Date ? a.timestamp.getTime() : a.timestamp)), [T0, T0 + 1000, T0 + 2000]);
        assert.equal(transcript[1]!.from?.role, 'bot');
        assert.deepEqual(await backend.transcripts.getTranscript('webchat', 'unknown'), []);
      });

      it('stamps an activity without a timestamp (or with one in the future) with the current time', async () => {
        const before = Date.now();
        await backend.transcripts.logActivity(residentSays('c1', 'a', 0, { timestamp: undefined }));
        await backend.transcripts.logActivity(residentSays('c1', 'b', Date.now() + 365 * DAY));
        const stamps = (await backend.transcripts.getTranscript('webchat', 'c1')).map((a) => new Date(a.timestamp ?? 0).getTime());
        assert.equal(stamps.length, 2);
        for (const stamp of stamps) assert.ok(stamp >= before && stamp <= Date.now(), `${stamp} is now`);
      });

      it('counts every activity of many logged at once', async () => {
        await Promise.all(Array.from({ length: 12 }, (_, i) => backend.transcripts.logActivity(residentSays('busy', `melding ${i}`, T0 + i))));
        const [summary] = await backend.transcripts.listConversations({});
        assert.equal(summary?.messages, 12);
        assert.equal((await backend.transcripts.getTranscript('webchat', 'busy')).length, 12);
      });

      it('keeps conversations whose ids share a prefix apart, in reading and in deleting', async () => {
        await backend.transcripts.logActivity(residentSays('abc', 'den første', T0));
        await backend.transcripts.logActivity(residentSays('abcd', 'den andre', T0));
        assert.deepEqual((await backend.transcripts.getTranscript('webchat', 'abc')).map((a) => a.text), ['den første']);
        await backend.transcripts.deleteConversation('webchat', 'abc');
        assert.deepEqual((await backend.transcripts.getTranscript('webchat', 'abcd')).map((a) => a.text), ['den andre']);
        assert.deepEqual((await backend.transcripts.listConversations({})).map((s) => s.conversationId), ['abcd']);
      });

      describe('listConversations', () => {
        beforeEach(async () => {
          const activities = [
            residentSays('c1', 'Hvor lenge lagrer dere opplysningene?', T0),
            botReplies('c1', 'Fem år.', T0 + 1000, { outcome: 'answer', municipality: 'askim' }),
            residentSays('c1', 'Selger dere dem?', T0 + 2000),
            botReplies('c1', 'Det står ikke i erklæringen.', T0 + 3000, { outcome: 'not_covered', municipality: 'askim' }),
            { ...residentSays('c2', 'Jeg vil ha innsyn', T0 + 4 * DAY), channelId: 'msteams' },
            { ...botReplies('c2', 'Hva gjelder det?', T0 + 4 * DAY + 1000, { outcome: 'dialog', municipality: 'stranda' }), channelId: 'msteams' },
            // The resident's channelData is theirs: it names no municipality or outcome for the list.
            residentSays('c3', 'Hei', T0 + 9 * DAY, { channelData: { municipality: 'askim', outcome: 'answer' } }),
          ];
          await Promise.all(activities.map((a) => backend.transcripts.logActivity(a)));
        });

        const ids = (list: { conversationId: string }[]) => list.map((s) => s.conversationId);

        it('lists every conversation, most recently active first, with what happened in it', async () => {
          const list = await backend.transcripts.listConversations({});
          assert.deepEqual(ids(list), ['c3', 'c2', 'c1']);
          assert.deepEqual(list[2], {
            channelId: 'webchat',
            conversationId: 'c1',
            municipality: 'askim',
            municipalities: ['askim'],
            firstAt: at(T0).toISOString(),
            lastAt: at(T0 + 3000).toISOString(),
            messages: 2,
            outcomes: { answer: 1, not_covered: 1 },
          });
          assert.deepEqual({ ...list[0], municipality: list[0]!.municipality }, {
            channelId: 'webchat', conversationId: 'c3', municipality: undefined, municipalities: [], firstAt: at(T0 + 9 * DAY).toISOString(),
            lastAt: at(T0 + 9 * DAY).toISOString(), messages: 1, outcomes: {},
          });
        });

        it('filters by municipality, channel and outcome', async () => {
          assert.deepEqual(ids(await backend.transcripts.listConversations({ municipality: 'askim' })), ['c1']);
          assert.deepEqual(ids(await backend.transcripts.listConversations({ channel: 'msteams' })), ['c2']);
          assert.deepEqual(ids(await backend.transcripts.listConversations({ outcome: 'dialog' })), ['c2']);
          assert.deepEqual(ids(await backend.transcripts.listConversations({ municipality: 'askim', outcome: 'dialog' })), []);
        });

        it('filters by activity in [from, to)', async () => {
          assert.deepEqual(ids(await backend.transcripts.listConversations({ from: at(T0 + 3 * DAY), to: at(T0 + 5 * DAY) })), ['c2']);
          assert.deepEqual(ids(await backend.transcripts.listConversations({ from: at(T0 + 3000) })), ['c3', 'c2', 'c1'], 'from is inclusive');
          assert.deepEqual(ids(await backend.transcripts.listConversations({ to: at(T0 + 4 * DAY) })), ['c1'], 'to is exclusive');
        });

        it('names the latest municipality when the resident switched, and all of them', async () => {
          await backend.transcripts.logActivity(botReplies('c1', 'Stranda nå.', T0 + 5000, { outcome: 'answer', municipality: 'stranda' }));
          const [c1] = (await backend.transcripts.listConversations({ channel: 'webchat', to: at(T0 + DAY) }));
          assert.equal(c1?.municipality, 'stranda');
          assert.deepEqual(c1?.municipalities, ['askim', 'stranda']);
          assert.deepEqual(ids(await backend.transcripts.listConversations({ municipality: 'askim' })), ['c1']);
        });

        it('forgets a deleted conversation in listing and reading', async () => {
          await backend.transcripts.deleteConversation('webchat', 'c1');
          assert.deepEqual(ids(await backend.transcripts.listConversations({})), ['c3', 'c2']);
          assert.deepEqual(await backend.transcripts.getTranscript('webchat', 'c1'), []);
          await backend.transcripts.deleteConversation('webchat', 'c1');
        });

        it('purges conversations whose last activity is before the cutoff, and only those', async () => {
          await backend.transcripts.logActivity(residentSays('c1', 'Er dere der ennå?', T0 + 6 * DAY));
          assert.equal(await backend.transcripts.purgeOlderThan(at(T0 + 5 * DAY)), 1);
          assert.deepEqual(ids(await backend.transcripts.listConversations({})), ['c3', 'c1']);
          assert.deepEqual(await backend.transcripts.getTranscript('msteams', 'c2'), []);
          assert.equal(await backend.transcripts.purgeOlderThan(at(T0 + 5 * DAY)), 0);
        });
      });

      it('stores no national ID, e-mail address, phone number, name or flagged answer', async () => {
        await backend.transcripts.logActivity(residentSays('c1', 'Fnr 29029600013, kari@eksempel.no, tlf 912 34 567', T0, {
          channelData: { municipality: 'askim', clientSecret: 'hemmelig-klientdata' },
          attachments: [{ contentType: 'text/plain', content: 'vedlegg-innhold' }],
          entities: [{ type: 'mention', text: 'Kari Nordmann' }],
        }));
        await backend.transcripts.logActivity(residentSays('c1', 'Kari Nordmann', T0 + 1000, { channelData: { [PERSONAL_DATA_FLAG]: true } }));
        await backend.transcripts.logActivity(botReplies('c1', '', T0 + 2000, { outcome: 'dialog', municipality: 'askim' }, {
          channelData: { outcome: 'dialog', municipality: 'askim', sources: [], language: 'nb', [PERSONAL_DATA_FLAG]: true },
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ text: 'Navn: Kari Nordmann, kari.n@eksempel.no' }] } }],
        }));
        const raw = await opened.raw();
        assert.match(raw, /\[e-post\]/, 'raw() reads the stored activities');
        for (const personal of ['29029600013', 'kari@eksempel.no', 'kari.n@eksempel.no', '912 34 567', 'Kari Nordmann', 'hemmelig-klientdata', 'vedlegg-innhold']) {
          assert.ok(!raw.includes(personal), `"${personal}" is stored`);
        }
        const transcript = await backend.transcripts.getTranscript('webchat', 'c1');
        assert.deepEqual(transcript.map((a) => a.text), [`Fnr [fødselsnummer fjernet], ${MASKS.email}, tlf ${MASKS.phone}`, MASKS.personalData, MASKS.personalData]);
        assert.deepEqual(transcript[0]!.channelData, { municipality: 'askim' });
        assert.equal(transcript[2]!.attachments, undefined);
      });

      it('leaves nothing of a deleted conversation in what it stores', async () => {
        await backend.transcripts.logActivity(residentSays('c1', 'unik-setning-om-barnehagen', T0));
        await backend.transcripts.logActivity(residentSays('c2', 'en annen samtale', T0));
        await backend.transcripts.deleteConversation('webchat', 'c1');
        const raw = await opened.raw();
        assert.ok(raw.includes('en annen samtale'), 'raw() reads the stored activities');
        assert.ok(!raw.includes('unik-setning-om-barnehagen'));
      });
    });

    describe('audit log', () => {
      const entry = (minute: number, municipality: string, action = 'view_conversation') => ({
        at: new Date(T0 + minute * 60_000).toISOString(), actor: 'saksbehandler@askim.kommune.no', action, municipality, target: `c${minute}`,
      });

      it('lists entries newest first, by municipality, up to a limit', async () => {
        for (const e of [entry(2, 'askim'), entry(1, 'askim', 'login'), entry(3, 'stranda'), entry(4, 'askim')]) await backend.audit.append(e);
        assert.deepEqual((await backend.audit.list({})).map((e) => e.target), ['c4', 'c3', 'c2', 'c1']);
        assert.deepEqual(await backend.audit.list({ municipality: 'askim', limit: 2 }), [entry(4, 'askim'), entry(2, 'askim')]);
        assert.deepEqual((await backend.audit.list({ limit: 1 })).map((e) => e.target), ['c4']);
        assert.deepEqual(await backend.audit.list({ municipality: 'fjellby' }), []);
      });

      it('refuses an entry it could not read back', async () => {
        await assert.rejects(backend.audit.append({ ...entry(1, 'askim'), at: 'i går' }), /AuditLog: invalid entry: at/);
      });
    });
  });
}
