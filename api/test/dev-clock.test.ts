import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { startServer, type RunningConfer } from '../src/server.js';

/**
 * /dev/clock moves the app's clock of a running embedded-mode process (the server as
 * `npm start` runs it), so a separately started drill or demo can watch expiry rules act.
 */
describe('the embedded-mode clock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confer-dev-clock-'));
  let running: RunningConfer;
  let base: string;
  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    running = await startServer(
      loadConfig({
        PORT: String(port),
        CONFER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING!,
        AZURE_STORAGE_CONTAINER: 'dev-clock',
      }),
    );
  }, 90_000);
  afterAll(async () => {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const json = async (path: string, init: RequestInit & { body?: string } = {}) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        origin: `http://localhost:${new URL(base).port}`,
        ...init.headers,
      },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const moveClock = (body: object) => json('/dev/clock', { method: 'PUT', body: JSON.stringify(body) });

  test('when the clock is moved to an instant or by an offset, then /dev/clock reports it and malformed moves are refused', async () => {
    const at = new Date(Date.now() + 3_600_000);
    const moved = await moveClock({ at: at.toISOString() });
    expect(moved.status).toBe(200);
    expect(Math.abs(Date.parse(moved.body.now) - at.getTime())).toBeLessThan(1000);
    expect(Math.abs(moved.body.offsetMs - 3_600_000)).toBeLessThan(1000);
    expect((await moveClock({ offsetMs: 0 })).body.offsetMs).toBe(0);
    const bad = await moveClock({ offsetMs: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  test('when the clock moves 9:59 past a code being sent it still signs in, and 10:01 past it the code has expired', async () => {
    const { token } = (
      await json('/dev/token', {
        method: 'POST',
        body: JSON.stringify({ email: 'alex.morgan@harbourvale.example' }),
      })
    ).body as { token: string };
    const staff = { authorization: `Bearer ${token}` };
    const matters = (await json('/api/v1/matters', { headers: staff })).body.items as Array<{
      id: string;
      number: string;
    }>;
    const matterId = matters.find((m) => m.number === '2026-0001')!.id;
    const contact = (
      await json('/api/v1/contacts', {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ name: 'Clock Client', email: 'clock.client@mail.example', kind: 'client' }),
      })
    ).body as { id: string };
    expect(
      (await json(`/api/v1/matters/${matterId}/contacts/${contact.id}`, { method: 'PUT', headers: staff })).status,
    ).toBeLessThan(300);
    const conversation = await json('/api/v1/conversations', {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ kind: 'external_matter', matterId, contactIds: [contact.id] }),
    });
    expect(conversation.status).toBe(201);
    type TMail = { to: string; kind: string; subject?: string; text?: string };
    const mails = async () =>
      ((await json('/dev/outbox.json')).body.items as TMail[]).filter((m) => m.to === 'clock.client@mail.example');
    const link = /#link=([A-Za-z0-9_-]+)/.exec((await mails()).find((m) => m.kind === 'secure_link')!.text!)![1]!;

    const signIn = async (offsetMs: number) => {
      const before = Date.parse((await json('/dev/clock')).body.now);
      const opened = await json('/api/portal/v1/auth/open', { method: 'POST', body: JSON.stringify({ token: link }) });
      const after = Date.parse((await json('/dev/clock')).body.now);
      const code = /\b(\d{6})\b/.exec((await mails()).find((m) => m.kind === 'sign_in_code')!.subject!)![1]!;
      // before ≤ sent ≤ after: moving to before+9:59 is inside the 10 minutes, after+10:01 outside
      await moveClock({ at: new Date((offsetMs < 600_000 ? before : after) + offsetMs).toISOString() });
      const verified = await json('/api/portal/v1/auth/verify', {
        method: 'POST',
        body: JSON.stringify({ attemptToken: opened.body.attemptToken, code }),
      });
      await moveClock({ offsetMs: 0 });
      return verified;
    };
    expect((await signIn(9 * 60_000 + 59_000)).status).toBe(200);
    const late = await signIn(10 * 60_000 + 1_000);
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('code_expired');
  });
});
