import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.js';
import { namedStatement } from '../../db/named-statement.js';
import { uuidArrayLiteral } from '../../db/uuid-array-literal.js';
import { queryRows } from '../../db/query-rows.js';
import { contacts, conversations, matters, messages, participants, staff } from '../../db/schema.js';
import { likePattern } from '../../shared/pagination.js';
import type { TConversationKind } from './schemas.js';
import { conversationVisibleTo } from './visibility.js';

export type TConversationRow = typeof conversations.$inferSelect & {
  matterNumber: string | null;
  matterTitle: string | null;
  matterRestricted: boolean | null;
};

const columns = {
  firmId: conversations.firmId,
  id: conversations.id,
  kind: conversations.kind,
  matterId: conversations.matterId,
  name: conversations.name,
  requireMfa: conversations.requireMfa,
  archivedAt: conversations.archivedAt,
  archivedReason: conversations.archivedReason,
  createdByStaffId: conversations.createdByStaffId,
  lastMessageAt: conversations.lastMessageAt,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  matterNumber: matters.number,
  matterTitle: matters.title,
  matterRestricted: matters.restricted,
};

function selectConversations(db: Db) {
  return db
    .select(columns)
    .from(conversations)
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)));
}

const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

export async function getVisibleConversation(db: Db, firmId: string, staffId: string, id: string) {
  const rows = await selectConversations(db)
    .where(and(conversationVisibleTo(firmId, staffId), eq(conversations.id, id)))
    .limit(1);
  return rows[0] as TConversationRow | undefined;
}

const me = alias(participants, 'me');
const replayed = alias(messages, 'replayed');

function preparePostingContext(db: Db) {
  const firmId = sql.placeholder('firmId');
  const staffId = sql.placeholder('staffId');
  return db
    .select({
      ...columns,
      participantId: me.id,
      participantLeftAt: me.leftAt,
      replayedId: replayed.id,
      replayedConversationId: replayed.conversationId,
    })
    .from(conversations)
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)))
    .leftJoin(
      me,
      and(eq(me.firmId, conversations.firmId), eq(me.conversationId, conversations.id), eq(me.staffId, staffId)),
    )
    .leftJoin(
      replayed,
      and(
        eq(replayed.firmId, conversations.firmId),
        sql`coalesce(${replayed.authorStaffId}, ${replayed.authorContactId}) = ${staffId}`,
        eq(replayed.idempotencyKey, sql.placeholder('idempotencyKey')),
      ),
    )
    .where(and(conversationVisibleTo(firmId, staffId), eq(conversations.id, sql.placeholder('conversationId'))))
    .limit(1)
    .prepare('confer_posting_context');
}
const postingContexts = new WeakMap<Db, ReturnType<typeof preparePostingContext>>();

export type TPostingContext = {
  conversation: TConversationRow;
  /** The caller's participant row, also when they left. */
  participant: { id: string; leftAt: Date | null } | null;
  /** The message this author already sent with the same Idempotency-Key (in any conversation). */
  replayed: { id: string; conversationId: string } | null;
};

/**
 * Everything a staff member's send checks, in one statement: the conversation if they may
 * see it (undefined otherwise), their participation, and an earlier message with the same
 * Idempotency-Key.
 */
export async function findPostingContext(
  db: Db,
  firmId: string,
  staffId: string,
  conversationId: string,
  idempotencyKey: string | undefined,
): Promise<TPostingContext | undefined> {
  let prepared = postingContexts.get(db);
  if (!prepared) postingContexts.set(db, (prepared = preparePostingContext(db)));
  const [row] = await prepared.execute({ firmId, staffId, conversationId, idempotencyKey: idempotencyKey ?? null });
  if (!row) return undefined;
  const { participantId, participantLeftAt, replayedId, replayedConversationId, ...conversation } = row;
  return {
    conversation: conversation as TConversationRow,
    participant: participantId ? { id: participantId, leftAt: participantLeftAt } : null,
    replayed: replayedId && replayedConversationId ? { id: replayedId, conversationId: replayedConversationId } : null,
  };
}

/** A conversation by id within the firm, without any staff visibility rule (for system work). */
export async function getConversation(db: Db, firmId: string, id: string) {
  const rows = await selectConversations(db)
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, id)))
    .limit(1);
  return rows[0] as TConversationRow | undefined;
}

