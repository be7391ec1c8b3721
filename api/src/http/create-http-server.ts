import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { THttpLimits } from '../config.js';
import type { Logger } from '../logger.js';
import { retryAfterSeconds } from './error-handler.js';

/** How often slow connections are looked for (Node's default is 30 s, which would let them linger). */
const checkEveryMs = 1000;
/** How long a connection cut off with 408 may take to read it before it is destroyed. */
const lingerMs = 2000;
/** An over-the-limit connection that sends no request is closed after this. */
const refusedIdleMs = 5000;

const problem = (status: number, code: string, title: string, detail: string) =>
  JSON.stringify({ type: `https://confer.dev/problems/${code.replace(/_/g, '-')}`, title, status, code, detail });

/**
 * The HTTP server, hardened against clients that hold connections open (slowloris): the
 * headers must arrive within `headersTimeoutMs` and the whole request within
 * `requestTimeoutMs` (Node closes the connection with 408 otherwise); a request body that
 * trickles in slower than `bodyMinBytesPerSecond` over `bodyRateWindowMs` is cut off with 408
 * (see watchBodyRate); and one address may hold at most `maxConnectionsPerIp` connections:
 * requests on more get 503 with `Retry-After`, and the extra connections are closed.
 */
export function createHttpServer(app: RequestListener, limits: THttpLimits, logger: Logger): Server {
  const perIp = new Map<string, number>();
  const refused = new WeakSet<Socket>();

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: checkEveryMs,
      keepAliveTimeout: 65_000,
    },
    (req, res) => {
      if (refused.has(req.socket)) {
        res.writeHead(503, {
          'Content-Type': 'application/problem+json',
          'Retry-After': String(retryAfterSeconds),
          Connection: 'close',
        });
        res.end(
          problem(
            503,
            'too_many_connections',
            'Service Unavailable',
            'Too many connections from your address: close some and try again',
          ),
        );
        return;
      }
      watchBodyRate(req, res, limits, logger);
      app(req, res);
    },
  );

  if (limits.maxConnectionsPerIp > 0) {
    server.on('connection', (socket: Socket) => {
      const ip = socket.remoteAddress ?? '';
      const open = perIp.get(ip) ?? 0;
      if (open >= limits.maxConnectionsPerIp) {
        refused.add(socket);
        socket.setTimeout(refusedIdleMs, () => socket.destroy());
        return;
      }
      perIp.set(ip, open + 1);
      socket.once('close', () => {
        const left = (perIp.get(ip) ?? 1) - 1;
        if (left > 0) perIp.set(ip, left);
        else perIp.delete(ip);
      });
    });
  }
  return server;
}

/**
 * Cuts off a request whose body arrives too slowly. Each second it looks at the connection:
 * when the server is waiting for the client (the request is read and nothing is buffered),
 * that second counts, with the bytes that arrived. Once a window's worth of such seconds
 * has passed with fewer than `bodyMinBytesPerSecond` per second on average, the client gets
 * 408 and the connection is closed; the handler sees the request aborted and cleans up.
 * Seconds in which the server is not reading (a block being stored, a database query) do
 * not count against the client.
 */
function watchBodyRate(req: IncomingMessage, res: ServerResponse, limits: THttpLimits, logger: Logger): void {
  if (limits.bodyMinBytesPerSecond <= 0) return;
  const length = Number(req.headers['content-length'] ?? 0);
  if (!(length > 0) && req.headers['transfer-encoding'] === undefined) return;
  const socket = req.socket;
  let lastBytes = socket.bytesRead;
  let waitedMs = 0;
  let arrived = 0;
  // one listener per request on a kept-alive connection: removed once this request is done
  const stop = () => {
    clearInterval(timer);
    socket.off('close', stop);
  };
  const timer = setInterval(() => {
    if (req.complete || req.destroyed || socket.destroyed) return stop();
    const bytes = socket.bytesRead;
    arrived += bytes - lastBytes;
    lastBytes = bytes;
    const reading = req.readableFlowing !== false && req.readableLength < req.readableHighWaterMark;
    if (!reading) return;
    waitedMs += checkEveryMs;
    if (waitedMs < limits.bodyRateWindowMs) return;
    if (arrived >= (limits.bodyMinBytesPerSecond * waitedMs) / 1000) {
      waitedMs = 0;
      arrived = 0;
      return;
    }
    stop();
    logger.warn(
      { path: req.url?.split('?')[0], bytesPerSecond: Math.round((arrived * 1000) / waitedMs) },
      'request body too slow; connection closed',
    );
    // The request is destroyed too, so that its handler sees it aborted and cleans up (once a
    // response has finished, Node no longer tells the request when its connection closes).
    const cut = () => {
      if (!req.destroyed) req.destroy();
      socket.destroy();
    };
    if (res.headersSent) return cut();
    // Connection: close ends our side once it is written; the socket is destroyed a little later,
    // not at once: closing with unread input sends a reset, which can wipe the 408 at the client
    socket.once('close', cut);
    res.writeHead(408, { 'Content-Type': 'application/problem+json', Connection: 'close' });
    res.end(
      problem(
        408,
        'request_too_slow',
        'Request Timeout',
        `The request body arrived too slowly (under ${limits.bodyMinBytesPerSecond} bytes a second): try again on a better connection`,
      ),
    );
    setTimeout(cut, lingerMs).unref();
  }, checkEveryMs);
  timer.unref();
  // not when the response ends: a body nobody reads is still received (to reuse the connection)
  socket.once('close', stop);
  req.once('close', stop); // the request is over (its body read or dropped)
}
