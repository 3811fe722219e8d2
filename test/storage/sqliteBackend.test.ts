import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteBackend, WORKSPACE_FILE } from '../../src/storage/sqliteBackend';
import { backendSuite, residentSays } from './backendSuite';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'personvern-storage-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The database file and its write-ahead log, byte for byte. */
function fileBytes(dataDir: string): string {
  const file = join(dataDir, WORKSPACE_FILE);
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8')).join('\n');
}

backendSuite('SQLite', {
  async open() {
    const dataDir = tempDir();
    return { backend: openSqliteBackend(dataDir), raw: async () => fileBytes(dataDir) };
  },
});

describe('SQLite storage backend', () => {
  describe('when the file is opened again', () => {
    it('keeps bot state, transcripts and the audit log', async () => {
      const dataDir = tempDir();
      const first = openSqliteBackend(dataDir);
      await first.botState.write({ k: { n: 1 } });
      await first.transcripts.logActivity(residentSays('c1', 'Hei', Date.parse('2024-03-01T10:00:00Z')));
      await first.audit.append({ at: '2024-03-01T10:00:00.000Z', actor: 'a@askim.kommune.no', action: 'login', municipality: 'askim' });
      await first.close();
      const second = openSqliteBackend(dataDir);
      assert.equal((await second.botState.read(['k'])).k.n, 1);
      assert.deepEqual((await second.transcripts.getTranscript('webchat', 'c1')).map((a) => a.text), ['Hei']);
      assert.equal((await second.audit.list({})).length, 1);
      await second.close();
    });
  });
});
