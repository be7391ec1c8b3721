import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import { ZProblem } from '../http/define-route.js';
import { staffContextOf } from '../integrations/identity/staff-context.js';
import type { EventHub } from './event-hub.js';
import { findHead, findPosition, type TEventTarget } from './events-repository.js';
import { controlEvent, formatEvent, resyncEventType } from './stream-event.js';

/*
 * The event stream protocol (server-sent events, `GET /api/v1/events`):
 *
 *   retry: 2000                        first, once: reconnect after 2 s
 *
 *   id: 42                             one block per event, in stream order, never repeated
 *   event: message.created
 *   data: {...payload,"conversationId":"<uuid>"|null}
 *
 *   id: 42                             after the replay: the stream is live from here
 *   event: ready
 *   data: {"conversationId":null}
 *
 *   id: 97                             too much was missed (or the id is unknown): drop
 *   event: resync                      local state, refetch it, carry on with this stream
 *   data: {"reason":"...","conversationId":null}
 *
 *   : ping                             every 15 s, keeps proxies from timing out
 *
 * To resume, send the last `id:` seen as the `Last-Event-ID` header (EventSource does this
 * itself) or as `?lastEventId=` (fetch-based clients); the stream replays every event after
 * it, then goes live. Without either, it starts from now.
 */

export type EventStreamOptions = {
  db: Db;
  hub: EventHub;
  /** Whose stream this is, from what authentication left in `res.locals`. */
  identityOf(res: Response): TEventTarget;
  /**
   * For streams opened with a session that expires (the portal's): when it ends unless used
   * meanwhile, and how to look again then (its new end, or undefined once it has ended). The
   * stream closes when the session ends, as the next request with it would be refused.
   */
  sessionEnd?(res: Response): TSessionEnd;
  /** The time `sessionEnd` is read against. */
  clock?: Clock;
  pingIntervalMs?: number;
};

export type TSessionEnd = { at: Date; recheck(): Promise<Date | undefined> };

/** How long a stream waits at most before comparing its session's end with the clock again. */
const sessionCheckMs = 1000;
/** Blocks held while a due session is looked up again; past this the stream closes (it replays on reconnect). */
const maxHeldBlocks = 1000;

const retryMs = 2000;
const defaultPingMs = 15_000;
/** A client this far behind is cut off; it reconnects and replays from its last event id. */
const maxQueuedBytes = 1024 * 1024;
const lastEventIdPattern = /^\d{1,15}$/;

/** `Last-Event-ID` (header) or `?lastEventId=`: a non-negative integer, or absent. */
export function parseLastEventId(req: Request): number | undefined {
  const header = req.get('last-event-id');
  const [location, field, raw] =
    header !== undefined && header !== ''
      ? ['header', 'Last-Event-ID', header]
      : ['query', 'lastEventId', req.query.lastEventId];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !lastEventIdPattern.test(raw)) {
    const message = 'Must be a non-negative integer event id';
    throw new AppError('validation_failed', 400, `${location}.${field}: ${message}`, {
      errors: [{ location, field, message }],
    });
  }
  return Number(raw);
}

/**
 * The SSE handler, for any audience: staff here, portal contacts through their own
 * authentication. The stream is registered with the hub before the replay query runs and
 * live events are held back until the replay is sent, so a reconnect has no gap and no
 * duplicate.
 */
