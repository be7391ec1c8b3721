// Drill 13, malformed input: 2,000 fuzzed requests (broken JSON, deep nesting, invalid UTF-8,
// huge headers and URLs, wrong content types, broken multipart, odd queries, broken HTTP) at
// every writing endpoint of the staff API, the portal and the webhook, plus 50 slow-body
// connections. Pass: the process never exits, no answer is a 5xx, and its resident memory
// comes back within 50 MB of where it started.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { pool, round, runDrill, sleep, waitUntil } from './lib/drill.js';
import { fillPath, listOperations } from './lib/openapi.js';
import { externalConversation, signInContact } from './lib/portal.js';
import { rawRequest, type RawAnswer } from './lib/raw-http.js';
import { ports, scaled } from './lib/settings.js';
import { demo, expectStatus, startStack } from './lib/stack.js';

const requests = scaled(2000, 200);
const slowConnections = 50;
const slowSeconds = 40;
const mb = 1024 * 1024;

type TTarget = { method: string; path: string; headers: Record<string, string> };
type TCase = { name: string; run: (t: TTarget) => Promise<RawAnswer> };

/** A raw HTTP exchange for what node:http will not send (broken framing, bad chunking). */
function rawExchange(payload: Buffer | string, timeoutMs = 10_000): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(ports.confer, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      const text = Buffer.concat(chunks);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text.toString('latin1'))?.[1] ?? 0);
      resolve({ status, headers: {}, body: text, ms: performance.now() - started });
    };
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.write(payload);
  });
}

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function cases(): TCase[] {
  const send = (t: TTarget, body: Buffer | string, contentType: string, extra: Record<string, string> = {}) =>
    rawRequest({
      port: ports.confer,
      method: t.method,
      path: t.path,
      headers: { ...t.headers, 'content-type': contentType, ...extra },
      body,
      timeoutMs: 20_000,
    });
  return [
    { name: 'truncated json', run: (t) => send(t, '{"body": "unterminated', 'application/json') },
    { name: 'trailing comma', run: (t) => send(t, '{"body": "x",}', 'application/json') },
    { name: 'single quotes', run: (t) => send(t, "{'body': 'x'}", 'application/json') },
    {
      name: 'NaN and huge numbers',
      run: (t) => send(t, '{"seq": NaN, "limit": 1e999, "n": 123456789012345678901234567890}', 'application/json'),
    },
    {
      name: 'prototype keys',
      run: (t) =>
        send(
          t,
          '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}, "body": "x"}',
          'application/json',
        ),
    },
    { name: 'deep array nesting', run: (t) => send(t, nested(10_000), 'application/json') },
    { name: 'deep object nesting', run: (t) => send(t, nestedObject(5_000), 'application/json') },
    { name: 'deep nesting in a field', run: (t) => send(t, `{"body": ${nested(5_000)}}`, 'application/json') },
    {
      name: 'invalid utf-8',
      run: (t) =>
        send(
          t,
          Buffer.concat([
            Buffer.from('{"body": "'),
            Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
            Buffer.from('"}'),
          ]),
          'application/json; charset=utf-8',
        ),
    },
    {
      name: 'utf-16 body',
      run: (t) => send(t, Buffer.from('{"body":"x"}', 'utf16le'), 'application/json; charset=utf-16'),
    },
    { name: 'lone surrogates', run: (t) => send(t, '{"body": "\\ud800\\udfff\\ud800 x"}', 'application/json') },
    {
      name: 'NUL in strings',
      run: (t) => send(t, '{"body": "a\\u0000b", "name": "\\u0000", "title": "x\\u0000"}', 'application/json'),
    },
    { name: 'text/plain', run: (t) => send(t, '{"body":"x"}', 'text/plain') },
    {
      name: 'xml',
      run: (t) =>
        send(
          t,
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
          'application/xml',
        ),
    },
    { name: 'form-urlencoded', run: (t) => send(t, 'body=x&body=y&a[b][c]=1', 'application/x-www-form-urlencoded') },
    {
      name: 'multipart to json',
      run: (t) =>
        send(
          t,
          '--b\r\nContent-Disposition: form-data; name="body"\r\n\r\nx\r\n--b--\r\n',
          'multipart/form-data; boundary=b',
        ),
    },
    {
      name: 'broken multipart',
      run: (t) =>
        send(
          t,
          '--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nno end',
          'multipart/form-data; boundary=b',
        ),
    },
    { name: 'multipart without boundary', run: (t) => send(t, 'x', 'multipart/form-data') },
    {
      name: 'multipart, thousands of fields',
      run: (t) =>
        send(
          t,
          Array.from(
            { length: 3000 },
            (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`,
          ).join('') + '--b--\r\n',
          'multipart/form-data; boundary=b',
        ),
    },
    {
      name: 'json over the size limit',
      run: (t) => send(t, JSON.stringify({ body: 'x'.repeat(2 * mb) }), 'application/json'),
    },
    { name: 'empty body', run: (t) => send(t, '', 'application/json') },
    { name: 'content-type with junk', run: (t) => send(t, '{}', 'application/json; charset=klingon; boundary=') },
    { name: 'huge header', run: (t) => send(t, '{}', 'application/json', { 'x-filler': 'a'.repeat(80 * 1024) }) },
    {
      name: 'many headers',
      run: (t) =>
        send(t, '{}', 'application/json', Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`x-h${i}`, 'v']))),
    },
    {
      name: 'bad idempotency key',
      run: (t) => send(t, '{"body":"x"}', 'application/json', { 'idempotency-key': `\u00ff${'k'.repeat(5000)}` }),
    },
    {
      name: 'bad last-event-id',
      run: (t) =>
        rawRequest({
          port: ports.confer,
          method: 'GET',
          path: '/api/v1/events',
          headers: { ...t.headers, 'last-event-id': '99999999999999999999999' },
          timeoutMs: 5000,
        }),
    },
    {
      name: 'odd query',
      run: (t) =>
        rawRequest({
          port: ports.confer,
          method: 'GET',
          path: `/api/v1/matters?limit=1e999&before=${'%ZZ'.repeat(10)}&q[]=1&q[x]=2`,
          headers: t.headers,
        }),
    },
    {
      name: 'long query',
      run: (t) =>
        rawRequest({
          port: ports.confer,
          method: 'GET',
          path: `/api/v1/search?q=${'a'.repeat(60_000)}`,
          headers: t.headers,
        }),
    },
    {
      name: 'bad percent encoding',
      run: (t) =>
        rawRequest({
          port: ports.confer,
          method: 'GET',
          path: `${t.path.replace(/[0-9a-f-]{36}/, '%E0%A4%A')}/%ff%fe`,
          headers: t.headers,
        }),
    },
    {
      name: 'dot segments',
      run: (t) =>
        rawRequest({ port: ports.confer, method: 'GET', path: '/api/v1/../../../etc/passwd', headers: t.headers }),
    },
    {
      name: 'unknown method',
      run: (t) => rawRequest({ port: ports.confer, method: 'PROPFIND', path: t.path, headers: t.headers }),
    },
    {
      name: 'content-length lies',
      run: (t) =>
        rawExchange(
          `${t.method} ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(t.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join(
              '\r\n',
            )}\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"body":"much longer than five"}`,
          5000,
        ),
    },
    {
      name: 'bad chunking',
      run: (t) =>
        rawExchange(
          `${t.method} ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(t.headers)
            .map(([k, v]) => `${k}: ${v}`)
            .join(
              '\r\n',
            )}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
          5000,
        ),
    },
    {
      name: 'smuggling headers',
      run: (t) =>
        rawExchange(
          `${t.method} ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n`,
          5000,
        ),
    },
    { name: 'garbage request line', run: () => rawExchange(`${randomBytes(64).toString('latin1')}\r\n\r\n`, 5000) },
    { name: 'http/0.9', run: () => rawExchange('GET /api/v1/me\r\n', 3000) },
  ];
}