export async function listVisibleConversations(
  db: Db,
  firmId: string,
  staffId: string,
  filter: { joinedOnly?: boolean; kind?: TConversationKind; matterId?: string; nameLike?: string; limit: number },
): Promise<TConversationRow[]> {
  const conditions: SQL[] = [conversationVisibleTo(firmId, staffId)];
  if (filter.kind) conditions.push(eq(conversations.kind, filter.kind));
  if (filter.matterId) conditions.push(eq(conversations.matterId, filter.matterId));
  if (filter.nameLike) conditions.push(sql`${conversations.name} ilike ${likePattern(filter.nameLike)}`);
  if (filter.joinedOnly) {
    conditions.push(
      sql`exists (select 1 from participants jp where jp.firm_id = ${conversations.firmId} and jp.conversation_id = ${conversations.id} and jp.staff_id = ${staffId} and jp.left_at is null)`,
    );
  }
  return (await selectConversations(db)
    .where(and(...conditions))
    .orderBy(sql`${activity} desc`, sql`${conversations.id} desc`)
    .limit(filter.limit)) as TConversationRow[];
}

export type TParticipantRow = {
  id: string;
  conversationId: string;
  staffId: string | null;
  contactId: string | null;
  name: string;
  initials: string | null;
  contactKind: 'client' | 'third_party' | null;
  contactEmail: string | null;
  joinedAt: Date;
  leftAt: Date | null;
  lastReadSeq: number;
};

export async function listParticipants(db: Db, firmId: string, conversationIds: string[]): Promise<TParticipantRow[]> {
  if (conversationIds.length === 0) return [];
  return db
    .select({
      id: participants.id,
      conversationId: participants.conversationId,
      staffId: participants.staffId,
      contactId: participants.contactId,
      name: sql<string>`coalesce(${staff.name}, ${contacts.name})`,
      initials: staff.initials,
      contactKind: contacts.kind,
      contactEmail: contacts.email,
      joinedAt: participants.joinedAt,
      leftAt: participants.leftAt,
      lastReadSeq: participants.lastReadSeq,
    })
    .from(participants)
    .leftJoin(staff, and(eq(staff.firmId, participants.firmId), eq(staff.id, participants.staffId)))
    .leftJoin(contacts, and(eq(contacts.firmId, participants.firmId), eq(contacts.id, participants.contactId)))
    .where(and(eq(participants.firmId, firmId), inArray(participants.conversationId, conversationIds)))
    .orderBy(participants.joinedAt, participants.id);
}

