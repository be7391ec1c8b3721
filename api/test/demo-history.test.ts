import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { demoTenantId, seedDemoFirm } from '../src/dev/seed-demo-firm.js';
import { seedDemoHistory } from '../src/dev/seed-demo-history.js';
import { seedDemoAcknowledgements } from '../src/dev/seed-demo-acknowledgements.js';
import { seedDemoNotificationChoices } from '../src/dev/seed-demo-notification-choices.js';
import { bearer } from './support/fixtures.js';
import { asBuffer } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '..', '..', 'bin', 'confer.mjs');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let app: TestApp;
let alexToken: string;
let dir: string;
const seedHistory = () =>
  seedDemoHistory({ db: app.db, blobs: app.blobs, config: app.config, clock: app.clock, sealKey: app.sealKey });

type TRow = {
  conversationId: string;
  kind: string;
  title: string;
  matter: { id: string; number: string; title: string } | null;
  lastMessage: { authorName: string; authorKind: string; text: string; at?: string } | null;
  lastMessageAt?: string | null;
  unreadCount: number;
  clientReplied: boolean;
  smsFailed: boolean;
};
type TFile = { versionId: string; name: string; contentType: string; size: number; sha256: string };
type TMessage = {
  id: string;
  body: string;
  via: string;
  createdAt: string;
  pinnedAt: string | null;
  author: { kind: string; name: string };
  files: TFile[];
  sms: { recipients: Array<{ name: string; status: string }> } | null;
};

const count = async (table: string) =>
  Number((await queryRows<{ n: string }>(app.db, sql.raw(`select count(*) as n from ${table}`)))[0]!.n);
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      ['messages', 'conversations', 'documents', 'outbox', 'record_entries', 'events', 'invoices', 'form_requests'].map(
        async (t) => [t, await count(t)] as const,
      ),
    ),
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'confer-demo-'));
  app = await startTestApp();
  expect(await seedDemoFirm(app.db)).toBe(true);
  // the history is written the first time only
  expect(await seedHistory()).toBe(true);
  alexToken = await app.tokenFor({
    tenantId: demoTenantId,
    objectId: '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e01',
    name: 'Alex Morgan',
    email: 'alex.morgan@harbourvale.example',
  });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await app.stop();
});

const inbox = async (filter = 'all') => {
  const res = await app.http.get('/api/v1/inbox').query({ filter, limit: 100 }).set(bearer(alexToken));
  expect(res.status).toBe(200);
  return res.body.items as TRow[];
};
const messagesOf = async (conversationId: string) => {
  const res = await app.http
    .get(`/api/v1/conversations/${conversationId}/messages`)
    .query({ limit: 100 })
    .set(bearer(alexToken));
  expect(res.status).toBe(200);
  return res.body.items as TMessage[];
};
const rowTitled = (rows: TRow[], part: string) => {
  const row = rows.find((r) => r.title.includes(part));
  if (!row) throw new Error(`no inbox row "${part}" in ${rows.map((r) => r.title).join(', ')}`);
  return row;
};

