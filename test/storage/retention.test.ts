import assert from 'node:assert/strict';
import pino from 'pino';
import { z } from 'zod';
import { MemoryTranscriptArchive } from '../../src/storage/memoryBackend';
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
      assert.equal(await job.runOnce(), 2);
      assert.deepEqual(await ids(archive), ['recent', 'today']);
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.purged, 2);
      assert.equal(lines[0]!.cutoff, new Date(NOW - 21 * DAY).toISOString());
      assert.doesNotMatch(JSON.stringify(lines), /old|edge|Kari|barnehagen/);
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
      assert.ok(runs >= 2 && lines.some((l) => l.purged === 1 && l.cutoff === new Date(NOW + 2 * DAY - 21 * DAY).toISOString()));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(lines.length, runs, 'no runs after stop()');
    });

    it('logs a failed purge and keeps going', async () => {
      const { logger, lines } = recordingLogger();
      const job = new RetentionJob({ archive: { purgeOlderThan: () => Promise.reject(new Error('storage unreachable')) }, days: 21, logger });
      await job.start();
      await job.stop();
      assert.equal(lines[0]!.msg, 'transcript purge failed');
      assert.equal(lines[0]!.err, 'storage unreachable');
    });
  });

  it('refuses a retention period below one day', () => {
    assert.throws(() => new RetentionJob({ archive: new MemoryTranscriptArchive(), days: 0, logger: pino({ level: 'silent' }) }), /RetentionJob: days must be a whole number ≥ 1, got 0/);
  });
});
