import type { Database } from '../db/connect.js';
import type { Unlisten } from '../db/create-postgres-listener.js';
import type { Logger } from '../logger.js';
import { findEventsByIds, type TEventAudience, type TEventTarget, type TStoredEvent } from './events-repository.js';
import { eventsChannel, type TEventNotice } from './publish-event.js';
import { defaultReplayLimits, replayEvents, type ReplayLimits } from './replay-events.js';
import {
  closesStreamOf,
  controlEvent,
  isAddressedTo,
  readyEventType,
  toStreamEvent,
  type TStreamEvent,
} from './stream-event.js';

/** One open stream: a staff member's or a contact's, in one firm. */
export type EventSubscriber = TEventTarget & {
  send(event: TStreamEvent): void;
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
   * background, it sends the subscriber's events after `afterId` (replay), the buffered ones
   * it has not sent yet, a `ready` event, and from then on live events. Nothing is sent before
   * this returns. Returns the function that unregisters the stream without closing it.
   */
  subscribe(subscriber: EventSubscriber, afterId: number): () => void;
  /** Closes every open stream of this staff member or contact on this instance. */
  closeFor(audience: TEventAudience, id: string): void;
  /** Streams open on this instance. */
  count(): number;
};

export type EventHubOptions = {
  database: Pick<Database, 'db' | 'listen'>;
  logger: Logger;
  replayLimits?: ReplayLimits;
  /** Live events held for a stream still replaying; past this the stream is closed (it reconnects). */
  maxBuffered?: number;
};

type Entry = {
  subscriber: EventSubscriber;
  /** The id of the last event sent: nothing at or below it is sent again. */
  position: number;
  /** Live events that arrived while replaying; undefined once live. */
  buffer: TStoredEvent[] | undefined;
  /** The LISTEN connection dropped while replaying: replay again from `position` once live. */
  resyncWhenLive: boolean;
  closed: boolean;
};

const noticeBatch = 500;

