import type { Database } from '../db/connect.js';
import type { Unlisten } from '../db/create-postgres-listener.js';
import type { Logger } from '../logger.js';
import {
  findFirmEventsAfter,
  isAfter,
  type TEventAudience,
  type TEventTarget,
  type TPosition,
  type TStoredEvent,
} from './events-repository.js';
import { eventsChannel, type TEventNotice } from './publish-event.js';
import { defaultReplayLimits, replayEvents, type ReplayLimits } from './replay-events.js';
import { parseStaffNotice, type TStaffNotice } from './staff-notice.js';
import {
  closesStreamOf,
  controlEvent,
  formatEvent,
  hintEventTypes,
  hintIntervalMs,
  isInScope,
  readyEventType,
} from './stream-event.js';

/** One open stream: a staff member's or a contact's, in one firm. */
export type EventSubscriber = TEventTarget & {
  /** Writes SSE text: one or more event blocks. */
  write(text: string): void;
  /** End the stream (the client may reconnect; disabled users are then refused at sign-in). */
  close(): void;
};

export type EventHub = {
  /** LISTENs for events; call once before subscribing. */
  start(): Promise<void>;
  /** Closes every stream and stops listening. Idempotent. */
  stop(): Promise<void>;
  /**
   * Registers a stream at once: from this moment its live events are buffered. Then, in the
   * background, it sends the subscriber's events after `from` (replay), the buffered ones it
   * has not sent yet, a `ready` event, and from then on live events. `head` is the firm's
   * newest position, read before this call. Nothing is sent before this returns. Returns the
   * function that unregisters the stream without closing it.
   */
  subscribe(subscriber: EventSubscriber, from: TPosition, head: TPosition): () => void;
  /** Closes every open stream of this staff member or contact on this instance. */
  closeFor(audience: TEventAudience, id: string): void;
  /** Streams open on this instance. */
  count(): number;
  /**
   * Calls `listener` when any instance says a staff member changed (disabled, role), and with
   * no notice after the LISTEN connection came back (notices may have been missed).
   */
  onStaffChanged(listener: (notice: TStaffNotice | undefined) => void): () => void;
};

export type EventHubOptions = {
  /** `db` for replays (request traffic), `reader` for live reads, `listen` for notices. */
  database: Pick<Database, 'db' | 'reader' | 'listen'>;
  logger: Logger;
  replayLimits?: ReplayLimits;
  /** Live events held for a stream still replaying; past this the stream is closed (it reconnects). */
  maxBuffered?: number;
};

type Entry = {
  subscriber: EventSubscriber;
  /** The last event sent: nothing at or before it is sent again. */
  position: TPosition;
  /** Live events that arrived while replaying; undefined once live. */
  buffer: TStoredEvent[] | undefined;
  /** Hints not written yet: sent with the stream's next other event or at the next hint tick. */
  hints: TStoredEvent[] | undefined;
  closed: boolean;
};

/** The streams of one firm on this instance and how far the firm's live stream has been read. */
type Firm = {
  id: string;
  entries: Set<Entry>;
  byStaff: Map<string, Set<Entry>>;
  byContact: Map<string, Set<Entry>>;
  /** Every final event up to here has been read and handed to the streams. */
  cursor: TPosition;
  /** The newest position a notice named: read again until the cursor reaches it. */
  notified: TPosition;
  retryTimer: NodeJS.Timeout | undefined;
  retries: number;
};

const readBatch = 500;
/** Waiting for an earlier transaction to end before a notified event is final: 1, 2, 4... 25 ms. */
const retryDelayMs = (attempt: number) => Math.min(25, 2 ** attempt);
/** After a failed read: 100 ms doubling to 5 s. */
const errorDelayMs = (attempt: number) => Math.min(5000, 100 * 2 ** attempt);

