import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import type { Db } from '../src/db/connect.js';
import { createLogger } from '../src/logger.js';
import { createRefusalTally } from '../src/modules/audit/tally-refusals.js';
import { bearer, createFirm } from './support/fixtures.js';
import { waitFor } from './support/messaging.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';
import { createTestDatabase } from './support/test-database.js';

type TRefusalRow = {
  firm_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: {
    code: string;
    count: number;
    windowStart: string;
    firstAt: string;
    lastAt: string;
    requestIds: string[];
    otherSources?: boolean;
  };
};

const refusalRows = (db: Db) =>
  queryRows<TRefusalRow>(
    db,
    sql`select firm_id, ip, request_id, details from audit_log
        where action = 'staff.authenticate' and outcome = 'refused' order by id`,
  );

/** Sends `count` requests, `parallel` at a time. */
async function sendMany(count: number, send: (i: number) => Promise<unknown>, parallel = 20) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await send(next++);
    }),
  );
}

describe('refused staff tokens in the audit log', () => {
  let app: TestApp;
  let firm: Awaited<ReturnType<typeof createFirm>>;
  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY: '1' });
    firm = await createFirm(app);
  });
  afterAll(() => app.stop());
  afterEach(() => app.clock.reset());

  test('when 500 bad tokens come from one source within a minute, then one audit row counts 500 once the minute has closed, and a good token still works', async () => {
    const before = (await refusalRows(app.db)).length;
    app.clock.set(new Date('2031-03-04T10:15:02Z'));
    const statuses = new Map<number, number>();
    await sendMany(500, async (i) => {
      const res = await app.http
        .get('/api/v1/me')
        .set('X-Forwarded-For', '198.51.100.7')
        .set('X-Request-Id', `flood-req-${i}`)
        .set(bearer(`not-a-token-${i}`));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    });
    expect(Object.fromEntries(statuses)).toEqual({ 401: 500 });
    const good = await app.http.get('/api/v1/me').set('X-Forwarded-For', '198.51.100.7').set(bearer(firm.member.token));
    expect(good.status).toBe(200);
    expect(good.body.staff.id).toBe(firm.member.id);

    // the minute is still open: nothing written yet, however long we wait
    await new Promise((r) => setTimeout(r, 1500));
    expect((await refusalRows(app.db)).length).toBe(before);

    app.clock.advance(60_000);
    const rows = await waitFor(async () => {
      const all = (await refusalRows(app.db)).slice(before);
      return all.length > 0 && all;
    }, 'the minute’s refusal row');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ ip: '198.51.100.7', firm_id: null });
    expect(row!.details).toMatchObject({
      code: 'invalid_token',
      count: 500,
      windowStart: '2031-03-04T10:15:00.000Z',
      firstAt: '2031-03-04T10:15:02.000Z',
      lastAt: '2031-03-04T10:15:02.000Z',
    });
    expect(row!.details.requestIds.length).toBeGreaterThan(0);
    expect(row!.details.requestIds.every((id) => /^flood-req-\d+$/.test(id))).toBe(true);
    expect(row!.request_id).toBe(row!.details.requestIds[0]);
    expect(JSON.stringify(row)).not.toContain('not-a-token');
    // nothing written twice: a later tick finds nothing more to write
    await new Promise((r) => setTimeout(r, 1500));
    expect((await refusalRows(app.db)).length).toBe(before + 1);
  });

  test('when two sources send bad tokens, then each source (and each reason) has its own row with its own count', async () => {
    const before = (await refusalRows(app.db)).length;
    app.clock.set(new Date('2031-03-04T11:20:30Z'));
    const unknownStaff = await app.tokenFor({
      tenantId: firm.tenantId,
      objectId: randomUUID(),
      name: 'Nobody',
      email: 'nobody@firm.example',
    });
    for (let i = 0; i < 3; i++) {
      const res = await app.http.get('/api/v1/me').set('X-Forwarded-For', '203.0.113.1').set(bearer('bad'));
      expect(res.status).toBe(401);
    }
    for (let i = 0; i < 2; i++) {
      const res = await app.http.get('/api/v1/me').set('X-Forwarded-For', '203.0.113.2').set(bearer('bad'));
      expect(res.status).toBe(401);
    }
    const refused = await app.http.get('/api/v1/me').set('X-Forwarded-For', '203.0.113.1').set(bearer(unknownStaff));
    expect(refused.status).toBe(403);
    app.clock.advance(30_000);
    const rows = await waitFor(async () => {
      const all = (await refusalRows(app.db)).slice(before);
      return all.length >= 3 && all;
    }, 'the refusal rows of both sources');
    const summary = rows
      .map((r) => ({ ip: r.ip, code: r.details.code, count: r.details.count, firmId: r.firm_id }))
      .sort((a, b) => `${a.ip}${a.code}`.localeCompare(`${b.ip}${b.code}`));
    expect(summary).toEqual([
      { ip: '203.0.113.1', code: 'invalid_token', count: 3, firmId: null },
      { ip: '203.0.113.1', code: 'unknown_staff', count: 1, firmId: firm.firm.id },
      { ip: '203.0.113.2', code: 'invalid_token', count: 2, firmId: null },
    ]);
  });

  test('when refusals come from more sources than the tally holds, then the rest are counted in one "other sources" row and none is lost', async () => {
    const before = (await refusalRows(app.db)).length;
    const tally = createRefusalTally({
      db: app.db,
      clock: app.clock,
      logger: createLogger({ logLevel: 'silent' }),
      maxKeys: 3,
    });
    app.clock.set(new Date('2031-03-04T12:00:10Z'));
    for (let i = 1; i <= 10; i++) {
      tally.count({
        action: 'staff.authenticate',
        reason: 'invalid_token',
        ip: `192.0.2.${i}`,
        firmId: null,
        requestId: `spray-${i}`,
      });
    }
    app.clock.advance(60_000);
    await tally.flushClosed();
    await tally.drain();
    const rows = (await refusalRows(app.db)).slice(before);
    expect(rows.map((r) => [r.ip, r.details.count, r.details.otherSources ?? false])).toEqual([
      ['192.0.2.1', 1, false],
      ['192.0.2.2', 1, false],
      ['192.0.2.3', 1, false],
      [null, 7, true],
    ]);
  });
});

describe('refusal counts at shutdown', () => {
  test('when the server stops cleanly within the minute, then the counts so far are written before it ends', async () => {
    const database = await createTestDatabase();
    const app = await startTestApp({}, { database: { ...database, close: async () => undefined } });
    try {
      app.clock.set(new Date('2031-03-04T13:30:05Z'));
      for (let i = 0; i < 7; i++) expect((await app.http.get('/api/v1/me').set(bearer('bad'))).status).toBe(401);
      expect(await refusalRows(database.db)).toHaveLength(0);
      await app.stop();
      const rows = await refusalRows(database.db);
      expect(rows.map((r) => [r.details.code, r.details.count, r.details.windowStart])).toEqual([
        ['invalid_token', 7, '2031-03-04T13:30:00.000Z'],
      ]);
    } finally {
      await app.stop();
      await database.close();
    }
  });
});