function parseNotice(payload: string): TEventNotice | undefined {
  try {
    const value = JSON.parse(payload) as Partial<TEventNotice>;
    if (typeof value.firmId === 'string' && Number.isSafeInteger(value.id) && (value.id as number) > 0) {
      return { firmId: value.firmId, id: value.id as number };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/**
 * One per API instance. Every instance LISTENs on `confer_events`; a notice names the firm
 * and event id, the hub fetches the row (batched, one query per firm) and hands it to the
 * local streams it is addressed to. Notices arrive in commit order and are processed one
 * batch at a time, so each stream gets its firm's events in id order. After the LISTEN
 * connection drops and comes back, every stream replays from the last id it was sent.
 */
export function createEventHub(options: EventHubOptions): EventHub {
  const { database, logger } = options;
  const db = database.db;
  const limits = options.replayLimits ?? defaultReplayLimits;
  const maxBuffered = options.maxBuffered ?? 10_000;

  const byFirm = new Map<string, Set<Entry>>();
  const pending: TEventNotice[] = [];
  const toResync = new Set<Entry>();
  const catchUps = new Set<Promise<void>>();
  let draining: Promise<void> | undefined;
  let unlisten: Unlisten | undefined;
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  let stopping: Promise<void> | undefined;

  const entries = () => [...byFirm.values()].flatMap((set) => [...set]);

  function detach(entry: Entry): void {
    if (entry.closed) return;
    entry.closed = true;
    entry.buffer = undefined;
    toResync.delete(entry);
    const set = byFirm.get(entry.subscriber.firmId);
    set?.delete(entry);
    if (set?.size === 0) byFirm.delete(entry.subscriber.firmId);
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

  /** Sends an event the stream has not had yet; closes the stream after a disabling event. */
  function emit(entry: Entry, event: TStoredEvent): void {
    if (entry.closed || event.id <= entry.position) return;
    entry.position = event.id;
    try {
      entry.subscriber.send(toStreamEvent(event));
    } catch {
      close(entry);
      return;
    }
    if (closesStreamOf(event, entry.subscriber)) close(entry);
  }

  /** A live event for this stream: buffered while it replays, else sent. */
  function offer(entry: Entry, event: TStoredEvent): void {
    if (entry.closed) return;
    if (!entry.buffer) return emit(entry, event);
    if (entry.buffer.length >= maxBuffered) return close(entry);
    entry.buffer.push(event);
  }

  async function catchUp(entry: Entry, afterId: number): Promise<void> {
    try {
      await replayEvents(db, entry.subscriber, afterId, (event) => emit(entry, event), limits);
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
    for (const event of buffered) emit(entry, event);
    if (entry.closed) return;
    try {
      entry.subscriber.send(toStreamEvent(controlEvent(readyEventType, entry.position, {})));
    } catch {
      close(entry);
      return;
    }
    if (entry.resyncWhenLive) {
      entry.resyncWhenLive = false;
      toResync.add(entry);
      kick();
    }
  }

  async function resync(entry: Entry): Promise<void> {
    try {
      await replayEvents(db, entry.subscriber, entry.position, (event) => offer(entry, event), limits);
    } catch (error) {
      if (!entry.closed && state === 'running') {
        logger.warn({ firmId: entry.subscriber.firmId, error: (error as Error).message }, 'event resync failed');
      }
      close(entry); // the client reconnects and replays from its last event id
    }
  }

  async function deliver(notices: TEventNotice[]): Promise<void> {
    const idsByFirm = new Map<string, number[]>();
    for (const notice of notices) {
      if (!byFirm.has(notice.firmId)) continue; // no stream of that firm here
      const ids = idsByFirm.get(notice.firmId) ?? [];
      ids.push(notice.id);
      idsByFirm.set(notice.firmId, ids);
    }
    for (const [firmId, ids] of idsByFirm) {
      let rows: TStoredEvent[];
      try {
        rows = await findEventsByIds(db, firmId, ids);
      } catch (error) {
        if (state !== 'running') return;
        logger.warn({ firmId, error: (error as Error).message }, 'event fetch failed; closing the firm streams');
        for (const entry of byFirm.get(firmId) ?? []) close(entry); // they reconnect and replay
        continue;
      }
      for (const row of rows) {
        for (const entry of [...(byFirm.get(firmId) ?? [])]) {
          if (isAddressedTo(row, entry.subscriber)) offer(entry, row);
        }
      }
    }
  }

  async function drain(): Promise<void> {
    while (state === 'running' && (toResync.size > 0 || pending.length > 0)) {
      if (toResync.size > 0) {
        const entry = toResync.values().next().value as Entry;
        toResync.delete(entry);
        await resync(entry);
        continue;
      }
      await deliver(pending.splice(0, noticeBatch));
    }
  }

  /** Runs the one drain loop if there is work and it is not running yet. */
  function kick(): void {
    if (draining || state !== 'running' || (pending.length === 0 && toResync.size === 0)) return;
    draining = drain()
      .catch((error: Error) => logger.error({ error: error.message }, 'event delivery failed'))
      .finally(() => {
        draining = undefined;
        kick();
      });
  }

  function onPayload(payload: string): void {
    const notice = parseNotice(payload);
    if (!notice) {
      logger.warn('ignored a malformed event notice');
      return;
    }
    pending.push(notice);
    kick();
  }

  function onReconnect(): void {
    logger.info({ streams: entries().length }, 'event listener reconnected; resyncing streams');
    for (const entry of entries()) {
      if (entry.buffer) entry.resyncWhenLive = true;
      else toResync.add(entry);
    }
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
        for (const entry of entries()) close(entry);
        pending.length = 0;
        await unlisten?.().catch(() => {});
        await draining;
        await Promise.allSettled([...catchUps]);
      })();
      return stopping;
    },

    subscribe(subscriber, afterId) {
      if (state !== 'running') throw new Error('The event hub is not running');
      const entry: Entry = { subscriber, position: afterId, buffer: [], resyncWhenLive: false, closed: false };
      const set = byFirm.get(subscriber.firmId) ?? new Set<Entry>();
      set.add(entry);
      byFirm.set(subscriber.firmId, set);
      const running = catchUp(entry, afterId).finally(() => catchUps.delete(running));
      catchUps.add(running);
      return () => detach(entry);
    },

    closeFor(audience, id) {
      for (const entry of entries()) {
        if (entry.subscriber.audience === audience && entry.subscriber.id === id) close(entry);
      }
    },

    count: () => entries().length,
  };
}
