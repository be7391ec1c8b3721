import type { Db } from '../db/connect.js';
import { namedStatement } from '../db/named-statement.js';

export type TEventAudience = 'staff' | 'contact';

/** Who a stream belongs to: a staff member or a contact, always within one firm. */
export type TEventTarget = {
  firmId: string;
  audience: TEventAudience;
  id: string;
  /** A portal session limited to one conversation hears only about it (and about itself). */
  conversationId?: string | null;
  /** A portal stream: the session it was opened with (its stream closes when that session ends). */
  sessionId?: string;
};

/**
 * Where an event sits in its firm's stream. The stream is ordered by the writing
 * transaction's id, then the event id; the SSE `id:` a client sees is the event id, and its
 * position is looked up again when it reconnects with it.
 */
export type TPosition = { xid: number; id: number };

/** Before the firm's first event. */
export const streamStart: TPosition = { xid: 0, id: 0 };

export const isAfter = (a: TPosition, b: TPosition) => a.xid > b.xid || (a.xid === b.xid && a.id > b.id);

export type TStoredEvent = TPosition & {
  type: string;
  conversationId: string | null;
  staffIds: string[];
  contactIds: string[];
  allStaff: boolean;
  /** The SSE `data:` line: the payload with `conversationId` added, as JSON text. */
  data: string;
};

/*
 * Ordering without a lock. A firm's events are read in (xid, id) order, and only events whose
 * transaction id is below the reading snapshot's xmin: every transaction that could still
 * commit an event earlier in that order has ended, so what a reader has delivered is always a
 * final prefix of the stream and "everything after position P" is an exact replay on every
 * instance. A transaction still running holds back delivery of later transactions' events
 * until it ends (PostgreSQL event stores call this the high-water mark): keep writing
 * transactions short.
 */
const final = `e.xid < pg_snapshot_xmin(pg_current_snapshot())`;
const after = `(e.xid, e.id) > ($2::text::xid8, $3::bigint)`;
const columns = `e.id, e.xid::text as xid, e.type, e.conversation_id, to_json(e.staff_ids) as staff_ids,
  to_json(e.contact_ids) as contact_ids, e.all_staff,
  (e.payload || jsonb_build_object('conversationId', e.conversation_id))::text as data`;
const addressed = {
  staff: `(e.all_staff or $4::uuid = any(e.staff_ids))`,
  contact: `($4::uuid = any(e.contact_ids) and ($5::uuid is null or e.conversation_id is null or e.conversation_id = $5::uuid))`,
};

type Row = {
  id: string | number;
  xid: string;
  type: string;
  conversation_id: string | null;
  staff_ids: string[];
  contact_ids: string[];
  all_staff: boolean;
  data: string;
};

function toNumber(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Not a safe integer: ${value}`);
  return n;
}

const toEvent = (r: Row): TStoredEvent => ({
  id: toNumber(r.id),
  xid: toNumber(r.xid),
  type: r.type,
  conversationId: r.conversation_id,
  staffIds: r.staff_ids,
  contactIds: r.contact_ids,
  allStaff: r.all_staff,
  data: r.data,
});

const targetParams = (target: TEventTarget) =>
  target.audience === 'staff' ? [target.id] : [target.id, target.conversationId ?? null];

const firmEventsAfter = namedStatement<Row>(
  'confer_firm_events_after',
  `select ${columns} from events e where e.firm_id = $1 and ${after} and ${final} order by e.xid, e.id limit $4`,
);

/** The firm's final events after a position, in stream order (the hub's live reads). */
export async function findFirmEventsAfter(
  db: Db,
  firmId: string,
  position: TPosition,
  limit: number,
): Promise<TStoredEvent[]> {
  return (await firmEventsAfter(db, [firmId, String(position.xid), position.id, limit])).map(toEvent);
}

const eventsAfter = {
  staff: namedStatement<Row>(
    'confer_staff_events_after',
    `select ${columns} from events e where e.firm_id = $1 and ${after} and ${final} and ${addressed.staff}
     order by e.xid, e.id limit $5`,
  ),
  contact: namedStatement<Row>(
    'confer_contact_events_after',
    `select ${columns} from events e where e.firm_id = $1 and ${after} and ${final} and ${addressed.contact}
     order by e.xid, e.id limit $6`,
  ),
};

/** The target's final events after a position, in stream order, at most `limit`. */
export async function findEventsAfter(
  db: Db,
  target: TEventTarget,
  position: TPosition,
  limit: number,
): Promise<TStoredEvent[]> {
  const params = [target.firmId, String(position.xid), position.id, ...targetParams(target), limit];
  return (await eventsAfter[target.audience](db, params)).map(toEvent);
}

const countAfter = {
  staff: namedStatement<{ n: number }>(
    'confer_staff_events_count',
    `select count(*)::int as n from (select 1 from events e where e.firm_id = $1 and ${after} and ${final}
     and ${addressed.staff} limit $5) capped`,
  ),
  contact: namedStatement<{ n: number }>(
    'confer_contact_events_count',
    `select count(*)::int as n from (select 1 from events e where e.firm_id = $1 and ${after} and ${final}
     and ${addressed.contact} limit $6) capped`,
  ),
};

/** How many final events the target has after a position, counting no further than `atMost`. */
export async function countEventsAfter(
  db: Db,
  target: TEventTarget,
  position: TPosition,
  atMost: number,
): Promise<number> {
  const params = [target.firmId, String(position.xid), position.id, ...targetParams(target), atMost];
  const [row] = await countAfter[target.audience](db, params);
  return row?.n ?? 0;
}

const head = namedStatement<{ id: string | number; xid: string }>(
  'confer_events_head',
  `select e.id, e.xid::text as xid from events e where e.firm_id = $1 and ${final}
   order by e.xid desc, e.id desc limit 1`,
);

/** The position of the firm's newest final event; the stream's start when it has none. */
export async function findHead(db: Db, firmId: string): Promise<TPosition> {
  const [row] = await head(db, [firmId]);
  return row ? { xid: toNumber(row.xid), id: toNumber(row.id) } : streamStart;
}

const positionOfEvent = namedStatement<{ xid: string }>(
  'confer_event_position',
  `select e.xid::text as xid from events e where e.firm_id = $1 and e.id = $2 and ${final}`,
);

/**
 * Where a client's last event id sits in its firm's stream: 0 is the start; an id the firm
 * never had (another firm's, another database's, a forged one) is undefined.
 */
export async function findPosition(db: Db, firmId: string, eventId: number): Promise<TPosition | undefined> {
  if (eventId === 0) return streamStart;
  const [row] = await positionOfEvent(db, [firmId, eventId]);
  return row ? { xid: toNumber(row.xid), id: eventId } : undefined;
}
