import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, readStorageConfig, storageOptions } from '../../src/storage/openStorage';

describe('readStorageConfig', () => {
  describe('when nothing is set', () => {
    it('uses SQLite and keeps transcripts 21 days', () => {
      assert.deepEqual(readStorageConfig({}), { STORAGE: 'sqlite', AZURE_STORAGE_CONTAINER_PREFIX: 'personvern', RETENTION_DAYS: 21 });
    });
  });

  describe('when STORAGE is azure-blob', () => {
    it('requires AZURE_STORAGE_CONNECTION_STRING, naming it', () => {
      assert.throws(() => readStorageConfig({ STORAGE: 'azure-blob' }), /^Error: Config: AZURE_STORAGE_CONNECTION_STRING is required when STORAGE is azure-blob$/);
    });

    it('refuses a value that is no connection string, without repeating it', () => {
      assert.throws(() => readStorageConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: 'hemmelig' }), (err: Error) => {
        assert.match(err.message, /^Config: AZURE_STORAGE_CONNECTION_STRING: is not an Azure Storage connection string/);
        assert.doesNotMatch(err.message, /hemmelig/);
        return true;
      });
    });

    it('accepts the development storage', () => {
      const config = readStorageConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
      assert.deepEqual(storageOptions(config, 'data'), { kind: 'azure-blob', dataDir: 'data', azureConnectionString: 'UseDevelopmentStorage=true', containerPrefix: 'personvern' });
    });
  });

  it('names the variable of a bad value', () => {
    assert.throws(() => readStorageConfig({ STORAGE: 'cosmos' }), /^Error: Config: STORAGE: /);
    assert.throws(() => readStorageConfig({ RETENTION_DAYS: '0' }), /^Error: Config: RETENTION_DAYS: /);
    assert.throws(() => readStorageConfig({ RETENTION_DAYS: '1.5' }), /^Error: Config: RETENTION_DAYS: /);
    assert.throws(() => readStorageConfig({ AZURE_STORAGE_CONTAINER_PREFIX: 'Personvern_' }), /^Error: Config: AZURE_STORAGE_CONTAINER_PREFIX: /);
  });
});

describe('openStorage', () => {
  it('opens the kind asked for', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'personvern-open-'));
    try {
      for (const kind of ['memory', 'sqlite'] as const) {
        const backend = await openStorage({ kind, dataDir });
        assert.equal(backend.kind, kind);
        await backend.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses azure-blob without a connection string', async () => {
    await assert.rejects(openStorage({ kind: 'azure-blob', dataDir: 'unused' }), /^Error: Storage: AZURE_STORAGE_CONNECTION_STRING is required/);
  });
});