describe('demo firm history', () => {
  test('when Alex Morgan signs in to a freshly seeded demo firm, then the inbox shows weeks of conversations, some unread', async () => {
    const rows = await inbox();
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const kinds = rows.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'direct').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((k) => k === 'channel')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'external_matter').length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.title)).toEqual(expect.arrayContaining(['general', 'property-team']));
    // a mix of read and unread
    expect(rows.some((r) => r.unreadCount > 0)).toBe(true);
    expect(rows.some((r) => r.unreadCount === 0)).toBe(true);
    expect(rowTitled(rows, 'general').unreadCount).toBe(2);
    expect(rowTitled(rows, 'Priya Shah').unreadCount).toBe(2);
    // history spread over weeks, all in the past
    const times = await queryRows<{ oldest: Date; newest: Date }>(
      app.db,
      sql`select min(created_at) as oldest, max(created_at) as newest from messages`,
    );
    const now = app.clock.now().getTime();
    expect(now - new Date(times[0]!.oldest).getTime()).toBeGreaterThan(14 * 24 * 3_600_000);
    expect(new Date(times[0]!.newest).getTime()).toBeLessThanOrEqual(Date.now());
    // newest activity first
    const unread = await inbox('unread');
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.every((r) => r.unreadCount > 0)).toBe(true);
  });

  test('when the purchase conversation is opened, then the clients’ and the surveyor’s messages, files and a live share are there', async () => {
    const rows = await inbox();
    const quay = rows.find((r) => r.kind === 'external_matter' && r.matter?.number === '2026-0001')!;
    expect(quay.lastMessage).toMatchObject({
      authorName: 'Alex Morgan',
      text: expect.stringContaining('Shared Draft'),
    });
    const messages = await messagesOf(quay.conversationId);
    expect(messages.filter((m) => m.author.kind === 'contact').length).toBeGreaterThanOrEqual(4);
    // messages dated days apart, oldest first
    const created = messages.map((m) => Date.parse(m.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(created[created.length - 1]! - created[0]!).toBeGreaterThan(14 * 24 * 3_600_000);

    const files = await app.http.get(`/api/v1/conversations/${quay.conversationId}/files`).set(bearer(alexToken));
    expect(files.status).toBe(200);
    expect(files.body.shares).toEqual([
      expect.objectContaining({ document: expect.objectContaining({ name: 'Draft contract - 14 Quay Street.pdf' }) }),
    ]);
  });

  test('when the purchase conversation is opened, then it tells of Jordan’s sign-in from a new phone in another country', async () => {
    const quay = (await inbox()).find((r) => r.kind === 'external_matter' && r.matter?.number === '2026-0001')!;
    const res = await app.http.get(`/api/v1/conversations/${quay.conversationId}/device-alerts`).set(bearer(alexToken));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        contactName: 'Jordan Ellis',
        newDevice: true,
        newCountry: true,
        device: 'Safari on iOS',
        country: 'FR',
      }),
    ]);
  });

  test('when the family matter’s conversation is opened, then the text thread shows delivered, failed and the client’s text reply', async () => {
    const hale = (await inbox()).find((r) => r.matter?.number === '2026-0003')!;
    expect(hale).toMatchObject({ clientReplied: true, smsFailed: true });
    expect(hale.lastMessage).toMatchObject({ authorName: 'Casey Hale', authorKind: 'client' });
    expect(hale.unreadCount).toBe(1);
    const messages = await messagesOf(hale.conversationId);
    const reply = messages[messages.length - 1]!;
    expect(reply).toMatchObject({ via: 'sms', author: { name: 'Casey Hale' }, body: expect.stringContaining('diary') });
    const texted = messages.find((m) => m.sms)!;
    expect(texted.sms!.recipients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Casey Hale', status: 'delivered' }),
        expect.objectContaining({ name: 'Lee Brennan', status: 'failed' }),
      ]),
    );
    expect(messages.some((m) => m.author.name === 'Lee Brennan')).toBe(true);
  });

  test('when the seeded files are downloaded, then a PDF, a PNG and a Word document arrive with the bytes recorded', async () => {
    const rows = await inbox();
    const attached: TFile[] = [];
    for (const r of rows.filter((x) => x.kind === 'external_matter')) {
      for (const m of await messagesOf(r.conversationId)) attached.push(...m.files);
    }
    const byType = new Map(attached.map((f) => [f.contentType, f]));
    const expected: Array<[string, (b: Buffer) => boolean]> = [
      ['application/pdf', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
      ['image/png', (b) => b.subarray(1, 4).toString('latin1') === 'PNG'],
      [
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        (b) => b.subarray(0, 2).toString('latin1') === 'PK' && b.includes(Buffer.from('word/document.xml')),
      ],
    ];
    for (const [type, looksRight] of expected) {
      const file = byType.get(type);
      expect(file).toBeDefined();
      const res = await app.http
        .get(`/api/v1/files/${file!.versionId}`)
        .set(bearer(alexToken))
        .buffer(true)
        .parse(asBuffer);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain(`attachment; filename="${file!.name}"`);
      if (type !== 'application/pdf' && type !== 'image/png') expect(file!.name).toMatch(/\.docx$/);
      else {
        // PDFs and images preview in the browser with their type
        const preview = await app.http
          .get(`/api/v1/files/${file!.versionId}`)
          .query({ inline: '1' })
          .set(bearer(alexToken))
          .buffer(true)
          .parse(asBuffer);
        expect(preview.headers['content-type']).toBe(type);
        expect(sha(preview.body as Buffer)).toBe(file!.sha256);
      }
      const body = res.body as Buffer;
      expect(body.length).toBe(file!.size);
      expect(sha(body)).toBe(file!.sha256);
      expect(looksRight(body)).toBe(true);
    }
  });

  test('when the general channel is opened, then the office-hours message is pinned', async () => {
    const general = rowTitled(await inbox(), 'general');
    const pinned = await app.http.get(`/api/v1/conversations/${general.conversationId}/pinned`).set(bearer(alexToken));
    expect(pinned.status).toBe(200);
    expect(pinned.body.items).toEqual([expect.objectContaining({ body: expect.stringContaining('Office hours') })]);
  });

  test('when the purchase matter is opened, then it has an event, a submitted form and an invoice', async () => {
    const matters = await app.http.get('/api/v1/matters').set(bearer(alexToken));
    const purchase = (matters.body.items as Array<{ id: string; number: string }>).find(
      (m) => m.number === '2026-0001',
    )!;
    const events = await app.http.get(`/api/v1/matters/${purchase.id}/events`).set(bearer(alexToken));
    expect(events.status).toBe(200);
    expect(events.body.items).toEqual([expect.objectContaining({ title: 'Exchange of contracts call' })]);
    const forms = await app.http.get(`/api/v1/matters/${purchase.id}/form-requests`).set(bearer(alexToken));
    expect(forms.status).toBe(200);
    expect(forms.body.items).toEqual([expect.objectContaining({ status: 'submitted' })]);
    const invoices = await app.http.get(`/api/v1/matters/${purchase.id}/invoices`).set(bearer(alexToken));
    expect(invoices.status).toBe(200);
    expect(invoices.body.items).toEqual([
      expect.objectContaining({ number: 'HV-2026-0142', status: 'outstanding', currency: 'GBP' }),
    ]);
  });

  test('when a seeded conversation’s record is checked and exported, then its hash chain is intact and confer verify agrees', async () => {
    const rows = await inbox();
    for (const r of rows) {
      const res = await app.http
        .get(`/api/v1/conversations/${r.conversationId}/record/verification`)
        .set(bearer(alexToken));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ intact: true, firstBreak: null });
    }
    const quay = rows.find((r) => r.matter?.number === '2026-0001' && r.kind === 'external_matter')!;
    const exported = await app.http
      .post(`/api/v1/conversations/${quay.conversationId}/record/export`)
      .set(bearer(alexToken));
    expect(exported.status).toBe(201);
    const manifest = await app.http
      .get(`/api/v1/files/${exported.body.manifest.latest.id}`)
      .set(bearer(alexToken))
      .buffer(true)
      .parse(asBuffer);
    const file = join(dir, 'quay.json');
    writeFileSync(file, manifest.body as Buffer);
    const { stdout } = await run(process.execPath, [cli, 'verify', file]);
    expect(stdout).toMatch(/^intact/);
  });

  test('when the acknowledge-by demo is seeded, then one message was acknowledged by Jordan, one waits for the clients, and Priya has a task for a missed deadline whose reminders went out, once', async () => {
    const seedAcknowledgements = () =>
      seedDemoAcknowledgements({ db: app.db, config: app.config, clock: app.clock, sealKey: app.sealKey });
    expect(await seedAcknowledgements()).toBe(true);
    expect(await seedAcknowledgements()).toBe(false);
    const quay = (await inbox()).find((r) => r.kind === 'external_matter' && r.matter?.number === '2026-0001')!;
    const listed = await app.http
      .get(`/api/v1/conversations/${quay.conversationId}/acknowledgements`)
      .set(bearer(alexToken));
    expect(listed.status).toBe(200);
    const [contract, exchange] = listed.body.items as Array<{
      acknowledgedAt: string | null;
      acknowledgedBy: { name: string } | null;
      dueAt: string;
    }>;
    expect(contract).toMatchObject({ acknowledgedBy: { name: 'Jordan Ellis' } });
    expect(exchange).toMatchObject({ acknowledgedAt: null });
    expect(Date.parse(exchange!.dueAt)).toBeGreaterThan(Date.now());

    const priyaToken = await app.tokenFor({
      tenantId: demoTenantId,
      objectId: '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e02',
      name: 'Priya Shah',
      email: 'priya.shah@harbourvale.example',
    });
    const tasks = await app.http.get('/api/v1/acknowledgements/tasks').set(bearer(priyaToken));
    expect(tasks.body.items).toEqual([
      expect.objectContaining({
        conversationTitle: 'Kapoor v Castle Insurance',
        excerpt: expect.stringMatching(/^Attached is the second draft/),
      }),
    ]);
    expect(
      (await app.outbox()).filter((m) => m.to === 'riya.kapoor@mail.example' && m.kind === 'acknowledgement_reminder'),
    ).toHaveLength(1);
  });

  test('when the notification-choice demo is seeded, then staff see Riya Kapoor is told by SMS with quiet hours, once', async () => {
    expect(await seedDemoNotificationChoices(app.db)).toBe(true);
    expect(await seedDemoNotificationChoices(app.db)).toBe(false);
    const kapoor = (await inbox()).find((r) => r.kind === 'external_matter' && r.matter?.number === '2026-0002')!;
    const matterId = kapoor.matter!.id;
    const contacts = await app.http.get(`/api/v1/matters/${matterId}/contacts`).set(bearer(alexToken));
    expect(contacts.status).toBe(200);
    expect(contacts.body.items.find((c: { name: string }) => c.name === 'Riya Kapoor').notificationChoice).toEqual({
      channel: 'sms',
      quietStart: '21:00',
      quietEnd: '07:30',
      timeZone: 'Europe/London',
      dailyDigest: false,
    });
  });

  test('when the seed runs again, then nothing is added', async () => {
    const before = await counts();
    expect(await seedDemoFirm(app.db)).toBe(false);
    expect(await seedHistory()).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
