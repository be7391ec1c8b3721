import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { bearer, createFirm } from './support/fixtures.js';
import { buildMultipart } from './support/multipart.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

// Real sockets on loopback, written to slowly on purpose. The limits are shortened so that
// the test takes seconds: headers within 2 s, bodies at least 1,000 bytes a second over 2 s,
// 60 connections per address.
let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;
let conversationId: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  app = await startTestApp({
    HTTP_HEADERS_TIMEOUT_SECONDS: '2',
    HTTP_BODY_MIN_BYTES_PER_SECOND: '1000',
    HTTP_BODY_RATE_WINDOW_SECONDS: '2',
    HTTP_MAX_CONNECTIONS_PER_IP: '60',
  });
  f = await createFirm(app);
  const created = await app.http
    .post('/api/v1/conversations')
    .set(bearer(f.member.token))
    .send({ kind: 'channel', name: `uploads-${randomBytes(3).toString('hex')}` });
  conversationId = created.body.id;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await app.stop();
});

type RawClient = { socket: Socket; received: () => string; closedAt: () => number | undefined };

/** A raw TCP connection to the app, from `localAddress` (any 127.x address is this machine). */
function open(localAddress = '127.0.0.1'): Promise<RawClient> {
  const port = Number(new URL(app.baseUrl).port);
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    sockets.add(socket);
    let received = '';
    let closedAt: number | undefined;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      closedAt = Date.now();
      sockets.delete(socket);
    });
    socket.once('connect', () => resolve({ socket, received: () => received, closedAt: () => closedAt }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte every `everyMs` until the connection closes. */
function trickle(client: RawClient, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (client.closedAt() !== undefined || client.socket.destroyed) return clearInterval(timer);
    client.socket.write(text[i % text.length]!);
    i += 1;
  }, everyMs);
  timer.unref();
}

