import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { connectDatabase, type Database } from '../src/db/connect.js';
import { events } from '../src/db/schema.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { createLogger } from '../src/logger.js';
import { createEventHub, type EventHub } from '../src/realtime/event-hub.js';
import type { TEventAudience } from '../src/realtime/events-repository.js';
import { createEventStreamHandler } from '../src/realtime/events-routes.js';
import { publishEvent, type TNewEvent } from '../src/realtime/publish-event.js';
import { startServer } from '../src/server.js';
import { createContact, createFirm, type TestStaff } from './support/fixtures.js';
import { openEventStream, type EventStream, type ReceivedEvent } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

type Firm = Awaited<ReturnType<typeof createFirm>>;

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const silent = createLogger({ logLevel: 'silent' });

let app: TestApp;
let a: Firm;
let b: Firm;
const opened: EventStream[] = [];

beforeAll(async () => {
  app = await startTestApp();
  a = await createFirm(app);
  b = await createFirm(app);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stream) => stream.close()));
});
afterAll(() => app.stop());

/** Publishes through the product path: inside a transaction on that instance's database. */
const publish = (on: TestApp | Database, event: TNewEvent) => on.db.transaction((tx) => publishEvent(tx, event));

async function track(stream: Promise<EventStream>): Promise<EventStream> {
  const s = await stream;
  opened.push(s);
  return s;
}

/** A staff member's stream on an instance; `from` is sent as Last-Event-ID (or `?lastEventId=`). */
function staffStream(on: TestApp, staff: TestStaff | string, from?: { header?: number | string; query?: number }) {
  const query = from?.query === undefined ? '' : `?lastEventId=${from.query}`;
  return track(
    openEventStream(`${on.baseUrl}/api/v1/events${query}`, {
      token: typeof staff === 'string' ? staff : staff.token,
      lastEventId: from?.header,
    }),
  );
}

/**
 * The same handler mounted as the portal will mount it, with the identity taken from test
 * headers instead of a session cookie (contacts have no sign-in yet), on its own hub when
 * given one. Test-only: never mounted by the app.
 */
