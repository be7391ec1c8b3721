import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { startServer } from '../src/server.js';

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Alex's inbox rows: conversation, last message and unread count. */
async function inboxOf(base: string, token: string) {
  const res = await fetch(`${base}/api/v1/inbox?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as {
    items: Array<{ conversationId: string; lastMessage: { id: string } | null; unreadCount: number }>;
  };
  return body.items.map((r) => [r.conversationId, r.lastMessage?.id, r.unreadCount]);
}

describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'confer-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('when started twice on one data dir, then the demo firm and its history are seeded once and data survives; Azurite stops with the API', async () => {
    const port = await findFreePort();
    const config = loadConfig({ PORT: String(port), CONFER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const base = `http://127.0.0.1:${port}`;

    const first = await startServer(config);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const alex = await signIn(base, 'alex.morgan@harbourvale.example');
    const list = (await (
      await fetch(`${base}/api/v1/matters`, { headers: { authorization: `Bearer ${alex}` } })
    ).json()) as {
      items: Array<{ number: string; restricted: boolean; status: string }>;
    };
    expect(list.items.map((m) => m.number).sort()).toEqual(['2025-0117', '2026-0001', '2026-0002', '2026-0003']);
    expect(list.items.find((m) => m.number === '2026-0002')?.restricted).toBe(true);
    expect(list.items.find((m) => m.number === '2025-0117')?.status).toBe('closed');
    const tom = await signIn(base, 'tom.becker@harbourvale.example');
    const tomList = (await (
      await fetch(`${base}/api/v1/matters`, { headers: { authorization: `Bearer ${tom}` } })
    ).json()) as {
      items: Array<{ number: string }>;
    };
    expect(tomList.items.map((m) => m.number)).not.toContain('2026-0002');
    const staff = (await (
      await fetch(`${base}/api/v1/staff`, { headers: { authorization: `Bearer ${alex}` } })
    ).json()) as {
      items: Array<{ role: string }>;
    };
    expect(staff.items).toHaveLength(5);
    expect(staff.items.filter((s) => s.role === 'admin')).toHaveLength(1);
    const created = await fetch(`${base}/api/v1/matters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alex}`, 'content-type': 'application/json' },
      body: JSON.stringify({ number: 'KEEP-1', title: 'Survives a restart' }),
    });
    expect(created.status).toBe(201);
    // the first start wrote the demo history: Alex's inbox is not empty
    const firstInbox = await inboxOf(base, alex);
    expect(firstInbox.length).toBeGreaterThanOrEqual(8);
    const readyBody = (await ready.json()) as { checks: Record<string, string> };
    expect(readyBody.checks.blobStorage).toBe('ok');

    expect(first.azuritePort).toBeDefined();
    expect(await portIsOpen(first.azuritePort!)).toBe(true);
    await first.stop();
    expect(await portIsOpen(port)).toBe(false);
    expect(await portIsOpen(first.azuritePort!)).toBe(false);

    const second = await startServer(config);
    const token = await signIn(base, 'alex.morgan@harbourvale.example');
    const again = (await (
      await fetch(`${base}/api/v1/matters`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: Array<{ number: string }>;
    };
    expect(again.items.map((m) => m.number).sort()).toEqual([
      '2025-0117',
      '2026-0001',
      '2026-0002',
      '2026-0003',
      'KEEP-1',
    ]);
    // the history was written by the first start only
    expect(await inboxOf(base, token)).toEqual(firstInbox);
    await second.stop();
  });
});
