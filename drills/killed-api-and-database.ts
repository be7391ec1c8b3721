// Drill 12, killed API and database under load: 8 senders post messages for 60 s, each
// retrying the same Idempotency-Key until it is acknowledged, while the API is SIGKILLed and
// started again, and PostgreSQL (the drill's own cluster) is stopped with -m immediate and
// started 3 s later. A listener on the event stream reconnects with Last-Event-ID whenever it
// is cut. Pass: 0 acknowledged messages lost, 0 duplicates, the listener sees every
// acknowledged message with 0 duplicate event ids, and the API never exits on its own.
import { randomUUID } from 'node:crypto';
import { runDrill, sleep } from './lib/drill.js';
import { startOwnPostgres } from './lib/own-postgres.js';
import { ports, scaled } from './lib/settings.js';
import { openEventStream, type EventStream } from './lib/sse.js';
import { demo, expectStatus, startStack } from './lib/stack.js';

const senders = 8;
const loadMs = scaled(60, 20) * 1000;
const graceMs = 60_000;
const apiKillAtMs = loadMs * 0.25;
const databaseStopAtMs = loadMs * 0.58;
const databaseDownMs = 3000;

await runDrill(
  'killed-api-and-database',
  {
    budgetMs: 12 * 60_000,
    database: 'postgresql (its own cluster)',
    description: `${senders} senders for ${loadMs / 1000} s; API SIGKILLed, PostgreSQL stopped immediate for 3 s`,
  },
  async (d) => {
    const postgres = await startOwnPostgres(d, ports.postgres);
    const stack = await startStack(d, { serverUrl: postgres.url });
    const emails = [demo.admin, demo.staff, demo.other];
    const tokens = await Promise.all(emails.map((e) => stack.staffToken(e)));
    const staffIds = (
      expectStatus(await stack.staff(tokens[0]!)('GET', '/staff'), 200, 'staff').json.items as Array<{
        id: string;
        email: string;
      }>
    ).map((s) => s.id);
    const channel = expectStatus(
      await stack.staff(tokens[0]!)('POST', '/conversations', {
        kind: 'channel',
        name: `load-${Date.now()}`,
        staffIds,
      }),
      201,
      'channel',
    ).json;
    const marker = `load-${randomUUID().slice(0, 6)}`;

    // the listener: Priya's stream, resumed from the last id it saw whenever it ends
    const seenIds = new Map<string, number>();
    const createdMessageIds = new Set<string>();
    let lastEventId: string | undefined;
    let reconnects = 0;
    let resyncs = 0;
    let listening = true;
    let current: EventStream | undefined;
    const absorb = (stream: EventStream, from: number) => {
      for (const e of stream.events.slice(from)) {
        if (e.id && e.event !== 'ready') {
          seenIds.set(e.id, (seenIds.get(e.id) ?? 0) + 1);
          lastEventId = e.id;
        }
        if (e.event === 'resync') resyncs += 1;
        if (e.event === 'message.created') {
          const id = (JSON.parse(e.data) as { message?: { id?: string } }).message?.id;
          if (id) createdMessageIds.add(id);
        }
      }
    };
    const listener = (async () => {
      while (listening) {
        current = openEventStream({
          port: ports.confer,
          path: '/api/v1/events',
          headers: { authorization: `Bearer ${tokens[1]}` },
          lastEventId,
        });
        await current.ended;
        absorb(current, 0);
        if (listening) {
          reconnects += 1;
          await sleep(1000);
        }
      }
    })();
    await sleep(1000);

    // the supervisor: a process that exits by itself is started again (and counted)
    let faults = true;
    let restarting: Promise<void> | undefined;
    const supervisor = (async () => {
      while (faults) {
        if (!stack.confer.running() && !restarting) {
          restarting = stack.confer.start().finally(() => (restarting = undefined));
          await restarting.catch((error: Error) => d.log(`restart failed: ${error.message}`));
        }
        await sleep(500);
      }
    })();

    // the senders
    const started = Date.now();
    const acknowledged = new Map<string, string>(); // key → message id
    const unacknowledged: string[] = [];
    const failures: Record<string, number> = {};
    let attempts = 0;
    const sender = async (n: number) => {
      const send = stack.staff(tokens[n % tokens.length]!);
      for (let i = 1; Date.now() - started < loadMs; i++) {
        const key = `${marker}-s${n}-${i}`;
        let done = false;
        while (!done && Date.now() - started < loadMs + graceMs) {
          attempts += 1;
          const a = await send(
            'POST',
            `/conversations/${channel.id}/messages`,
            { body: key },
            { headers: { 'idempotency-key': key }, timeoutMs: 15_000 },
          ).catch((error: Error) => ({
            status: 0,
            json: undefined,
            error: error.cause ? String((error.cause as Error).message) : error.message,
          }));
          if (a.status === 201 || a.status === 200) {
            acknowledged.set(key, a.json.id);
            done = true;
          } else {
            const reason = `${a.status}`;
            failures[reason] = (failures[reason] ?? 0) + 1;
            await sleep(250 + Math.random() * 250);
          }
        }
        if (!done) unacknowledged.push(key);
      }
    };

    // the faults, on a timeline
    const timeline = (async () => {
      await sleep(apiKillAtMs);
      d.log('SIGKILL the API');
      await stack.confer.kill('SIGKILL');
      await (restarting ?? Promise.resolve());
      if (!stack.confer.running()) await stack.confer.start();
      d.log('API back');
      await sleep(Math.max(0, started + databaseStopAtMs - Date.now()));
      d.log('PostgreSQL: stop -m immediate');
      await postgres.stop('immediate');
      await sleep(databaseDownMs);
      await postgres.start();
      d.log('PostgreSQL back');
    })();

    await Promise.all([...Array.from({ length: senders }, (_, n) => sender(n)), timeline]);
    d.log(`load over: ${acknowledged.size} acknowledged, ${unacknowledged.length} never acknowledged`);
    faults = false;
    await supervisor;
    await sleep(10_000); // the listener catches up
    listening = false;
    current?.close();
    await listener;

    // every message in the channel, oldest page last
    const bodies = new Map<string, number>();
    let cursor: string | null = null;
    for (let page = 0; page < 500; page++) {
      const res: { items: Array<{ body: string }>; nextCursor: string | null } = expectStatus(
        await stack.staff(tokens[0]!)(
          'GET',
          `/conversations/${channel.id}/messages?limit=100${cursor ? `&before=${cursor}` : ''}`,
        ),
        200,
        'messages',
      ).json;
      for (const m of res.items as Array<{ body: string }>) bodies.set(m.body, (bodies.get(m.body) ?? 0) + 1);
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    const lost = [...acknowledged.keys()].filter((k) => !bodies.has(k));
    const duplicates = [...bodies.entries()].filter(([body, n]) => body.startsWith(marker) && n > 1);
    const unseen = [...acknowledged.values()].filter((id) => !createdMessageIds.has(id));
    const duplicateIds = [...seenIds.values()].filter((n) => n > 1).length;
    const unexpectedExits = stack.confer.exits.filter((e) => !e.expected);

    d.figure('sends', {
      attempts,
      acknowledged: acknowledged.size,
      never_acknowledged: unacknowledged.length,
      failures,
    });
    d.figure('stored_messages', [...bodies.keys()].filter((b) => b.startsWith(marker)).length);
    d.figure('listener', { events: seenIds.size, reconnects, resyncs });
    d.check('acknowledged_messages_lost', lost.length, lost.length === 0, '0');
    d.check('duplicate_messages', duplicates.length, duplicates.length === 0, '0');
    d.check(
      'acknowledged_messages_the_listener_missed',
      unseen.length,
      unseen.length === 0 && resyncs === 0,
      '0 (and no resync)',
    );
    d.check('duplicate_event_ids', duplicateIds, duplicateIds === 0, '0');
    d.check(
      'api_exits_not_caused_by_the_drill',
      unexpectedExits.map((e) => `${e.code ?? e.signal} at ${Math.round((e.at - started) / 1000)} s`),
      unexpectedExits.length === 0,
      'none',
      '19.1',
    );
    d.check(
      'sends_never_acknowledged',
      unacknowledged.length,
      unacknowledged.length === 0,
      '0 (every retry lands once the faults end)',
      unexpectedExits.length ? '19.1' : undefined,
    );
  },
);
