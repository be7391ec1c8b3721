import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

const safeRequestId = /^[A-Za-z0-9._-]{8,128}$/;

/** Request id from X-Request-Id when it is safe to echo, else a new one; echoed back. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && safeRequestId.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};

/** A live event stream (SSE): it ends when the reader goes away, which is how it is meant to end. */
const isEventStream = (res: ServerResponse) =>
  String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

/**
 * One access-log line per request: method, path without query, status, time. No bodies. A live
 * event stream that the browser closed (every page change or reload does) is logged at debug as
 * "stream closed", not as an aborted request.
 */
export function createAccessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    customLogLevel: (_req, res) => (isEventStream(res) ? 'debug' : 'info'),
    customSuccessMessage: (req, res) =>
      isEventStream(res)
        ? 'stream closed'
        : !req.readableAborted && res.writableEnded
          ? 'request completed'
          : 'request aborted',
    genReqId: (_req, res) => String((res as unknown as { locals: { requestId: string } }).locals.requestId),
    customProps: () => ({}),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: String(req.url).split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
  }) as unknown as RequestHandler;
}
