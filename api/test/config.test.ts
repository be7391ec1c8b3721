import { ConfigError, loadConfig } from '../src/config.js';

const production = {
  CONFER_MODE: 'production',
  DATABASE_URL: 'postgres://confer@db.example:5432/confer',
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

  test('when no HTTP limits are set, then they suit 100 MB uploads on slow links; behind the production proxy there is no per-address cap', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 30 * 60_000,
      bodyMinBytesPerSecond: 1024,
      bodyRateWindowMs: 20_000,
      maxConnectionsPerIp: 256,
    });
    expect(loadConfig(production).http.maxConnectionsPerIp).toBe(0);
    expect(loadConfig({ ...production, HTTP_MAX_CONNECTIONS_PER_IP: '500' }).http.maxConnectionsPerIp).toBe(500);
  });

  test('when the headers may take longer than the whole request, then the configuration is refused', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_SECONDS: '120', HTTP_REQUEST_TIMEOUT_SECONDS: '60' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_SECONDS: must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS',
    ]);
    expect(problemsOf({ HTTP_BODY_MIN_BYTES_PER_SECOND: '-1' })[0]).toMatch(/^HTTP_BODY_MIN_BYTES_PER_SECOND: /);
  });

  test('when LOG_FORMAT is not set, then embedded logs are readable lines and production logs are JSON', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig(production).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
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
    expect(problems).toHaveLength(10);
    // replicas never migrate: the owner's URL is the migration job's alone (see runFromCommandLine)
    expect(text).not.toContain('DATABASE_MIGRATION_URL');
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
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT'],
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

  test('when DATABASE_AUTH is entra, then the URL must name the principal and carry no password', () => {
    const config = loadConfig({
      ...production,
      DATABASE_AUTH: 'entra',
      DATABASE_URL: 'postgres://id-api@db.example/confer',
    });
    expect(config.database.auth).toBe('entra');
    expect(
      problemsOf({ ...production, DATABASE_AUTH: 'entra', DATABASE_URL: 'postgres://id-api:pw@db.example/confer' }),
    ).toEqual(['DATABASE_URL: must not carry a password when DATABASE_AUTH=entra']);
    expect(problemsOf({ DATABASE_AUTH: 'entra', DATABASE_URL: 'postgres://db.example/confer' })).toEqual([
      'DATABASE_URL: must name the Entra principal as its user when DATABASE_AUTH=entra',
    ]);
    expect(problemsOf({ DATABASE_AUTH: 'entra' })).toEqual(['DATABASE_AUTH: entra needs DATABASE_URL']);
    // the migration job's owner URL follows the same rule
    expect(
      problemsOf({
        ...production,
        DATABASE_AUTH: 'entra',
        DATABASE_MIGRATION_URL: 'postgres://:secret@db.example/confer',
      }),
    ).toEqual([
      'DATABASE_MIGRATION_URL: must not carry a password when DATABASE_AUTH=entra',
      'DATABASE_MIGRATION_URL: must name the Entra principal as its user when DATABASE_AUTH=entra',
    ]);
    expect(problemsOf({ DATABASE_AUTH: 'kerberos' }).join()).toContain('DATABASE_AUTH');
    expect(loadConfig({}).database.auth).toBe('password');
  });

  test('when DATABASE_APP_PRINCIPAL is set, then it names the role the migration job makes a member of confer_app, and a quote in it is refused', () => {
    expect(loadConfig({ DATABASE_APP_PRINCIPAL: 'id-api-x7k2' }).database.appPrincipal).toBe('id-api-x7k2');
    expect(loadConfig({}).database.appPrincipal).toBeUndefined();
    expect(problemsOf({ DATABASE_APP_PRINCIPAL: 'id"; drop role x; --' }).join()).toContain(
      'DATABASE_APP_PRINCIPAL: must not contain a double quote',
    );
    expect(problemsOf({ DATABASE_APP_PRINCIPAL: 'x'.repeat(64) }).join()).toContain(
      'DATABASE_APP_PRINCIPAL: must be at most 63',
    );
  });

  test('when TRUST_PROXY is set, then it takes hops or subnets, and refuses trusting everyone', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ...production }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
    for (const bad of ['true', 'everyone', '11']) {
      expect(problemsOf({ TRUST_PROXY: bad }).join()).toContain('TRUST_PROXY: must be false, a number of proxy hops');
    }
  });

  test('when an Application Insights connection string is set, then the config carries it', () => {
    const connectionString =
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x.example/';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry.connectionString).toBe(
      connectionString,
    );
    expect(loadConfig({}).telemetry.connectionString).toBeUndefined();
  });
});