async function allClosed(clients: RawClient[], withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (clients.some((c) => c.closedAt() === undefined) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(clients.filter((c) => c.closedAt() === undefined)).toHaveLength(0);
}

/** Sends a request and reads its response on a kept-alive raw connection. */
async function requestOn(client: RawClient, path: string): Promise<string> {
  const before = client.received().length;
  client.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = client.received().slice(before);
    const headEnd = text.indexOf('\r\n\r\n');
    const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? NaN);
    if (headEnd >= 0 && text.length >= headEnd + 4 + length) return text;
    if (client.closedAt() !== undefined) return text;
    if (Date.now() > deadline) throw new Error(`no response to ${path}: ${JSON.stringify(text)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('slow clients', () => {
  test('when 50 clients send their headers a byte at a time, then every connection is closed with 408 within the headers timeout', async () => {
    const started = Date.now();
    const clients = await Promise.all(Array.from({ length: 50 }, () => open()));
    for (const client of clients) {
      client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      trickle(client, 'X-Slow: aaaaaaaaaaaaaaaaaaaa\r\n', 200);
    }
    await allClosed(clients, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(clients.filter((c) => !c.received().startsWith('HTTP/1.1 408'))).toHaveLength(0);
  });

  test('when 50 clients upload 100 MB a few bytes a second, then each is cut off with 408 after the rate window and nothing stays staged', async () => {
    const { boundary, body } = buildMultipart([{ field: 'files', filename: 'big.bin', content: randomBytes(64) }]);
    const head = body.subarray(0, body.indexOf('\r\n\r\n', body.indexOf('filename=')) + 4);
    const started = Date.now();
    const clients = await Promise.all(Array.from({ length: 50 }, () => open()));
    for (const client of clients) {
      client.socket.write(
        `POST /api/v1/conversations/${conversationId}/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Authorization: Bearer ${f.member.token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
          `Content-Length: ${100 * 1024 * 1024}\r\n\r\n`,
      );
      client.socket.write(head);
      trickle(client, 'slow', 100);
    }
    // a 2 s window: the margin is for a loaded test machine (before, they stayed open for 30 minutes)
    await allClosed(clients, 20_000);
    expect(Date.now() - started).toBeLessThan(20_000);
    const answers = clients.map((c) => /^HTTP\/1\.1 (\d+)/.exec(c.received())?.[1] ?? 'closed');
    expect(answers.filter((a) => a !== '408')).toEqual([]);
    expect(clients[0]!.received()).toContain('"code":"request_too_slow"');
    // the upload handlers saw their requests end and discarded what they had staged
    const deadline = Date.now() + 5000;
    let staged = -1;
    while (staged !== 0 && Date.now() < deadline) {
      const [row] = await queryRows<{ n: number }>(
        app.db,
        sql`select count(*)::int as n from pending_uploads where firm_id = ${f.firm.id}`,
      );
      staged = row!.n;
      if (staged !== 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(staged).toBe(0);
  }, 45_000);

  test('when an upload arrives slowly but steadily for longer than the window, then it is accepted', async () => {
    const content = randomBytes(24 * 1024);
    const { boundary, body } = buildMultipart([
      { field: 'body', content: 'slow but steady' },
      { field: 'files', filename: 'steady.bin', content },
    ]);
    const client = await open();
    client.socket.write(
      `POST /api/v1/conversations/${conversationId}/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${f.member.token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    // 4 kB a second (4 times the minimum) for about 6 s: three rate windows
    for (let sent = 0; sent < body.length; sent += 400) {
      client.socket.write(body.subarray(sent, sent + 400));
      await new Promise((r) => setTimeout(r, 100));
    }
    await allClosed([client], 10_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 201/);
  }, 30_000);

  test('when one address opens more connections than allowed, then requests on the extra ones get 503 with Retry-After and other addresses are served', async () => {
    // from an address of their own: 127.0.0.1 also carries the app's fetches of its own JWKS
    const address = '127.0.0.3';
    const held = await Promise.all(Array.from({ length: 60 }, () => open(address)));
    // at once: a connection that sends nothing for 2 s is closed by the headers timeout
    const first = await Promise.all(held.map((client) => requestOn(client, '/healthz')));
    expect(first.filter((answer) => !/^HTTP\/1\.1 200/.test(answer))).toEqual([]);

    const extra = await open(address);
    const refused = await requestOn(extra, '/healthz');
    expect(refused).toMatch(/^HTTP\/1\.1 503/);
    expect(refused).toMatch(/retry-after: 5/i);
    expect(refused).toMatch(/content-type: application\/problem\+json/i);
    expect(refused).toContain('"code":"too_many_connections"');
    await allClosed([extra], 2000);

    const neighbour = await open('127.0.0.2');
    expect(await requestOn(neighbour, '/healthz')).toMatch(/^HTTP\/1\.1 200/);

    for (const client of held.slice(0, 10)) client.socket.destroy();
    await allClosed(held.slice(0, 10), 2000);
    await new Promise((r) => setTimeout(r, 100));
    const again = await open(address);
    expect(await requestOn(again, '/healthz')).toMatch(/^HTTP\/1\.1 200/);
    for (const client of [...held, neighbour, again]) client.socket.destroy();
  });
});

describe('kept-alive connections', () => {
  test('when one connection carries many requests with bodies, then the server keeps no listener per finished request on it', async () => {
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const accepted: Socket[] = [];
    const onConnection = (socket: Socket) => accepted.push(socket);
    app.server.on('connection', onConnection);
    try {
      const port = Number(new URL(app.baseUrl).port);
      const post = () =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: `/api/v1/conversations/${conversationId}/read`,
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/json', ...bearer(f.member.token) },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ seq: 0 }));
        });
      const first = await post();
      const baseline = accepted[0]!.listenerCount('close');
      for (let i = 0; i < 30; i++) expect(await post()).toBe(first);
      expect(accepted).toHaveLength(1); // all on one connection
      await new Promise((r) => setTimeout(r, 50));
      // 31 requests: without cleanup a listener per request would pile up until the socket closes
      expect(accepted[0]!.listenerCount('close')).toBeLessThanOrEqual(baseline + 1);
    } finally {
      app.server.off('connection', onConnection);
      agent.destroy();
    }
  });
});
