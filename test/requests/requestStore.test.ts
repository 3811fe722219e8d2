import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteRequestStore, STORE_FILE } from '../../src/requests/sqliteRequestStore';
import type { NewRequest } from '../../src/requests/types';
import { behavesAsRequestStore, LEASE_MS } from './requestStoreSuite';
import { EMAIL, sampleRequest, tempDir } from './support';

describe('SqliteRequestStore', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const fileDir = () => join(dir.path, 'data');
  const removeFile = () => rmSync(fileDir(), { recursive: true, force: true });

  behavesAsRequestStore('in a file', (now) => SqliteRequestStore.open(fileDir(), { now }), removeFile);
  behavesAsRequestStore('in memory', (now) => SqliteRequestStore.inMemory({ now }));

  describe('on disk', () => {
    afterEach(removeFile);

    it('creates the data directory and keeps requests across close and reopen', async () => {
      const store = SqliteRequestStore.open(fileDir());
      const { reference } = await store.create(sampleRequest(), [EMAIL]);
      await store.close();
      const reopened = SqliteRequestStore.open(fileDir());
      assert.equal((await reopened.get(reference))?.details, 'Alt dere har om meg i barnehagesaken');
      assert.equal((await reopened.create(sampleRequest(), [EMAIL])).reference.slice(-6), '000002');
      await reopened.close();
    });
    it('never gives two stores on one file the same reference', async () => {
      const a = SqliteRequestStore.open(fileDir());
      const b = SqliteRequestStore.open(fileDir());
      const references: string[] = [];
      for (const s of [a, b, a, b]) references.push((await s.create(sampleRequest(), [EMAIL])).reference);
      assert.equal(new Set(references).size, 4);
      await a.close();
      await b.close();
    });
    it('writes no field it was not given into the file', async () => {
      const store = SqliteRequestStore.open(fileDir());
      await store.create({ ...sampleRequest(), nationalId: '01010112345' } as NewRequest, [EMAIL]);
      await store.close();
      const bytes = readdirSync(fileDir()).map((f) => readFileSync(join(fileDir(), f)).toString('latin1')).join('');
      assert.match(bytes, /Kari Nordmann/);
      assert.doesNotMatch(bytes, /01010112345/);
    });
    it('marks an unreadable delivery failed and still claims the others', async () => {
      const store = SqliteRequestStore.open(fileDir());
      const broken = (await store.create(sampleRequest(), [EMAIL])).reference;
      const fine = (await store.create(sampleRequest(), [EMAIL])).reference;
      const raw = new Database(join(fileDir(), STORE_FILE));
      raw.prepare("UPDATE deliveries SET target = '{\"channel\":\"pigeon\"}' WHERE reference = ?").run(broken);
      raw.close();
      assert.deepEqual((await store.claimDue({ now: new Date(), limit: 10, leaseMs: LEASE_MS })).map((c) => c.reference), [fine]);
      const delivery = (await store.get(broken))?.deliveries[0];
      assert.equal(delivery?.state, 'failed');
      assert.match(delivery?.lastError ?? '', /^RequestStore: stored delivery target is invalid: channel/);
      await store.close();
    });
    it('refuses a file from a newer version', async () => {
      await SqliteRequestStore.open(fileDir()).close();
      const raw = new Database(join(fileDir(), STORE_FILE));
      raw.pragma('user_version = 99');
      raw.close();
      assert.throws(() => SqliteRequestStore.open(fileDir()), /RequestStore .*personvern\.sqlite: schema version 99 is newer than this program knows \(1\)/);
    });
  });
});
