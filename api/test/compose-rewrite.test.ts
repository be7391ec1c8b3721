import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { rewriteInstruction } from '../src/modules/compose/rewrite-instructions.js';
import {
  cognitiveServicesAudience,
  startAzureOpenAiEmulator,
  type TAzureOpenAiEmulator,
} from './support/azure-openai-emulator.js';
import { bearer, createFirm } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

/**
 * Tone help: the real `openai` SDK's AzureOpenAI client, signed in by the real
 * DefaultAzureCredential through the managed identity endpoint, talking HTTP to the loopback
 * emulator (api/test/support/azure-openai-emulator.ts).
 */
const draft = "Hi Mrs Patel, I can't meet on 3 March, and thanks for the £1,250.00 payment on matter M-1042.";
const formal = 'Dear Mrs Patel, I cannot meet on 3 March, and Thank you for the £1,250.00 payment on matter M-1042.';

describe('tone help when Azure OpenAI is not configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  test('when staff ask for a rewrite, then 404 feature_disabled and /me says the feature is off', async () => {
    const f = await createFirm(app);
    const res = await app.http
      .post('/api/v1/compose/rewrite')
      .set(bearer(f.member.token))
      .send({ text: draft, style: 'formal' })
      .expect(404);
    expect(res.body).toMatchObject({ code: 'feature_disabled' });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const me = await app.http.get('/api/v1/me').set(bearer(f.member.token)).expect(200);
    expect(me.body.features).toEqual({ rewrite: false });
  });

  test('when no one is signed in, then a rewrite is refused with 401 before anything else', async () => {
    await app.http.post('/api/v1/compose/rewrite').send({ text: draft, style: 'formal' }).expect(401);
  });
});