async function startHarness(hub: EventHub, pingIntervalMs?: number) {
  const harness = express();
  harness.get(
    '/events',
    (req, res, next) => {
      res.locals.target = {
        firmId: req.get('x-firm-id'),
        audience: req.get('x-audience') as TEventAudience,
        id: req.get('x-subscriber-id'),
      };
      next();
    },
    createEventStreamHandler({ db: app.db, hub, identityOf: (res) => res.locals.target, pingIntervalMs }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = harness.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/events`;
  return {
    open: (firmId: string, audience: TEventAudience, id: string, lastEventId?: number) =>
      track(
        openEventStream(url, {
          headers: { 'x-firm-id': firmId, 'x-audience': audience, 'x-subscriber-id': id },
          lastEventId,
        }),
      ),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Polls (every 20 ms, at most `timeoutMs`) until `check` holds. */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ids = (events: ReceivedEvent[]) => events.map((e) => Number(e.id));
const types = (events: ReceivedEvent[]) => events.map((e) => e.type);

async function publishMany(on: TestApp | Database, count: number, event: Omit<TNewEvent, 'payload'>) {
  const published: number[] = [];
  for (let n = 0; n < count; n++) published.push(await publish(on, { ...event, payload: { n } }));
  return published;
}

describe('the event stream', () => {
  let harness: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    harness = await startHarness(app.events, 50);
  });
  afterAll(() => harness.stop());

  test('when it opens, then it is an unbuffered SSE stream that starts with retry and sends pings', async () => {
    const stream = await staffStream(app, a.member);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    await stream.waitFor(1, { type: 'ready' });
    expect(stream.retry).toBe(2000);

    const pinged = await harness.open(a.firm.id, 'staff', a.member.id);
    await eventually(() => pinged.comments.includes('ping'));
  });

  test('when an event is published for staff A, then A receives it and B in the same firm, another firm and contacts do not', async () => {
    const contact = await createContact(app.db, a.firm.id);
    const addressed = await staffStream(app, a.admin);
    const sameFirm = await staffStream(app, a.member);
    const otherFirm = await staffStream(app, b.admin);
    const contactStream = await harness.open(a.firm.id, 'contact', contact.id);
    const conversationId = randomUUID();

    const id = await publish(app, {
      firmId: a.firm.id,
      type: 'test.direct',
      conversationId,
      staffIds: [a.admin.id, a.admin.id],
      payload: { note: 'for A' },
    });
    // Markers published after it: once one arrives, the event above would have arrived first.
    await publish(app, {
      firmId: a.firm.id,
      type: 'test.marker',
      allStaff: true,
      contactIds: [contact.id],
      payload: {},
    });
    await publish(app, { firmId: b.firm.id, type: 'test.marker', allStaff: true, payload: {} });

    const [direct] = await addressed.waitFor(1);
    expect(direct).toMatchObject({ id: String(id), type: 'test.direct' });
    expect(direct!.json()).toEqual({ note: 'for A', conversationId });
    expect(types(await addressed.waitFor(2))).toEqual(['test.direct', 'test.marker']);
    expect(types(await sameFirm.waitFor(1))).toEqual(['test.marker']);
    expect(types(await otherFirm.waitFor(1))).toEqual(['test.marker']);
    expect(types(await contactStream.waitFor(1))).toEqual(['test.marker']);
    expect(types(sameFirm.events)).not.toContain('test.direct');
  });

  test('when an all-staff event is published, then every staff stream of that firm receives it, and no other firm or contact', async () => {
    const contact = await createContact(app.db, a.firm.id);
    const streams = [
      await staffStream(app, a.admin),
      await staffStream(app, a.member),
      await staffStream(app, a.member),
    ];
    const otherFirm = await staffStream(app, b.member);
    const contactStream = await harness.open(a.firm.id, 'contact', contact.id);
    // even naming firm A's staff ids on firm B's event reaches nobody in A
    const id = await publish(app, { firmId: a.firm.id, type: 'test.everyone', allStaff: true, payload: { x: 1 } });
    await publish(app, { firmId: b.firm.id, type: 'test.marker', allStaff: true, staffIds: [a.admin.id], payload: {} });
    await publish(app, { firmId: a.firm.id, type: 'test.marker', contactIds: [contact.id], payload: {} });

    for (const stream of streams) expect(ids(await stream.waitFor(1))).toEqual([id]);
    expect(types(await otherFirm.waitFor(1))).toEqual(['test.marker']);
    expect(types(await contactStream.waitFor(1))).toEqual(['test.marker']);
    expect(types(streams[0]!.events)).not.toContain('test.marker');
  });

  test('when channels have activity, then each staff stream gets those hints at most once a second, the newest per channel, and before its next other event', async () => {
    const reader = await staffStream(app, a.member);
    await reader.waitFor(1, { type: 'ready' });
    const channel = () => randomUUID();
    const [one, two] = [channel(), channel()];
    const hint = (conversationId: string, n: number) =>
      publish(app, {
        firmId: a.firm.id,
        type: 'channel.activity',
        conversationId,
        allStaff: true,
        payload: { conversationId, lastMessageAt: new Date(Date.now() + n).toISOString() },
      });
    const started = Date.now();
    await hint(one, 1);
    const newestOfOne = await hint(one, 2);
    const ofTwo = await hint(two, 3);
    // hints alone are held for the hint tick: then the newest about each channel, in order
    const held = await reader.waitFor(2, { type: 'channel.activity', timeoutMs: 3000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(ids(held)).toEqual([newestOfOne, ofTwo]);
    expect(reader.events.filter((e) => e.type === 'channel.activity')).toHaveLength(2);

    // a hint held when a message for this reader arrives goes out with it, before it, at once
    const sentAt = Date.now();
    const third = await hint(channel(), 4);
    const direct = await publish(app, {
      firmId: a.firm.id,
      type: 'message.created',
      staffIds: [a.member.id],
      payload: {},
    });
    const [heard] = await reader.waitFor(1, { type: 'message.created', timeoutMs: 3000 });
    expect(Date.now() - sentAt).toBeLessThan(900);
    expect(Number(heard!.id)).toBe(direct);
    const order = ids(reader.events.filter((e) => e.type !== 'ready'));
    expect(order.slice(-2)).toEqual([third, direct]);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  test.each(['header', 'query'] as const)(
    'when a stream reconnects with the last event id (%s), then it receives exactly the missed events in order',
    async (how) => {
      await eventually(() => app.events.count() === 0); // earlier tests' streams are gone
      const first = await staffStream(app, a.member);
      expect(app.events.count()).toBe(1);
      const seen = await publishMany(app, 3, { firmId: a.firm.id, type: 'test.seen', staffIds: [a.member.id] });
      expect(ids(await first.waitFor(3))).toEqual(seen);
      await first.close();
      await eventually(() => app.events.count() === 0); // the hub forgets a closed stream

      const missed: number[] = [];
      for (let n = 0; n < 4; n++) {
        missed.push(
          await publish(app, { firmId: a.firm.id, type: 'test.missed', staffIds: [a.member.id], payload: { n } }),
        );
        await publish(app, { firmId: a.firm.id, type: 'test.not-mine', staffIds: [a.admin.id], payload: {} });
        await publish(app, { firmId: b.firm.id, type: 'test.other-firm', allStaff: true, payload: {} });
      }
      const last = seen[2]!;
      const again = await staffStream(app, a.member, how === 'header' ? { header: last } : { query: last });
      const [ready] = await again.waitFor(1, { type: 'ready' });
      expect(ready!.id).toBe(String(missed[3]));
      const live = await publish(app, { firmId: a.firm.id, type: 'test.live', allStaff: true, payload: {} });

      const received = await again.waitFor(5);
      expect(ids(received)).toEqual([...missed, live]);
      expect(types(again.events)).toEqual([
        'test.missed',
        'test.missed',
        'test.missed',
        'test.missed',
        'ready',
        'test.live',
      ]);
      expect(received.map((e) => e.json<{ n?: number }>().n)).toEqual([0, 1, 2, 3, undefined]);
    },
  );

  test('when events are published while a stream replays, then it gets every event exactly once, in order', async () => {
    const firm = await createFirm(app);
    const early = await publishMany(app, 30, { firmId: firm.firm.id, type: 'test.early', allStaff: true });
    const [stream, late] = await Promise.all([
      staffStream(app, firm.member, { header: early[0]! }),
      publishMany(app, 30, { firmId: firm.firm.id, type: 'test.late', allStaff: true }),
    ]);
    expect(ids(await stream.waitFor(59))).toEqual([...early.slice(1), ...late]);
    await stream.waitFor(1, { type: 'ready' });
    const marker = await publish(app, { firmId: firm.firm.id, type: 'test.marker', allStaff: true, payload: {} });
    expect(ids(await stream.waitFor(60)).slice(59)).toEqual([marker]);
    expect(stream.events).toHaveLength(61);
  });

  test('when a stream opens without a last event id, then it starts from now', async () => {
    const old = await publish(app, { firmId: a.firm.id, type: 'test.old', staffIds: [a.member.id], payload: {} });
    const stream = await staffStream(app, a.member);
    // the stream is ready at the firm's head; an event published before then would move it on
    const [ready] = await stream.waitFor(1, { type: 'ready' });
    expect(ready!.id).toBe(String(old));
    const fresh = await publish(app, { firmId: a.firm.id, type: 'test.new', staffIds: [a.member.id], payload: {} });
    expect(ids(await stream.waitFor(1))).toEqual([fresh]);
    expect(ids(stream.events.filter((e) => e.type !== 'ready'))).not.toContain(old);
  });

  test('when the last event id is beyond the firm’s newest event, then the stream says resync and goes on from now', async () => {
    const firm = await createFirm(app);
    const latest = await publish(app, { firmId: firm.firm.id, type: 'test.one', allStaff: true, payload: {} });
    const stream = await staffStream(app, firm.member, { header: latest + 1_000_000 });
    const [resync] = await stream.waitFor(1, { type: 'resync' });
    expect(resync!.id).toBe(String(latest));
    expect(resync!.json()).toMatchObject({ reason: 'unknown_event_id' });
    const next = await publish(app, { firmId: firm.firm.id, type: 'test.two', allStaff: true, payload: {} });
    expect(ids(await stream.waitFor(1, { type: 'test.two' }))).toEqual([next]);
  });

  test('when more events were missed than one replay may send, then one resync event replaces them and the stream goes on', async () => {
    const hub = createEventHub({
      database: app.database,
      logger: silent,
      replayLimits: { batchSize: 2, maxEvents: 5 },
    });
    await hub.start();
    const small = await startHarness(hub);
    try {
      const firm = await createFirm(app);
      const start = await publish(app, { firmId: firm.firm.id, type: 'test.start', allStaff: true, payload: {} });
      const five = await publishMany(app, 5, { firmId: firm.firm.id, type: 'test.batch', allStaff: true });
      // five missed: replayed in batches of two
      const replayed = await small.open(firm.firm.id, 'staff', firm.member.id, start);
      expect(ids(await replayed.waitFor(5))).toEqual(five);
      await replayed.waitFor(1, { type: 'ready' });

      const six = await publishMany(app, 6, { firmId: firm.firm.id, type: 'test.batch', allStaff: true });
      const behind = await small.open(firm.firm.id, 'staff', firm.member.id, five[4]);
      const [resync] = await behind.waitFor(1, { type: 'resync' });
      expect(resync!.id).toBe(String(six[5]));
      expect(types(behind.events)).toEqual(['resync', 'ready']);
      const live = await publish(app, { firmId: firm.firm.id, type: 'test.after', allStaff: true, payload: {} });
      expect(ids(await behind.waitFor(2))).toEqual([six[5], live]);
    } finally {
      await small.stop();
      await hub.stop();
    }
  });

  test('when 20 transactions publish for one firm at once, then each is delivered once, live in the order a replay from 0 gives', async () => {
    const firm = await createFirm(app);
    const live = await staffStream(app, firm.admin);
    await live.waitFor(1, { type: 'ready' });
    const published = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        app.db.transaction(async (tx) => {
          // take a transaction id first, then publish and commit in the reverse order: transaction
          // ids, event ids and commits disagree, and no firm-wide lock puts them in line
          await tx.execute(sql`select pg_current_xact_id()`);
          await tx.execute(sql`select pg_sleep(${(20 - n) * 0.003})`);
          return publishEvent(tx, { firmId: firm.firm.id, type: 'test.burst', allStaff: true, payload: { n } });
        }),
      ),
    );
    const received = ids(await live.waitFor(20));
    expect(new Set(received).size).toBe(20);
    expect([...received].sort((x, y) => x - y)).toEqual([...published].sort((x, y) => x - y));

    const replay = await staffStream(app, firm.admin, { query: 0 });
    expect(ids(await replay.waitFor(20))).toEqual(received);
    await replay.waitFor(1, { type: 'ready' });
    expect(replay.events).toHaveLength(21);
  });

  test('when a staff.disabled event names a member, then their stream ends within 5 s and others stay open', async () => {
    const firm = await createFirm(app);
    const member = await staffStream(app, firm.member);
    const memberAgain = await staffStream(app, firm.member);
    const admin = await staffStream(app, firm.admin);
    await publish(app, { firmId: firm.firm.id, type: 'staff.disabled', staffIds: [firm.member.id], payload: {} });
    for (const stream of [member, memberAgain]) {
      expect(types(await stream.waitFor(1))).toEqual(['staff.disabled']);
      await stream.waitForEnd(5000);
    }
    const marker = await publish(app, { firmId: firm.firm.id, type: 'test.marker', allStaff: true, payload: {} });
    expect(ids(await admin.waitFor(1))).toEqual([marker]);
    expect(admin.ended).toBe(false);

    app.events.closeFor('staff', firm.admin.id);
    await admin.waitForEnd(5000);
  });

  test('when a contact.disabled event names a contact, then their stream ends', async () => {
    const contact = await createContact(app.db, a.firm.id);
    const stream = await harness.open(a.firm.id, 'contact', contact.id);
    await publish(app, { firmId: a.firm.id, type: 'contact.disabled', contactIds: [contact.id], payload: {} });
    expect(types(await stream.waitFor(1))).toEqual(['contact.disabled']);
    await stream.waitForEnd(5000);
  });

  test.each([['-1'], ['abc'], ['1.5'], ['9'.repeat(20)]])(
    'when the last event id is %s, then 400 problem naming it',
    async (bad) => {
      const res = await app.http
        .get('/api/v1/events')
        .set('Authorization', `Bearer ${a.member.token}`)
        .set('Last-Event-ID', bad);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ location: 'header', field: 'Last-Event-ID' }],
      });
      const query = await app.http
        .get('/api/v1/events')
        .query({ lastEventId: bad })
        .set('Authorization', `Bearer ${a.member.token}`);
      expect(query.status).toBe(400);
      expect(query.body.errors[0]).toMatchObject({ location: 'query', field: 'lastEventId' });
    },
  );

  test('when an event is published, then it is stored with deduplicated addressees; outside a transaction it is refused', async () => {
    const id = await publish(app, {
      firmId: a.firm.id,
      type: 'test.stored',
      staffIds: [a.admin.id, a.member.id, a.admin.id],
      payload: { k: 'v' },
    });
    const [row] = await app.db.select().from(events).where(eq(events.id, id));
    expect(row).toMatchObject({
      firmId: a.firm.id,
      staffIds: [a.admin.id, a.member.id],
      contactIds: [],
      allStaff: false,
    });
    await expect(publishEvent(app.db, { firmId: a.firm.id, type: 'test.loose', payload: {} })).rejects.toThrow(
      /inside db.transaction/,
    );
    await expect(publish(app, { firmId: a.firm.id, type: 'bad\ntype', payload: {} })).rejects.toThrow(/event type/);
  });

  test('when there is no token, then 401 and no stream', async () => {
    const res = await app.http.get('/api/v1/events');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('missing_token');
  });

  test('when the OpenAPI document is fetched, then it describes GET /api/v1/events', async () => {
    const res = await app.http.get('/api/v1/openapi.json');
    expect(res.body.paths['/api/v1/events'].get.responses['200'].content).toHaveProperty(['text/event-stream']);
  });
});

describe('two API instances on one database', () => {
  // On PostgreSQL (TEST_DATABASE_URL, as in CI) the second instance has its own pool and its
  // own LISTEN connection to the same database: the real cross-process path. PGlite is one
  // in-process database that two instances cannot open, so there the second instance is a
  // second app and hub over the same PGlite object (same NOTIFY path, one process).
  let second: TestApp;
  const tokenOn = (on: TestApp, firm: Firm, staff: TestStaff) =>
    on.tokenFor({ tenantId: firm.tenantId, objectId: staff.objectId!, name: staff.name, email: staff.email });

  beforeAll(async () => {
    const database = onPostgres
      ? await connectDatabase({ url: app.databaseUrl!, poolMax: 5 })
      : { ...app.database, close: async () => {} };
    second = await startTestApp({}, { database });
  });
  afterAll(() => second.stop());

  test('when an event is published through instance 1, then a stream on instance 2 receives it, and the other way round', async () => {
    const onSecond = await staffStream(second, await tokenOn(second, a, a.member));
    const onFirst = await staffStream(app, a.member);
    const one = await publish(app, { firmId: a.firm.id, type: 'test.from-one', staffIds: [a.member.id], payload: {} });
    const two = await publish(second, {
      firmId: a.firm.id,
      type: 'test.from-two',
      staffIds: [a.member.id],
      payload: {},
    });
    expect(ids(await onSecond.waitFor(2))).toEqual([one, two]);
    expect(ids(await onFirst.waitFor(2))).toEqual([one, two]);
  });

  test('when a stream on instance 2 drops and reconnects to instance 1, then it receives exactly what it missed', async () => {
    const token = await tokenOn(second, a, a.admin);
    const stream = await staffStream(second, token);
    const seen = await publishMany(app, 2, { firmId: a.firm.id, type: 'test.seen', staffIds: [a.admin.id] });
    expect(ids(await stream.waitFor(2))).toEqual(seen);
    await stream.close();

    const missed = [
      ...(await publishMany(app, 2, { firmId: a.firm.id, type: 'test.missed', staffIds: [a.admin.id] })),
      ...(await publishMany(second, 2, { firmId: a.firm.id, type: 'test.missed', staffIds: [a.admin.id] })),
    ];
    const onFirst = await staffStream(app, a.admin, { header: seen[1] });
    expect(ids(await onFirst.waitFor(4))).toEqual(missed);
    const onSecond = await staffStream(second, token, { query: seen[1] });
    expect(ids(await onSecond.waitFor(4))).toEqual(missed);
    await onSecond.waitFor(1, { type: 'ready' });
    expect(onSecond.events).toHaveLength(5);
  });

  (onPostgres ? test : test.skip)(
    'when the LISTEN connection is killed (PostgreSQL), then it reconnects and the stream still gets every event',
    async () => {
      const stream = await staffStream(second, await tokenOn(second, a, a.member));
      await stream.waitFor(1, { type: 'ready' });
      const killed = await second.database.pool!.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
      );
      expect(killed.rows.length).toBeGreaterThanOrEqual(2); // one per instance
      await second.database.pool!.query('select pg_terminate_backend(pid, 5000) from unnest($1::int[]) pid', [
        killed.rows.map((r) => r.pid),
      ]);
      // published while no instance is listening: only the resync after reconnecting finds them
      const during = await publishMany(app, 3, { firmId: a.firm.id, type: 'test.during', staffIds: [a.member.id] });
      expect(ids(await stream.waitFor(3, { timeoutMs: 10_000 }))).toEqual(during);
      const after = await publish(app, { firmId: a.firm.id, type: 'test.after', staffIds: [a.member.id], payload: {} });
      expect(ids(await stream.waitFor(4, { timeoutMs: 10_000 }))).toEqual([...during, after]);
    },
  );

  test('when 32 senders post in one firm through both instances while a reader keeps reconnecting, then it gets every message once, in replay order', async () => {
    const firm = await createFirm(app);
    const senders = [firm.admin, firm.member];
    for (let n = 0; n < 6; n++) senders.push(await firm.addStaff(`Sender ${n}`, 'staff'));
    const reader = await firm.addStaff('Rita Reader', 'staff');
    const created = await app.http
      .post('/api/v1/conversations')
      .set('Authorization', `Bearer ${firm.admin.token}`)
      .send({
        kind: 'channel',
        name: `busy-${randomUUID().slice(0, 8)}`,
        staffIds: [...senders, reader].map((s) => s.id),
      });
    expect(created.status).toBe(201);
    const conversationId = created.body.id as string;
    const instances = [app, second];
    const tokens = new Map<string, string>();
    for (const [i, on] of instances.entries()) {
      for (const s of [...senders, reader]) tokens.set(`${i}:${s.id}`, await tokenOn(on, firm, s));
    }

    // the reader: streams of a few tens of ms, alternating instances, resuming from the last id
    // (from the firm's first event the first time, so messages sent before it connects count)
    const received: ReceivedEvent[] = [];
    let lastId = '0';
    let connections = 0;
    let sending = true;
    const expected = new Set<string>();
    const expectedSlow = new Set<string>();
    const slowReceived: string[] = [];
    const readerLoop = (async () => {
      for (let i = 0; sending || received.length < expected.size || slowReceived.length < expectedSlow.size; i++) {
        if (i > 2000) {
          const got = new Set(received.map((e) => e.json<{ message: { id: string } }>().message.id));
          const missing = [...expected].filter((id) => !got.has(id));
          throw new Error(
            `the reader did not catch up: ${received.length} received, ${expected.size} expected, missing ${missing.length}: ${missing.slice(0, 5).join(', ')}; last id ${lastId}`,
          );
        }
        const on = instances[i % 2]!;
        const stream = await openEventStream(`${on.baseUrl}/api/v1/events`, {
          token: tokens.get(`${i % 2}:${reader.id}`),
          lastEventId: lastId,
        });
        connections++;
        await new Promise((resolve) => setTimeout(resolve, 10 + ((i * 7) % 40)));
        await stream.close();
        for (const event of stream.events) {
          if (event.id !== undefined) lastId = event.id;
          if (event.type === 'message.created') received.push(event);
          if (event.type === 'test.slow') slowReceived.push(event.id!);
        }
      }
    })();

    // beside them, transactions that take their id early and publish late (as an upload or an
    // edit may): a reader must not move past their place in the stream before they commit
    const slow = Array.from({ length: 16 }, async (_, n) => {
      await new Promise((resolve) => setTimeout(resolve, n * 15));
      return instances[n % 2]!.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_current_xact_id()`);
        await tx.execute(sql`select pg_sleep(0.03)`);
        const id = await publishEvent(tx, {
          firmId: firm.firm.id,
          type: 'test.slow',
          staffIds: [reader.id],
          payload: { n },
        });
        expectedSlow.add(String(id));
      });
    });
    // 32 callers at once, each posting 8 messages, half of them through each instance
    const bodies: string[] = [];
    await Promise.all([
      ...slow,
      ...Array.from({ length: 32 }, async (_, caller) => {
        const sender = senders[caller % senders.length]!;
        for (let n = 0; n < 8; n++) {
          const on = (caller + n) % 2;
          const body = `caller ${caller} message ${n}`;
          const res = await instances[on]!.http.post(`/api/v1/conversations/${conversationId}/messages`)
            .set('Authorization', `Bearer ${tokens.get(`${on}:${sender.id}`)}`)
            .set('Idempotency-Key', randomUUID())
            .send({ body });
          expect(res.status).toBe(201);
          bodies.push(body);
          expected.add(res.body.id as string);
        }
      }),
    ]);
    sending = false;
    await readerLoop;

    const messageIds = received.map((e) => e.json<{ message: { id: string } }>().message.id);
    const eventIds = received.map((e) => Number(e.id));
    expect(expected.size).toBe(256);
    expect(connections).toBeGreaterThan(5);
    expect(new Set(eventIds).size).toBe(eventIds.length); // no duplicate
    expect(new Set(messageIds)).toEqual(expected); // no gap
    expect(messageIds).toHaveLength(256);
    expect(new Set(slowReceived)).toEqual(expectedSlow);
    expect(slowReceived).toHaveLength(16);

    // the order the reader saw across its reconnections is the order of a full replay
    const replay = await staffStream(second, tokens.get(`1:${reader.id}`)!, { query: 0 });
    await replay.waitFor(1, { type: 'ready', timeoutMs: 10_000 });
    expect(ids(replay.events.filter((e) => e.type === 'message.created'))).toEqual(eventIds);
    expect(replay.events.filter((e) => e.type === 'test.slow').map((e) => e.id)).toEqual(slowReceived);
  }, 120_000);
});

describe('server shutdown', () => {
  test('when the server stops with event streams open, then the streams end and it stops promptly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confer-realtime-'));
    const port = await findFreePort();
    const running = await startServer(
      loadConfig({
        CONFER_MODE: 'embedded',
        PORT: String(port),
        HOST: '127.0.0.1',
        CONFER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING ?? '',
        AZURE_STORAGE_CONTAINER: `t${randomBytes(8).toString('hex')}`,
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    let stopped = false;
    try {
      const signIn = await fetch(`${base}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'alex.morgan@harbourvale.example' }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const streams = [
        await track(openEventStream(`${base}/api/v1/events`, { token })),
        await track(openEventStream(`${base}/api/v1/events`, { token })),
      ];
      await streams[0]!.waitFor(1, { type: 'ready' });
      const started = Date.now();
      await running.stop();
      stopped = true;
      expect(Date.now() - started).toBeLessThan(3000);
      for (const stream of streams) await stream.waitForEnd(1000);
    } finally {
      if (!stopped) await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