export function createEventStreamHandler(options: EventStreamOptions): RequestHandler {
  const pingMs = options.pingIntervalMs ?? defaultPingMs;
  const clock = options.clock ?? systemClock;
  return async (req, res) => {
    const target = options.identityOf(res);
    const requested = parseLastEventId(req);
    const [head, position] = await Promise.all([
      findHead(options.db, target.firmId),
      requested === undefined ? undefined : findPosition(options.db, target.firmId, requested),
    ]);
    // An id this firm never had (another database, a forged value): start from now, refetch.
    const unknownId = requested !== undefined && !position;
    const from = position ?? head;

    let open = true;
    let unsubscribe = () => {};
    /** For a session stream: whether its session may have ended, by the clock (it is then looked up again). */
    let sessionDue = () => false;
    let lookUpSession = () => {};
    /** What was written while the session was due: sent once it is found alive, dropped if it has ended. */
    let held: string[] | undefined;
    const write = (chunk: string) => {
      if (!open || res.writableEnded || res.destroyed) return;
      if (held || sessionDue()) {
        held ??= [];
        held.push(chunk);
        if (held.length > maxHeldBlocks) return end();
        return lookUpSession();
      }
      if (res.writableLength > maxQueuedBytes) {
        res.destroy();
        return;
      }
      res.write(chunk);
    };
    const ping = setInterval(() => write(': ping\n\n'), pingMs).unref();
    let sessionTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      open = false;
      clearInterval(ping);
      clearTimeout(sessionTimer);
      unsubscribe();
    };
    const end = () => {
      if (!open) return;
      stop();
      if (!res.writableEnded && !res.destroyed) res.end();
    };

    try {
      unsubscribe = options.hub.subscribe({ ...target, write, close: end }, from, head);
    } catch {
      stop();
      throw new AppError('unavailable', 503, 'The event stream is not available right now: try again shortly');
    }
    res.on('error', () => {});
    res.on('close', stop);
    if (res.destroyed || req.socket.destroyed) return stop(); // the client left during the lookup above

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.setHeader('Connection', 'keep-alive');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    write(`retry: ${retryMs}\n\n`);
    if (options.sessionEnd) watchSession(options.sessionEnd(res));
    if (unknownId) write(formatEvent(controlEvent(resyncEventType, head, { reason: 'unknown_event_id' })));

    /**
     * Closes the stream once the session has ended (idle or past its lifetime). Nothing is
     * written while the session is due by the clock and not yet looked up again: an event
     * reaches the stream only while its session would still be accepted.
     */
    function watchSession(session: TSessionEnd): void {
      let endsAt = session.at;
      let checking = false;
      sessionDue = () => clock.now() >= endsAt;
      const check = async () => {
        if (!open || checking) return;
        checking = true;
        clearTimeout(sessionTimer);
        try {
          if (sessionDue()) {
            try {
              const next = await session.recheck();
              if (!next) return end();
              endsAt = next;
            } catch {
              // the database is unreachable: look again shortly
            }
          }
        } finally {
          checking = false;
        }
        if (!open) return;
        if (held && !sessionDue()) {
          const release = held.join('');
          held = undefined;
          write(release);
        }
        const wait = Math.min(sessionCheckMs, Math.max(100, endsAt.getTime() - clock.now().getTime()));
        sessionTimer = setTimeout(() => void check(), wait).unref();
      };
      lookUpSession = () => void check();
      void check();
    }
  };
}

/** Whose stream `GET /api/v1/events` is on the staff router: the signed-in staff member. */
export function staffStreamIdentity(res: Response): TEventTarget {
  const staff = staffContextOf(res);
  return { firmId: staff.firmId, audience: 'staff', id: staff.staffId };
}

/** Mounts `GET /events` on the authenticated staff router and describes it in OpenAPI. */
export function addStaffEventStreamRoute(
  router: Router,
  registry: OpenAPIRegistry,
  deps: { db: Db; hub: EventHub; pingIntervalMs?: number },
): void {
  router.get('/events', createEventStreamHandler({ ...deps, identityOf: staffStreamIdentity }));
  const problem = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: ZProblem } } };
  const eventId = z.string().regex(lastEventIdPattern).optional();
  registry.registerPath({
    method: 'get',
    path: '/api/v1/events',
    summary: 'Stream of the signed-in staff member’s events (server-sent events), resumable by event id',
    tags: ['events'],
    security: [{ bearerAuth: [] }],
    request: {
      query: z.object({ lastEventId: eventId }),
      headers: z.object({ 'Last-Event-ID': eventId }),
    },
    responses: {
      200: {
        description: 'text/event-stream: `retry`, then `id`/`event`/`data` blocks, `ready`, `resync`, `: ping`',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      400: problem,
      401: problem,
    },
  });
}