describe('tone help settings', () => {
  test('when only one of the endpoint and the deployment is set, or the endpoint is plain http elsewhere, then the app does not start', () => {
    expect(() => loadConfig({ AZURE_OPENAI_ENDPOINT: 'https://firm.openai.azure.com' })).toThrow(
      /AZURE_OPENAI_DEPLOYMENT: required with AZURE_OPENAI_ENDPOINT/,
    );
    expect(() => loadConfig({ AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini' })).toThrow(
      /AZURE_OPENAI_ENDPOINT: required with AZURE_OPENAI_DEPLOYMENT/,
    );
    expect(() =>
      loadConfig({ AZURE_OPENAI_ENDPOINT: 'http://firm.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini' }),
    ).toThrow(/AZURE_OPENAI_ENDPOINT: must be https/);
    expect(() =>
      loadConfig({ AZURE_OPENAI_DEPLOYMENT: 'my deployment/../x', AZURE_OPENAI_ENDPOINT: 'https://a.b' }),
    ).toThrow(/AZURE_OPENAI_DEPLOYMENT: must be a deployment name/);
    expect(
      loadConfig({ AZURE_OPENAI_ENDPOINT: 'https://firm.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini' })
        .azureOpenAi,
    ).toEqual({
      endpoint: 'https://firm.openai.azure.com',
      deployment: 'gpt-4o-mini',
      apiVersion: '2024-10-21',
      timeoutMs: 20_000,
    });
    expect(loadConfig({}).azureOpenAi).toBeUndefined();
  });
});

describe('tone help with Azure OpenAI', () => {
  let emulator: TAzureOpenAiEmulator;
  let app: TestApp;
  let f: Awaited<ReturnType<typeof createFirm>>;
  const lines: string[] = [];
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    emulator = await startAzureOpenAiEmulator();
    // the managed identity, as App Service and Container Apps expose it
    process.env.IDENTITY_ENDPOINT = emulator.identityEndpoint;
    process.env.IDENTITY_HEADER = emulator.identityHeader;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    app = await startTestApp(
      {
        AZURE_OPENAI_ENDPOINT: emulator.endpoint,
        AZURE_OPENAI_DEPLOYMENT: emulator.deployment,
        AZURE_OPENAI_TIMEOUT_SECONDS: '5',
      },
      { logger: pino({ level: 'trace' }, sink) },
    );
    f = await createFirm(app);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
    for (const [name, value] of [
      ['IDENTITY_ENDPOINT', saved.endpoint],
      ['IDENTITY_HEADER', saved.header],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterEach(() => emulator.failWith('none'));

  const rewrite = (body: object, token = f.member.token) =>
    app.http.post('/api/v1/compose/rewrite').set(bearer(token)).send(body);

  test('when staff ask for a formal rewrite, then they get the suggestion, sent as the system instruction and the draft to the deployment with the managed identity token', async () => {
    const me = await app.http.get('/api/v1/me').set(bearer(f.member.token)).expect(200);
    expect(me.body.features).toEqual({ rewrite: true });

    const res = await rewrite({ text: draft, style: 'formal' }).expect(200);
    expect(res.body).toEqual({ suggestion: formal, style: 'formal' });

    const sent = emulator.completions.at(-1)!;
    expect(sent.audience).toBe(cognitiveServicesAudience);
    expect(sent.deployment).toBe(emulator.deployment);
    expect(sent.apiVersion).toBe('2024-10-21');
    expect(sent.body.messages).toEqual([
      { role: 'system', content: rewriteInstruction('formal') },
      { role: 'user', content: draft },
    ]);
    expect(emulator.tokenRequests.at(-1)).toEqual({ resource: cognitiveServicesAudience });
    // nothing was sent: the conversation-free endpoint stores no message
    expect(await app.outbox()).toEqual([]);
  });

  test('when staff pick each other style, then each asks for that style and keeps the facts the instruction names', async () => {
    const shorter = await rewrite({ text: 'I just really need the signed lease by 5 May.', style: 'shorter' }).expect(
      200,
    );
    expect(shorter.body.suggestion).toBe('I need the signed lease by 5 May.');
    const clearer = await rewrite({ text: 'The hearing is on 9 June, and bring your ID.', style: 'clearer' }).expect(
      200,
    );
    expect(clearer.body.suggestion).toBe('The hearing is on 9 June. Bring your ID.');
    const plain = await rewrite({ text: 'Pay forthwith pursuant to clause 4.', style: 'plain' }).expect(200);
    expect(plain.body.suggestion).toBe('Pay now under clause 4.');
    for (const style of ['clearer', 'formal', 'shorter', 'plain'] as const) {
      expect(rewriteInstruction(style)).toMatch(/names, dates, times, amounts/);
      expect(rewriteInstruction(style)).toMatch(/Do not add facts/);
    }
  });

  test('when the draft is too long, empty, or the style unknown, then 400 names the field and nothing reaches the provider', async () => {
    const before = emulator.completions.length;
    const long = await rewrite({ text: 'a'.repeat(4001), style: 'formal' }).expect(400);
    expect(long.body.errors).toEqual([
      expect.objectContaining({ location: 'body', field: 'text', message: 'must be at most 4000 characters' }),
    ]);
    const empty = await rewrite({ text: '   ', style: 'formal' }).expect(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'text', message: 'must not be empty' })]);
    const style = await rewrite({ text: draft, style: 'pirate' }).expect(400);
    expect(style.body.errors).toEqual([expect.objectContaining({ field: 'style' })]);
    await rewrite({ text: 'a'.repeat(4000), style: 'shorter' }).expect(200);
    expect(emulator.completions.length).toBe(before + 1);
  });

  test('when the provider fails with 500 quoting the draft, then 502 rewrite_unavailable and neither the draft nor the answer is in any log line', async () => {
    const secret = 'Confidential: the settlement with Harrow Ltd is £82,000 on 14 April';
    emulator.failWith('server-error');
    const failed = await rewrite({ text: secret, style: 'clearer' }).expect(502);
    expect(failed.body).toMatchObject({ code: 'rewrite_unavailable' });
    expect(failed.body.detail).toMatch(/your draft is unchanged/);
    expect(JSON.stringify(failed.body)).not.toContain('Harrow');

    emulator.failWith('none');
    const ok = await rewrite({ text: `${secret}, thanks`, style: 'formal' }).expect(200);
    expect(ok.body.suggestion).toContain('Thank you');
    await new Promise((r) => setTimeout(r, 100));

    const log = lines.join('\n');
    expect(lines.some((l) => l.includes('/api/v1/compose/rewrite'))).toBe(true); // the access log did log them
    expect(lines.some((l) => l.includes('"status":500') && l.includes('rewrite failed'))).toBe(true);
    for (const fragment of ['Harrow', '82,000', 'settlement', 'Thank you']) expect(log).not.toContain(fragment);
  });

  test('when the provider is slower than the timeout, then 504 rewrite_timeout says how long it waited', async () => {
    emulator.failWith({ delayMs: 6500 });
    const res = await rewrite({ text: draft, style: 'formal' }).expect(504);
    expect(res.body).toMatchObject({ code: 'rewrite_timeout' });
    expect(res.body.detail).toMatch(/did not answer within 5 seconds/);
  });

  test('when the provider throttles or filters, then 503 rewrite_busy with Retry-After, or 422 rewrite_refused', async () => {
    emulator.failWith('throttled');
    const busy = await rewrite({ text: draft, style: 'formal' }).expect(503);
    expect(busy.body).toMatchObject({ code: 'rewrite_busy' });
    expect(busy.headers['retry-after']).toBeDefined();
    emulator.failWith('content-filter');
    const refused = await rewrite({ text: draft, style: 'formal' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'rewrite_refused' });
  });

  test('when a staff member asks more than 20 times a minute, then 429 rewrite_rate_limited until the minute has passed, and colleagues are not affected', async () => {
    const busy = await f.addStaff('Rita Rewriter', 'staff');
    for (let i = 0; i < 20; i++) await rewrite({ text: `Draft ${i}`, style: 'shorter' }, busy.token).expect(200);
    const limited = await rewrite({ text: 'Draft 21', style: 'shorter' }, busy.token).expect(429);
    expect(limited.body).toMatchObject({ code: 'rewrite_rate_limited' });
    expect(limited.body.retryAfterSeconds).toBeGreaterThan(0);
    await rewrite({ text: draft, style: 'shorter' }, f.admin.token).expect(200);
    app.clock.advance(61_000);
    await rewrite({ text: 'Draft 22', style: 'shorter' }, busy.token).expect(200);
    app.clock.reset();
  });
});
