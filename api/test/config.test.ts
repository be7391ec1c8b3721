import { ConfigError, loadConfig } from '../src/config.js';

const production = {
  CONFER_MODE: 'production',
  DATABASE_URL: 'postgres://confer@db.example:5432/confer',
  DATABASE_MIGRATION_URL: 'postgres://confer_owner@db.example:5432/confer',
  AZURE_STORAGE_ACCOUNT_URL: 'https://conferfiles.blob.core.windows.net',
  ACS_ENDPOINT: 'https://confer.communication.azure.com',
  ACS_EMAIL_SENDER: 'no-reply@confer.example',
  ACS_WEBHOOK_SECRET: 'a'.repeat(40),
  ENTRA_ALLOWED_TENANT_IDS: '11111111-2222-4333-8444-555555555555',
  ENTRA_API_AUDIENCE: 'api://6c1f0d3a-1b2c-4d5e-8f90-123456789abc',
  ENTRA_CLIENT_ID: '6c1f0d3a-1b2c-4d5e-8f90-123456789abc',
  PUBLIC_BASE_URL: 'https://confer.example',
  CONFER_SEAL_KEY: Buffer.alloc(32, 1).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  test('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe('.confer');
    expect(config.database.url).toBeUndefined();
  });

  test('when PORT is set, then it overrides the port and the local URLs follow it', () => {
    const config = loadConfig({ PORT: '4100' });
    expect(config.port).toBe(4100);
    expect(config.identity.jwksUrl).toBe('http://127.0.0.1:4100/dev/jwks.json');
  });

  test('when every production setting is present, then production mode starts', () => {
    const config = loadConfig(production);
    expect(config.mode).toBe('production');
    expect(config.identity.allowedTenantIds).toEqual(['11111111-2222-4333-8444-555555555555']);
    expect(config.identity.issuerTemplate).toContain('{tid}');
  });

  test('when production has nothing set, then one error lists every missing setting', () => {
    const problems = problemsOf({ CONFER_MODE: 'production' });
    const text = problems.join('\n');
    for (const name of [
      'DATABASE_URL',
      'DATABASE_MIGRATION_URL',
      'AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING',
      'ACS_ENDPOINT or ACS_CONNECTION_STRING',
      'ACS_EMAIL_SENDER',
      'ACS_WEBHOOK_SECRET',
      'ENTRA_ALLOWED_TENANT_IDS',
      'ENTRA_API_AUDIENCE',
      'ENTRA_CLIENT_ID',
      'PUBLIC_BASE_URL',
      'CONFER_SEAL_KEY',
    ]) {
      expect(text).toContain(name);
    }
    expect(problems).toHaveLength(11);
  });

  test.each([
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL'],
    ['PORT', 'eighty', 'PORT'],
    ['PORT', '70000', 'PORT'],
    ['CONFER_MODE', 'staging', 'CONFER_MODE'],
    ['ENTRA_ALLOWED_TENANT_IDS', 'not-a-guid', 'ENTRA_ALLOWED_TENANT_IDS'],
    ['ENTRA_CLIENT_ID', 'abc', 'ENTRA_CLIENT_ID'],
    ['ACS_EMAIL_SENDER', 'not-an-email', 'ACS_EMAIL_SENDER'],
    ['ACS_SMS_SENDER', '07700 900123', 'ACS_SMS_SENDER'],
    ['ACS_WEBHOOK_SECRET', 'short', 'ACS_WEBHOOK_SECRET'],
    ['ACS_ENDPOINT', 'http://insecure.example', 'ACS_ENDPOINT'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
    ['AZURE_STORAGE_CONTAINER', 'Bad_Name', 'AZURE_STORAGE_CONTAINER'],
    ['PUBLIC_BASE_URL', 'not a url', 'PUBLIC_BASE_URL'],
  ])('when %s is %p, then startup stops naming it', (name, value, expected) => {
    const problems = problemsOf({ ...production, [name]: value });
    expect(problems.join('\n')).toContain(expected);
  });

  test('when production URLs are plain http, then they are refused', () => {
    const problems = problemsOf({
      ...production,
      PUBLIC_BASE_URL: 'http://confer.example',
      AZURE_STORAGE_ACCOUNT_URL: 'http://files.example',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PUBLIC_BASE_URL: must be https in production',
        'AZURE_STORAGE_ACCOUNT_URL: must be https in production',
      ]),
    );
  });

  test('when settings are both malformed and missing, then all are reported together', () => {
    const problems = problemsOf({ CONFER_MODE: 'production', PORT: 'x', LOG_LEVEL: 'loud' });
    const text = problems.join('\n');
    expect(text).toContain('PORT');
    expect(text).toContain('LOG_LEVEL');
    expect(text).toContain('DATABASE_URL: required in production');
    expect(text).toContain('ENTRA_CLIENT_ID: required in production');
  });

  test('when the issuer template lacks {tid} in production, then it is refused', () => {
    expect(problemsOf({ ...production, ENTRA_ISSUER_TEMPLATE: 'https://issuer.example' }).join()).toContain(
      'ENTRA_ISSUER_TEMPLATE',
    );
  });
});