/** A connection that sends its headers and then a byte every 2 s of a body it never finishes. */
function slowBody(
  headers: string,
  contentLength: number,
): { socket: Socket; closedAt: () => number | undefined; answered: () => number } {
  const socket = connect(ports.confer, '127.0.0.1');
  let closedAt: number | undefined;
  let status = 0;
  socket.on('data', (c: Buffer) => {
    status ||= Number(/^HTTP\/1\.1 (\d{3})/.exec(c.toString('latin1'))?.[1] ?? 0);
  });
  socket.on('close', () => (closedAt = Date.now()));
  socket.on('error', () => undefined);
  socket.write(`${headers}Content-Length: ${contentLength}\r\n\r\n{`);
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer);
    else socket.write('"');
  }, 2000);
  socket.on('close', () => clearInterval(timer));
  return { socket, closedAt: () => closedAt, answered: () => status };
}

await runDrill(
  'malformed-input',
  { budgetMs: 12 * 60_000, description: `${requests} fuzzed requests and ${slowConnections} slow-body connections` },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    const email = 'fuzzed.client@mail.example';
    const setup = await externalConversation(stack, token, { contacts: [{ name: 'Fuzzed Client', email }] });
    const session = await signInContact(stack, email);
    const message = expectStatus(
      await stack.staff(token)('POST', `/conversations/${setup.conversationId}/messages`, { body: 'Target' }),
      201,
      'message',
    ).json;
    const ids: Record<string, string> = {
      conversations: setup.conversationId,
      messages: message.id,
      matters: setup.matterId,
      contacts: setup.contacts[0]!.id,
    };
    const operations = await listOperations(stack.api);
    const targets: TTarget[] = operations
      // the portal's sign-in routes are added below without a session: fuzzing sign-out or switch
      // with the session would end it for every other portal target
      .filter((o) => o.method !== 'GET' && !o.path.startsWith('/api/portal/v1/auth/'))
      .map((o) => ({
        method: o.method,
        path: fillPath(o, Object.fromEntries(o.params.map((p) => [p, ids[o.resourceOf(p)] ?? setup.conversationId]))),
        headers: (o.path.startsWith('/api/portal/')
          ? { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: stack.confer.origin }
          : o.path.includes('/webhooks/')
            ? { 'x-confer-webhook-secret': stack.webhookSecret() }
            : { authorization: `Bearer ${token}` }) as Record<string, string>,
      }));
    targets.push(
      ...[
        '/api/portal/v1/auth/open',
        '/api/portal/v1/auth/verify',
        '/api/portal/v1/auth/request-link',
        '/dev/token',
      ].map((path) => ({ method: 'POST', path, headers: { origin: stack.confer.origin } })),
    );
    d.figure('targets', targets.length);

    // warm up: every case once against a JSON, an upload and a portal endpoint (first use loads
    // code and fills buffer pools), then the starting memory
    const all = cases();
    const warmTargets = [
      targets.find((t) => t.path.endsWith('/messages') && t.path.startsWith('/api/v1/'))!,
      targets.find((t) => t.path.endsWith('/uploads') && t.path.startsWith('/api/v1/'))!,
      targets.find((t) => t.path.startsWith('/api/portal/'))!,
    ];
    for (const t of warmTargets) for (const c of all) await c.run(t);
    await sleep(5000);
    const rssStart = stack.confer.rssBytes()!;
    d.figure('warm_up_requests', warmTargets.length * all.length);

    // slow bodies run alongside the fuzzing
    const slowStarted = Date.now();
    const slow = Array.from({ length: slowConnections }, (_, i) => {
      const t = targets[i % targets.length]!;
      const headers = `${t.method} ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(t.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\nContent-Type: application/json\r\n`;
      return slowBody(headers, 10_000);
    });

    const byStatus: Record<string, number> = {};
    const fivexx: string[] = [];
    const accepted = new Set<string>();
    let rssPeak = rssStart;
    await pool(requests, 16, async (i) => {
      d.assertTime('fuzzing');
      const c = all[i % all.length]!;
      const t = targets[Math.floor(i / all.length) % targets.length]!;
      const a = await c.run(t);
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      if (a.status >= 200 && a.status < 300) {
        accepted.add(`${c.name} → ${t.method} ${t.path.replace(/[0-9a-f-]{36}/g, '{id}')} ${a.status}`);
      }
      if (a.status >= 500)
        fivexx.push(`${c.name} → ${t.method} ${t.path}: ${a.status} ${a.body.toString().slice(0, 120)}`);
      if (i % 50 === 0) rssPeak = Math.max(rssPeak, stack.confer.rssBytes() ?? 0);
    });
    d.figure('fuzzed_requests', requests);
    d.figure('cases', all.length);
    d.figure('answers', byStatus);
    // endpoints that take no body (close, reopen, link) ignore whatever is sent: 2xx there is expected
    d.figure('answered_2xx', [...accepted].slice(0, 20));

    // the slow connections: wait out their 40 s, then see which the server closed
    const left = slowStarted + slowSeconds * 1000 - Date.now();
    if (left > 0) await sleep(left);
    const closed = slow.filter((s) => s.closedAt() !== undefined);
    const closedAfter = closed.map((s) => (s.closedAt()! - slowStarted) / 1000);
    d.figure('slow_body_connections', slowConnections);
    d.figure('slow_connections_closed_by_the_server_within_40s', {
      closed: closed.length,
      answered: Object.fromEntries(
        [...new Set(slow.map((s) => s.answered()))].map((st) => [st, slow.filter((s) => s.answered() === st).length]),
      ),
      median_seconds: closedAfter.length
        ? round(closedAfter.sort((a, b) => a - b)[Math.floor(closedAfter.length / 2)]!, 1)
        : null,
    });
    for (const s of slow) s.socket.destroy();
    for (const s of slow) if (s.answered() >= 500) fivexx.push(`slow body: ${s.answered()}`);

    // memory settles back (bounded wait)
    let rssEnd = stack.confer.rssBytes() ?? 0;
    await waitUntil(
      () => {
        rssEnd = stack.confer.rssBytes() ?? 0;
        return rssEnd - rssStart < 50 * mb;
      },
      90_000,
      1000,
    );
    const alive =
      stack.confer.running() && (await stack.api.call('GET', '/healthz').catch(() => ({ status: 0 }))).status === 200;
    for (const e of stack.confer.exits) {
      d.figure('exit', { code: e.code, signal: e.signal, last_lines: stack.confer.logLines.slice(-8) });
    }
    d.figure('rss_mb', { start: round(rssStart / mb), peak: round(rssPeak / mb), end: round(rssEnd / mb) });
    d.check(
      'crashes',
      stack.confer.exits.length || (alive ? 0 : 1),
      alive && stack.confer.exits.length === 0,
      '0 (the process answers /healthz at the end)',
    );
    d.check(
      'answers_5xx',
      fivexx.slice(0, 15),
      fivexx.length === 0,
      '0',
      fivexx.every((f) => /webhooks/.test(f) && /nesting/.test(f)) ? '19.5' : undefined,
    );
    d.check(
      'rss_growth_mb',
      round((rssEnd - rssStart) / mb),
      rssEnd - rssStart < 50 * mb,
      '< 50 (back within 50 MB of the start)',
    );
  },
);