function parseEventNotice(value: Record<string, unknown>): TEventNotice | undefined {
  const id = value.id;
  const xid = typeof value.xid === 'string' ? Number(value.xid) : value.xid;
  if (typeof value.firmId !== 'string' || !Number.isSafeInteger(id) || !Number.isSafeInteger(xid)) return undefined;
  return { firmId: value.firmId, id: id as number, xid: xid as number };
}

const add = (map: Map<string, Set<Entry>>, key: string, entry: Entry) => {
  const set = map.get(key) ?? new Set<Entry>();
  set.add(entry);
  map.set(key, set);
};
const remove = (map: Map<string, Set<Entry>>, key: string, entry: Entry) => {
  const set = map.get(key);
  set?.delete(entry);
  if (set?.size === 0) map.delete(key);
};

/**
 * One per API instance. Every instance LISTENs on `confer_events`; a notice names the firm and
 * the event's position. For each firm with streams here, the hub keeps a cursor and reads the
 * firm's final events after it (on its own connection, not the request pool), so the live
 * stream is contiguous whatever notices arrive or are lost: after the LISTEN connection comes
 * back, every firm is simply read again from its cursor. Each event is formatted once and
 * handed to the streams it is addressed to (looked up by id), one write per stream per read.
 */
export function createEventHub(options: EventHubOptions): EventHub {
  const { database, logger } = options;
  const limits = options.replayLimits ?? defaultReplayLimits;
  const maxBuffered = options.maxBuffered ?? 10_000;

  const firms = new Map<string, Firm>();
  const due = new Set<Firm>();
  const catchUps = new Set<Promise<void>>();
  const staffListeners = new Set<(notice: TStaffNotice | undefined) => void>();
  let draining: Promise<void> | undefined;
  let unlisten: Unlisten | undefined;
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  let stopping: Promise<void> | undefined;
  /** Streams holding hints, and the one timer that writes them. */
  const hinted = new Set<Entry>();
  let hintTimer: NodeJS.Timeout | undefined;

  const entries = () => [...firms.values()].flatMap((firm) => [...firm.entries]);

  function detach(entry: Entry): void {
    if (entry.closed) return;
    entry.closed = true;
    entry.buffer = undefined;
    entry.hints = undefined;
    hinted.delete(entry);
    const { subscriber } = entry;
    const firm = firms.get(subscriber.firmId);
    if (!firm) return;
    firm.entries.delete(entry);
    remove(subscriber.audience === 'staff' ? firm.byStaff : firm.byContact, subscriber.id, entry);
    if (firm.entries.size === 0) {
      clearTimeout(firm.retryTimer);
      firms.delete(firm.id);
      due.delete(firm);
    }
  }

  function close(entry: Entry): void {
    if (entry.closed) return;
    detach(entry);
    try {
      entry.subscriber.close();
    } catch {
      // already gone
    }
  }

  function write(entry: Entry, text: string): void {
    if (entry.closed || text === '') return;
    try {
      entry.subscriber.write(text);
    } catch {
      close(entry);
    }
  }

  /**
   * Sends events the stream has not had yet, in one write; closes the stream after a
   * disabling event. `texts` holds each event's formatted block (computed once per event).
   */
  function emit(entry: Entry, events: TStoredEvent[], texts?: Map<TStoredEvent, string>): void {
    let out = '';
    let closing = false;
    for (const event of events) {
      if (entry.closed || !isAfter(event, entry.position)) continue;
      entry.position = event;
      let text = texts?.get(event);
      if (text === undefined) {
        text = formatEvent(event);
        texts?.set(event, text);
      }
      out += text;
      if (closesStreamOf(event, entry.subscriber)) {
        closing = true;
        break;
      }
    }
    write(entry, out);
    if (closing) close(entry);
  }

  /** Live events for this stream: buffered while it replays, else sent. */
  function offer(entry: Entry, events: TStoredEvent[], texts: Map<TStoredEvent, string>): void {
    if (entry.closed) return;
    if (!entry.buffer) return emit(entry, events, texts);
    if (entry.buffer.length + events.length > maxBuffered) return close(entry);
    entry.buffer.push(...events);
  }

  async function catchUp(entry: Entry, from: TPosition): Promise<void> {
    try {
      const replayed: TStoredEvent[] = [];
      await replayEvents(database.db, entry.subscriber, from, (event) => replayed.push(event), limits);
      if (entry.closed) return;
      emit(entry, replayed);
    } catch (error) {
      if (!entry.closed && state === 'running') {
        logger.warn({ firmId: entry.subscriber.firmId, error: (error as Error).message }, 'event replay failed');
      }
      close(entry);
      return;
    }
    if (entry.closed) return;
    const buffered = entry.buffer ?? [];
    entry.buffer = undefined;
    emit(entry, buffered);
    if (entry.closed) return;
    write(entry, formatEvent(controlEvent(readyEventType, entry.position, {})));
  }

  /** Writes every held hint: one write per stream per hint interval at most. */
  function flushHints(): void {
    hintTimer = undefined;
    const texts = new Map<TStoredEvent, string>();
    for (const entry of [...hinted]) {
      const hints = entry.hints ?? [];
      entry.hints = undefined;
      hinted.delete(entry);
      offer(entry, hints, texts);
    }
  }

  /**
   * A stream's share of a read: hints alone are held for the next hint tick (a newer hint about
   * the same conversation replaces an older one); anything else goes out now, after the hints
   * held before it, in order.
   */
  function deliver(entry: Entry, events: TStoredEvent[], texts: Map<TStoredEvent, string>): void {
    if (events.every((e) => hintEventTypes.has(e.type))) {
      const held = (entry.hints ?? []).filter((h) => !events.some((e) => e.conversationId === h.conversationId));
      entry.hints = [...held, ...events];
      hinted.add(entry);
      if (!hintTimer && state === 'running') {
        hintTimer = setTimeout(flushHints, hintIntervalMs);
        hintTimer.unref?.();
      }
      return;
    }
    if (entry.hints) {
      events = [...entry.hints, ...events];
      entry.hints = undefined;
      hinted.delete(entry);
    }
    offer(entry, events, texts);
  }

  /** Hands a batch of a firm's events to its streams: each addressee's events in one write. */
  function fanOut(firm: Firm, events: TStoredEvent[]): void {
    const perEntry = new Map<Entry, TStoredEvent[]>();
    const to = (entry: Entry, event: TStoredEvent) => {
      const list = perEntry.get(entry);
      if (list) list.push(event);
      else perEntry.set(entry, [event]);
    };
    for (const event of events) {
      if (event.allStaff) {
        for (const set of firm.byStaff.values()) for (const entry of set) to(entry, event);
      } else {
        for (const id of event.staffIds) for (const entry of firm.byStaff.get(id) ?? []) to(entry, event);
      }
      for (const id of event.contactIds) {
        for (const entry of firm.byContact.get(id) ?? []) if (isInScope(event, entry.subscriber)) to(entry, event);
      }
    }
    const texts = new Map<TStoredEvent, string>();
    for (const [entry, list] of perEntry) deliver(entry, list, texts);
  }

  function schedule(firm: Firm, delayMs: number): void {
    if (firm.retryTimer || state !== 'running') return;
    firm.retryTimer = setTimeout(() => {
      firm.retryTimer = undefined;
      if (firms.get(firm.id) !== firm) return;
      due.add(firm);
      kick();
    }, delayMs);
    firm.retryTimer.unref?.();
  }

  async function read(firm: Firm): Promise<void> {
    let events: TStoredEvent[];
    try {
      events = await findFirmEventsAfter(database.reader, firm.id, firm.cursor, readBatch);
    } catch (error) {
      if (state !== 'running') return;
      logger.warn({ firmId: firm.id, error: (error as Error).message }, 'event read failed; retrying');
      schedule(firm, errorDelayMs(firm.retries++));
      return;
    }
    if (firms.get(firm.id) !== firm) return; // every stream of the firm left meanwhile
    const last = events[events.length - 1];
    if (last) {
      firm.cursor = last;
      fanOut(firm, events);
    }
    if (events.length === readBatch) {
      due.add(firm);
    } else if (isAfter(firm.notified, firm.cursor)) {
      // notified, not final yet: an earlier transaction is still running
      schedule(firm, retryDelayMs(firm.retries++));
    } else {
      firm.retries = 0;
    }
  }

  async function drain(): Promise<void> {
    while (state === 'running' && due.size > 0) {
      const batch = [...due];
      due.clear();
      for (const firm of batch) {
        if (firms.get(firm.id) === firm) await read(firm);
      }
    }
  }

  /** Runs the one drain loop if there is work and it is not running yet. */
  function kick(): void {
    if (draining || state !== 'running' || due.size === 0) return;
    draining = drain()
      .catch((error: Error) => logger.error({ error: error.message }, 'event delivery failed'))
      .finally(() => {
        draining = undefined;
        kick();
      });
  }

  function onPayload(payload: string): void {
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      logger.warn('ignored a malformed event notice');
      return;
    }
    const staff = parseStaffNotice(value);
    if (staff) {
      for (const listener of staffListeners) listener(staff);
      return;
    }
    const notice = parseEventNotice(value);
    if (!notice) {
      logger.warn('ignored a malformed event notice');
      return;
    }
    const firm = firms.get(notice.firmId);
    if (!firm) return; // no stream of that firm here
    if (!isAfter(notice, firm.cursor)) return; // already read
    if (isAfter(notice, firm.notified)) firm.notified = { xid: notice.xid, id: notice.id };
    clearTimeout(firm.retryTimer);
    firm.retryTimer = undefined;
    due.add(firm);
    kick();
  }

  function onReconnect(): void {
    logger.info({ streams: entries().length }, 'event listener reconnected; reading every firm again');
    for (const listener of staffListeners) listener(undefined);
    for (const firm of firms.values()) due.add(firm);
    kick();
  }

  return {
    async start() {
      if (state !== 'idle') throw new Error('The event hub has already been started');
      state = 'running';
      try {
        unlisten = await database.listen(eventsChannel, onPayload, {
          onReconnect,
          onError: (error) => logger.warn({ error: error.message }, 'event listener connection lost; reconnecting'),
        });
      } catch (error) {
        state = 'stopped';
        throw error;
      }
    },

    stop() {
      stopping ??= (async () => {
        state = 'stopped';
        clearTimeout(hintTimer);
        for (const entry of entries()) close(entry);
        for (const firm of firms.values()) clearTimeout(firm.retryTimer);
        due.clear();
        await unlisten?.().catch(() => {});
        await draining;
        await Promise.allSettled([...catchUps]);
      })();
      return stopping;
    },

    subscribe(subscriber, from, head) {
      if (state !== 'running') throw new Error('The event hub is not running');
      const entry: Entry = { subscriber, position: from, buffer: [], hints: undefined, closed: false };
      let firm = firms.get(subscriber.firmId);
      if (!firm) {
        firm = {
          id: subscriber.firmId,
          entries: new Set(),
          byStaff: new Map(),
          byContact: new Map(),
          cursor: head,
          notified: head,
          retryTimer: undefined,
          retries: 0,
        };
        firms.set(firm.id, firm);
      }
      firm.entries.add(entry);
      add(subscriber.audience === 'staff' ? firm.byStaff : firm.byContact, subscriber.id, entry);
      const running = catchUp(entry, from).finally(() => catchUps.delete(running));
      catchUps.add(running);
      return () => detach(entry);
    },

    closeFor(audience, id) {
      for (const firm of [...firms.values()]) {
        for (const entry of [...((audience === 'staff' ? firm.byStaff : firm.byContact).get(id) ?? [])]) close(entry);
      }
    },

    count: () => entries().length,

    onStaffChanged(listener) {
      staffListeners.add(listener);
      return () => staffListeners.delete(listener);
    },
  };
}