/** Unread messages per conversation for an active staff participant: newer than their read mark, not their own. */
export async function countUnreadByConversation(
  db: Db,
  firmId: string,
  staffId: string,
  conversationIds?: string[],
): Promise<Map<string, number>> {
  const only =
    conversationIds === undefined
      ? sql``
      : conversationIds.length === 0
        ? sql` and false`
        : sql` and p.conversation_id in (${sql.join(
            conversationIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
  const rows = await queryRows<{ conversation_id: string; unread: number }>(
    db,
    sql`select p.conversation_id, count(m.seq)::int as unread
        from participants p
        join messages m on m.firm_id = p.firm_id and m.conversation_id = p.conversation_id
          and m.seq > p.last_read_seq and m.author_staff_id is distinct from p.staff_id
        where p.firm_id = ${firmId} and p.staff_id = ${staffId} and p.left_at is null${only}
        group by p.conversation_id`,
  );
  return new Map(rows.map((r) => [r.conversation_id, r.unread]));
}

export async function findStaffParticipant(db: Db, firmId: string, conversationId: string, staffId: string) {
  const rows = await db
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.firmId, firmId),
        eq(participants.conversationId, conversationId),
        eq(participants.staffId, staffId),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function insertConversation(
  db: Db,
  firmId: string,
  values: {
    kind: TConversationKind;
    matterId?: string | null;
    name?: string | null;
    requireMfa?: boolean;
    createdByStaffId: string;
  },
): Promise<string> {
  const rows = await db
    .insert(conversations)
    .values({ ...values, firmId })
    .returning({ id: conversations.id });
  return rows[0]!.id;
}

/** Adds staff and contacts; anyone who had left joins again. Returns nothing: re-read the list. */
export async function addParticipants(
  db: Db,
  firmId: string,
  conversationId: string,
  who: { staffIds?: string[]; contactIds?: string[] },
): Promise<void> {
  const staffIds = [...new Set(who.staffIds ?? [])];
  const contactIds = [...new Set(who.contactIds ?? [])];
  const rows = [
    ...staffIds.map((staffId) => ({ firmId, conversationId, staffId })),
    ...contactIds.map((contactId) => ({ firmId, conversationId, contactId })),
  ];
  if (rows.length === 0) return;
  await db.insert(participants).values(rows).onConflictDoNothing();
  const rejoin: SQL[] = [];
  if (staffIds.length) rejoin.push(inArray(participants.staffId, staffIds));
  if (contactIds.length) rejoin.push(inArray(participants.contactId, contactIds));
  await db
    .update(participants)
    .set({ leftAt: null, leftReason: null, joinedAt: sql`clock_timestamp()` })
    .where(
      and(
        eq(participants.firmId, firmId),
        eq(participants.conversationId, conversationId),
        sql`${participants.leftAt} is not null`,
        sql`(${sql.join(rejoin, sql` or `)})`,
      ),
    );
}

export async function markParticipantsLeft(
  db: Db,
  firmId: string,
  conversationId: string,
  filter: { participantId?: string; allStaff?: boolean; contactId?: string },
  reason: 'left' | 'removed' | 'engagement_ended',
): Promise<number> {
  const conditions: SQL[] = [
    eq(participants.firmId, firmId),
    eq(participants.conversationId, conversationId),
    isNull(participants.leftAt),
  ];
  if (filter.participantId) conditions.push(eq(participants.id, filter.participantId));
  if (filter.allStaff) conditions.push(sql`${participants.staffId} is not null`);
  if (filter.contactId) conditions.push(eq(participants.contactId, filter.contactId));
  const rows = await db
    .update(participants)
    .set({ leftAt: sql`clock_timestamp()`, leftReason: reason })
    .where(and(...conditions))
    .returning({ id: participants.id });
  return rows.length;
}

export async function updateConversation(
  db: Db,
  firmId: string,
  id: string,
  values: Partial<{
    name: string;
    archivedAt: Date | null;
    archivedReason: 'matter_closed' | 'engagement_ended' | null;
  }>,
): Promise<void> {
  await db
    .update(conversations)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, id)));
}

export async function findChannelByName(db: Db, firmId: string, name: string): Promise<{ id: string } | undefined> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.kind, 'channel'),
        sql`lower(${conversations.name}) = lower(${name})`,
      ),
    )
    .limit(1);
  return rows[0];
}

/** A direct conversation whose active staff are exactly these people. */
export async function findDirectWith(db: Db, firmId: string, staffIds: string[]): Promise<string | undefined> {
  const wanted = [...new Set(staffIds)].sort();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select c.id from conversations c
        where c.firm_id = ${firmId} and c.kind = 'direct'
          and (select array_agg(p.staff_id::text order by p.staff_id::text) from participants p
               where p.firm_id = c.firm_id and p.conversation_id = c.id and p.left_at is null)
              = array[${sql.join(
                wanted.map((id) => sql`${id}`),
                sql`, `,
              )}]::text[]
        limit 1`,
  );
  return rows[0]?.id;
}

/** Matter conversations to archive or restore when a matter is closed or reopened. */
export async function listMatterConversationIds(
  db: Db,
  firmId: string,
  matterId: string,
  archived: 'open' | 'archived_for_closure',
): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.firmId, firmId),
        eq(conversations.matterId, matterId),
        archived === 'open' ? isNull(conversations.archivedAt) : eq(conversations.archivedReason, 'matter_closed'),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The other clients and third parties still taking part in a conversation whose engagement on
 * its matter has not ended: while there are any, ending one contact's engagement leaves it open.
 */
export async function countOtherEngagedContacts(
  db: Db,
  firmId: string,
  conversationId: string,
  contactId: string,
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from participants p
        join conversations c on c.firm_id = p.firm_id and c.id = p.conversation_id
        join matter_contacts mc on mc.firm_id = p.firm_id and mc.matter_id = c.matter_id and mc.contact_id = p.contact_id
        where p.firm_id = ${firmId} and p.conversation_id = ${conversationId} and p.left_at is null
          and p.contact_id is not null and p.contact_id <> ${contactId} and mc.ended_at is null`,
  );
  return rows[0]?.n ?? 0;
}

/** External conversations of a matter in which the contact takes part (has not left). */
export async function listExternalConversationIdsOfContact(
  db: Db,
  firmId: string,
  matterId: string,
  contactId: string,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select c.id from conversations c
        join participants p on p.firm_id = c.firm_id and p.conversation_id = c.id and p.contact_id = ${contactId}
          and p.left_at is null
        where c.firm_id = ${firmId} and c.matter_id = ${matterId} and c.kind = 'external_matter'`,
  );
  return rows.map((r) => r.id);
}

const eventRecipients = namedStatement<{ staff_ids: string[]; contact_ids: string[] }>(
  'confer_event_recipients',
  'select to_json(staff_ids) as staff_ids, to_json(contact_ids) as contact_ids from confer_event_recipients($1, $2)',
);

