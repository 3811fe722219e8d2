import assert from 'node:assert/strict';
import pino from 'pino';
import { z } from 'zod';
import { MemoryTranscriptArchive, openMemoryBackend } from '../../src/storage/memoryBackend';
import { RetentionJob } from '../../src/storage/retention';
import { botReplies, residentSays } from './backendSuite';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2024-04-01T12:00:00.000Z');

/** A pino logger whose lines the test reads. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(z.record(z.string(), z.unknown()).parse(JSON.parse(line))) });
  return { logger, lines };
}

async function archiveWith(lastActivity: Record<string, number>): Promise<MemoryTranscriptArchive> {
  const archive = new MemoryTranscriptArchive(() => new Date(NOW));
  for (const [id, daysAgo] of Object.entries(lastActivity)) {
    await archive.logActivity(residentSays(id, 'Kari Nordmann spør om barnehagen', NOW - (daysAgo + 1) * DAY));
    await archive.logActivity(botReplies(id, 'Svar', NOW - daysAgo * DAY, { outcome: 'answer', municipality: 'askim' }));
  }
  return archive;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const ids = async (archive: MemoryTranscriptArchive) => (await archive.listConversations({})).map((s) => s.conversationId).sort();

describe('RetentionJob', () => {
  describe('when it runs', () => {
    it('purges conversations idle longer than the retention period, and logs how many and the cutoff only', async () => {
      const archive = await archiveWith({ old: 30, edge: 21.5, recent: 20, today: 0 });
      const { logger, lines } = recordingLogger();
      const job = new RetentionJob({ archive, days: 21, logger, now: () => new Date(NOW) });
      assert.deepEqual(await job.runOnce(), { purgedTranscripts: 2, purgedStates: 0 });
      assert.deepEqual(await ids(archive), ['recent', 'today']);
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.purgedTranscripts, 2);
      assert.equal(lines[0]!.cutoff, new Date(NOW - 21 * DAY).toISOString());
      assert.doesNotMatch(JSON.stringify(lines), /old|edge|Kari|barnehagen/);
    });

    it('purges bot state last written before the cutoff too, and logs both counts', async () => {
      let now = NOW - 30 * DAY;
      const backend = openMemoryBackend({ now: () => new Date(now) });
      await backend.botState.write({ 'webchat/conversations/abandoned': { draft: { name: 'Kari Nordmann', concerns: 'barnehagen' } } });
      await backend.transcripts.logActivity(residentSays('abandoned', 'Hei', now));
      now = NOW - 21 * DAY - 1;
      await backend.botState.write({ 'webchat/conversations/edge': { step: 1 } });
      now = NOW - 21 * DAY;
      await backend.botState.write({ 'webchat/conversations/at-cutoff': { step: 1 } });
      now = NOW;
      await backend.botState.write({ 'webchat/conversations/today': { step: 3 } });
      const { logger, lines } = recordingLogger();
      const job = new RetentionJob({ archive: backend.transcripts, state: backend, days: 21, logger, now: () => new Date(now) });
      assert.deepEqual(await job.runOnce(), { purgedTranscripts: 1, purgedStates: 2 });
      const keys = ['abandoned', 'edge', 'at-cutoff', 'today'].map((id) => `webchat/conversations/${id}`);
      assert.deepEqual(Object.keys(await backend.botState.read(keys)), ['webchat/conversations/at-cutoff', 'webchat/conversations/today']);
      assert.equal(lines.length, 1);
      assert.deepEqual(lines[0], {
        ...lines[0], msg: 'retention purge done', purgedTranscripts: 1, purgedStates: 2, cutoff: new Date(NOW - 21 * DAY).toISOString(), retentionDays: 21,
      });
      assert.doesNotMatch(JSON.stringify(lines), /abandoned|edge|Kari|barnehagen/);
    });
  });

  describe('when started', () => {
    it('purges at once, then on its interval until stopped', async () => {
      let now = NOW;
      const archive = await archiveWith({ old: 30, recent: 20 });
      const { logger, lines } = recordingLogger();
      const job = new RetentionJob({ archive, days: 21, logger, now: () => new Date(now), intervalMs: 20 });
      await job.start();
      assert.deepEqual(await ids(archive), ['recent']);
      now += 2 * DAY;
      await waitFor(async () => (await ids(archive)).length === 0);
      await job.stop();
      assert.deepEqual(await ids(archive), []);
      const runs = lines.length;
      assert.ok(runs >= 2 && lines.some((l) => l.purgedTranscripts === 1 && l.cutoff === new Date(NOW + 2 * DAY - 21 * DAY).toISOString()));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(lines.length, runs, 'no runs after stop()');
    });

    it('logs a failed purge and keeps going', async () => {
      const { logger, lines } = recordingLogger();
      const job = new RetentionJob({ archive: { purgeOlderThan: () => Promise.reject(new Error('storage unreachable')) }, days: 21, logger });
      await job.start();
      await job.stop();
      assert.equal(lines[0]!.msg, 'retention purge failed');
      assert.equal(lines[0]!.err, 'transcripts: storage unreachable');
    });

    it('purges bot state even when the transcript purge fails, and logs what it did', async () => {
      const { logger, lines } = recordingLogger();
      const job = new RetentionJob({
        archive: { purgeOlderThan: () => Promise.reject(new Error('storage unreachable')) },
        state: { purgeBotStateOlderThan: async () => 3 },
        days: 21,
        logger,
        now: () => new Date(NOW),
      });
      await assert.rejects(job.runOnce(), /^Error: RetentionJob: transcripts: storage unreachable$/);
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.msg, 'retention purge failed');
      assert.equal(lines[0]!.purgedStates, 3);
      assert.equal(lines[0]!.purgedTranscripts, undefined);
    });
  });

  it('refuses a retention period below one day', () => {
    assert.throws(() => new RetentionJob({ archive: new MemoryTranscriptArchive(), days: 0, logger: pino({ level: 'silent' }) }), /RetentionJob: days must be a whole number ≥ 1, got 0/);
  });
});
