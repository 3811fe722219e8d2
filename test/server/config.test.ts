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
});