/**
 * Who should hear about a conversation: its active participants, staff filtered by the
 * matter's restriction (staff who lost access to a restricted matter hear nothing). The rule
 * is the SQL function `confer_event_recipients`, which message posting uses too.
 */
export async function listEventRecipients(
  db: Db,
  firmId: string,
  conversationId: string,
): Promise<{ staffIds: string[]; contactIds: string[] }> {
  const [row] = await eventRecipients(db, [firmId, conversationId]);
  return { staffIds: row?.staff_ids ?? [], contactIds: row?.contact_ids ?? [] };
}

/** Read receipts are listed by name in conversations with at most this many participants. */
export const readersListedUpTo = 20;

/** A participant as read receipts name them. */
export type TReader = {
  id: string;
  staffId: string | null;
  contactId: string | null;
  name: string;
  initials: string | null;
  lastReadSeq: number;
};

/** What read receipts need of one conversation. */
export type TReadState = {
  participantCount: number;
  /** Every participant, when there are at most `readersListedUpTo`; otherwise null. */
  readers: TReader[] | null;
  /** Otherwise: every participant's read mark, ascending... */
  marks: number[];
  /** ...and the marks of the given authors (staff or contact id → mark). */
  authorMarks: Record<string, number>;
};

const readStates = namedStatement<{
  conversation_id: string;
  n: number;
  readers: TReader[] | null;
  marks: number[] | null;
  author_marks: Record<string, number> | null;
}>(
  'confer_read_states',
  `with counts as (
     select p.conversation_id, count(*)::int as n from participants p
     where p.firm_id = $1 and p.conversation_id = any($2::uuid[]) group by p.conversation_id)
   select c.conversation_id, c.n,
     case when c.n <= $4 then (
       select json_agg(json_build_object('id', p.id, 'staffId', p.staff_id, 'contactId', p.contact_id,
                'name', coalesce(s.name, ct.name), 'initials', s.initials, 'lastReadSeq', p.last_read_seq)
              order by p.joined_at, p.id)
       from participants p
       left join staff s on s.firm_id = p.firm_id and s.id = p.staff_id
       left join contacts ct on ct.firm_id = p.firm_id and ct.id = p.contact_id
       where p.firm_id = $1 and p.conversation_id = c.conversation_id) end as readers,
     case when c.n > $4 then (
       select json_agg(p.last_read_seq order by p.last_read_seq) from participants p
       where p.firm_id = $1 and p.conversation_id = c.conversation_id) end as marks,
     case when c.n > $4 then (
       select json_object_agg(coalesce(p.staff_id, p.contact_id), p.last_read_seq) from participants p
       where p.firm_id = $1 and p.conversation_id = c.conversation_id
         and coalesce(p.staff_id, p.contact_id) = any($3::uuid[])) end as author_marks
   from counts c`,
);

/**
 * Read receipts of conversations: their participants by name when there are few, else only
 * their read marks (sorted) and those of the given authors, so a message's readers can be
 * counted without listing a channel's thousand members.
 */
export async function findReadStates(
  db: Db,
  firmId: string,
  conversationIds: string[],
  authorIds: string[],
): Promise<Map<string, TReadState>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await readStates(db, [
    firmId,
    uuidArrayLiteral(conversationIds),
    uuidArrayLiteral(authorIds),
    readersListedUpTo,
  ]);
  return new Map(
    rows.map((r) => [
      r.conversation_id,
      {
        participantCount: r.n,
        readers: r.readers?.map((p) => ({ ...p, lastReadSeq: Number(p.lastReadSeq) })) ?? null,
        marks: (r.marks ?? []).map(Number),
        authorMarks: r.author_marks ?? {},
      },
    ]),
  );
}

/** Participants other than the author whose read mark has reached a message, by name. */
export async function listReaders(
  db: Db,
  firmId: string,
  message: { conversationId: string; seq: number; authorId: string },
): Promise<TReader[]> {
  return queryRows<TReader>(
    db,
    sql`select p.id, p.staff_id as "staffId", p.contact_id as "contactId", coalesce(s.name, ct.name) as name,
          s.initials, p.last_read_seq::float8 as "lastReadSeq"
        from participants p
        left join staff s on s.firm_id = p.firm_id and s.id = p.staff_id
        left join contacts ct on ct.firm_id = p.firm_id and ct.id = p.contact_id
        where p.firm_id = ${firmId} and p.conversation_id = ${message.conversationId}
          and p.last_read_seq >= ${message.seq}
          and coalesce(p.staff_id, p.contact_id) <> ${message.authorId}::uuid
        order by p.last_read_at nulls last, p.id
        limit 5000`,
  );
}
