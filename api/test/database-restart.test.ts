import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresCluster, type PostgresCluster } from './support/postgres-cluster.js';
import { openEventStream, type EventStream } from './support/read-event-stream.js';
import { buildApi, spawnConfer, type SpawnedConfer } from './support/spawn-confer.js';

// Restarting a PostgreSQL server needs one: TEST_DATABASE_URL (as in CI) says the machine has it.
const describeOnPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Answer = { at: number; status: number | string; type?: string; retryAfter?: string | null; code?: string };

describeOnPostgres('when PostgreSQL restarts under load', () => {
  let cluster: PostgresCluster;
  let confer: SpawnedConfer;
  let dataDir: string;
  /** Ends the test's event listener, even when the test failed half-way. */
  let stopListening = async () => {};

  beforeAll(async () => {
    buildApi();
    cluster = await createPostgresCluster();
    dataDir = mkdtempSync(join(tmpdir(), 'confer-restart-'));
    confer = await spawnConfer({
      CONFER_MODE: 'embedded',
      CONFER_DATA_DIR: dataDir,
      DATABASE_URL: cluster.url,
      AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING ?? '',
      AZURE_STORAGE_CONTAINER: `t${randomBytes(8).toString('hex')}`,
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    await stopListening();
    if (confer && confer.child.exitCode === null) {
      confer.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([confer.exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
      if (confer.child.exitCode === null) confer.child.kill('SIGKILL');
    }
    cluster?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test('then the process stays up, answers 503 with Retry-After meanwhile, serves again within 5 s, and the event stream replays what it missed', async () => {
    const base = confer.baseUrl;
    const tokenRes = await fetch(`${base}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alex.morgan@harbourvale.example' }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const created = await fetch(`${base}/api/v1/conversations`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'channel', name: `restart-${randomBytes(3).toString('hex')}` }),
    });
    expect(created.status).toBe(201);
    const conversationId = ((await created.json()) as { id: string }).id;

    // A listener that reconnects like EventSource: after 200 ms, from the last event id it saw.
    const seen: string[] = [];
    let lastEventId: string | undefined;
    let listening = true;
    let current: EventStream | undefined;
    stopListening = async () => {
      listening = false;
      await current?.close();
      await listener;
    };
    const listener: Promise<void> = (async () => {
      while (listening) {
        try {
          current = await openEventStream(`${base}/api/v1/events`, { token, lastEventId });
        } catch {
          await sleep(200);
          continue;
        }
        let read = 0;
        while (listening) {
          for (const event of current.events.slice(read)) {
            if (event.id) lastEventId = event.id;
            if (event.type === 'message.created') seen.push(event.json<{ message: { id: string } }>().message.id);
          }
          read = current.events.length;
          if (current.ended) break;
          await sleep(20);
        }
        await current.close();
        if (listening) await sleep(200);
      }
    })();
    await sleep(500);

    // 8 clients sending messages as fast as they are answered.
    const acknowledged: string[] = [];
    const answers: Answer[] = [];
    let sending = true;
    const send = async (label: string): Promise<Answer> => {
      try {
        const res = await fetch(`${base}/api/v1/conversations/${conversationId}/messages`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ body: label }),
        });
        const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string };
        if (res.status === 201 && body.id) acknowledged.push(body.id);
        return {
          at: Date.now(),
          status: res.status,
          type: res.headers.get('content-type') ?? undefined,
          retryAfter: res.headers.get('retry-after'),
          code: body.code,
        };
      } catch (error) {
        return { at: Date.now(), status: String((error as { cause?: { code?: string } }).cause?.code ?? error) };
      }
    };
    const clients = Array.from({ length: 8 }, async (_, i) => {
      for (let n = 0; sending; n++) answers.push(await send(`load ${i}.${n}`));
    });
    await sleep(1500);
    expect(acknowledged.length).toBeGreaterThan(0);

    cluster.crash();
    const downAt = Date.now();
    await sleep(1000);
    const readyDuring = await fetch(`${base}/readyz`);
    expect(readyDuring.status).toBe(503);
    expect(((await readyDuring.json()) as { status: string }).status).toBe('not_ready');
    const during = await send('while the database is down');
    expect(during).toMatchObject({ status: 503, code: 'unavailable', retryAfter: '5' });
    expect(during.type).toMatch(/^application\/problem\+json/);
    await sleep(3000 - (Date.now() - downAt));

    cluster.start();
    const backAt = Date.now();
    let servingAt: number | undefined;
    while (Date.now() - backAt < 10_000) {
      const ready = await fetch(`${base}/readyz`).then((r) => r.status, String);
      const probe = await send('probe');
      if (ready === 200 && probe.status === 201) {
        servingAt = Date.now();
        break;
      }
      await sleep(100);
    }
    expect(servingAt).toBeDefined();
    expect(servingAt! - backAt).toBeLessThan(5000);
    await sleep(1500);
    sending = false;
    await Promise.all(clients);

    // Still the same process, and every answer was either a success or a clean 503.
    expect(confer.child.exitCode).toBeNull();
    const unexpected = answers.filter(
      (a) =>
        a.status !== 201 &&
        !(a.status === 503 && a.retryAfter === '5' && a.type?.startsWith('application/problem+json')),
    );
    expect(unexpected).toEqual([]);
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expect(answers.filter((a) => a.status === 201 && a.at > backAt).length).toBeGreaterThan(0);
    // A send answered 503 after the database was back for 5 s would mean it was not serving.
    expect(answers.filter((a) => a.status === 503 && a.at > backAt + 5000)).toEqual([]);

    // Every acknowledged message reaches the listener, once.
    const deadline = Date.now() + 10_000;
    while (acknowledged.some((id) => !seen.includes(id)) && Date.now() < deadline) await sleep(100);
    await stopListening();
    expect(acknowledged.filter((id) => !seen.includes(id))).toEqual([]);
    expect(new Set(seen).size).toBe(seen.length);
  }, 90_000);
});
