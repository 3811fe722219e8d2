import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('uses defaults for local use', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3978);
    assert.equal(config.DATA_DIR, 'data');
    assert.equal(config.MicrosoftAppId, undefined);
  });
  it('names the variable with a bad value', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /^ConfigError: Config: PORT: /);
    assert.throws(() => loadConfig({ MicrosoftAppType: 'Anyone' }), /Config: MicrosoftAppType: /);
  });
  it('requires a password with an app id, and a tenant for single tenant', () => {
    assert.throws(() => loadConfig({ MicrosoftAppId: 'abc' }), /MicrosoftAppPassword is required/);
    assert.throws(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppTenantId is required/);
  });
  it('stores in SQLite in DATA_DIR unless told otherwise, and keeps transcripts 21 days', () => {
    const config = loadConfig({});
    assert.equal(config.STORAGE, 'sqlite');
    assert.equal(config.RETENTION_DAYS, 21);
  });
  it('needs a connection string and a shared staff session secret for Azure Blob storage, without echoing the string', () => {
    assert.throws(() => loadConfig({ STORAGE: 'azure-blob' }), /AZURE_STORAGE_CONNECTION_STRING is required/);
    assert.throws(() => loadConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }), /STAFF_SESSION_SECRET is required/);
    const ok = loadConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', STAFF_SESSION_SECRET: 'x'.repeat(32) });
    assert.equal(ok.STORAGE, 'azure-blob');
    assert.throws(() => loadConfig({ AZURE_STORAGE_CONNECTION_STRING: 'not-a-connection-string-hemmelig' }), (err: Error) => !err.message.includes('hemmelig'));
    assert.throws(() => loadConfig({ RETENTION_DAYS: '0' }), /RETENTION_DAYS/);
  });
});
