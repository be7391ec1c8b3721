import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import {
  contacts,
  conversations,
  firms,
  matters,
  outbox,
  participants,
  quickReplyLinks,
  unroutedSms,
} from '../../db/schema.js';

/** A contact's mobile changed: quick-reply links texted to the old number stop working. */
export async function expireQuickReplyLinks(db: Db, firmId: string, contactId: string, at: Date): Promise<void> {
  await db
    .update(quickReplyLinks)
    .set({ expiresAt: sql`least(${quickReplyLinks.expiresAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(quickReplyLinks.firmId, firmId), eq(quickReplyLinks.contactId, contactId)));
}

export async function insertQuickReplyLink(
  db: Db,
  firmId: string,
  values: {
    tokenHash: string;
    contactId: string;
    conversationId: string;
    messageId: string;
    outboxId: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(quickReplyLinks).values({ ...values, firmId });
}

export type TQuickReplyLink = {
  firmId: string;
  firmName: string;
  id: string;
  contactId: string;
  contactActive: boolean;
  conversationId: string;
  messageId: string;
  expiresAt: Date;
  participantId: string | null;
  participantLeft: boolean;
  conversationTitle: string;
  conversationKind: 'external_matter' | 'internal_matter' | 'direct' | 'channel';
  archivedAt: Date | null;
  archivedReason: 'matter_closed' | 'engagement_ended' | null;
};

/** A quick-reply link by the hash of its token: the token names the firm (like a secure link). */
export async function findQuickReplyLinkByHash(db: Db, tokenHash: string): Promise<TQuickReplyLink | undefined> {
  const rows = await db
    .select({
      firmId: quickReplyLinks.firmId,
      firmName: firms.name,
      id: quickReplyLinks.id,
      contactId: quickReplyLinks.contactId,
      contactActive: contacts.active,
      conversationId: quickReplyLinks.conversationId,
      messageId: quickReplyLinks.messageId,
      expiresAt: quickReplyLinks.expiresAt,
      participantId: participants.id,
      participantLeft: sql<boolean>`${participants.leftAt} is not null`,
      conversationTitle: sql<string>`coalesce(${conversations.name}, ${matters.title}, 'Conversation')`,
      conversationKind: conversations.kind,
      archivedAt: conversations.archivedAt,
      archivedReason: conversations.archivedReason,
    })
    .from(quickReplyLinks)
    .innerJoin(firms, eq(firms.id, quickReplyLinks.firmId))
    .innerJoin(contacts, and(eq(contacts.firmId, quickReplyLinks.firmId), eq(contacts.id, quickReplyLinks.contactId)))
    .innerJoin(
      conversations,
      and(eq(conversations.firmId, quickReplyLinks.firmId), eq(conversations.id, quickReplyLinks.conversationId)),
    )
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)))
    .leftJoin(
      participants,
      and(
        eq(participants.firmId, quickReplyLinks.firmId),
        eq(participants.conversationId, quickReplyLinks.conversationId),
        eq(participants.contactId, quickReplyLinks.contactId),
      ),
    )
    .where(eq(quickReplyLinks.tokenHash, tokenHash))
    .limit(1);
  return rows[0] as TQuickReplyLink | undefined;
}

/** A text still waiting to be sent for this message and contact (a resend does not stack on it). */
export async function findUnsentText(db: Db, firmId: string, messageId: string, contactId: string) {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.firmId, firmId),
        eq(outbox.messageId, messageId),
        eq(outbox.contactId, contactId),
        eq(outbox.kind, 'sms_message'),
        sql`${outbox.status} in ('pending', 'sending')`,
      ),
    )
    .limit(1);
  return rows[0];
}

export type TTextedConversation = {
  firmId: string;
  conversationId: string;
  /** The message last texted to the number from this conversation. */
  messageId: string | null;
  contactId: string | null;
};

/**
 * Inbound routing, across firms (the documented exception: a text names no firm): the
 * conversations that texted `phone` from `sender` since `since`, each with the message it
 * texted last. Refused and opted-out texts were never sent and do not count.
 */
export async function findTextedConversations(
  db: Db,
  phone: string,
  sender: string,
  since: Date,
): Promise<TTextedConversation[]> {
  const rows = await queryRows<{
    firm_id: string;
    conversation_id: string;
    message_id: string | null;
    contact_id: string | null;
  }>(
    db,
    sql`select distinct on (firm_id, conversation_id) firm_id, conversation_id, message_id, contact_id
        from outbox
        where channel = 'sms' and kind = 'sms_message' and to_address = ${phone} and from_address = ${sender}
          and status not in ('refused', 'opted_out') and firm_id is not null and conversation_id is not null
          and created_at >= ${since.toISOString()}::timestamptz
        order by firm_id, conversation_id, created_at desc
        limit 50`,
  );
  return rows.map((r) => ({
    firmId: r.firm_id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    contactId: r.contact_id,
  }));
}

/**
 * The firms a text from `phone` to `sender` may concern (across firms, for the unrouted
 * inbox): those that texted the number recently, the firm that owns the sender number, else
 * firms with a contact of that mobile.
 */
export async function findFirmsForNumber(db: Db, phone: string, sender: string, since: Date): Promise<string[]> {
  const rows = await queryRows<{ firm_id: string }>(
    db,
    sql`select firm_id from outbox
          where channel = 'sms' and kind = 'sms_message' and to_address = ${phone} and firm_id is not null
            and status not in ('refused', 'opted_out') and created_at >= ${since.toISOString()}::timestamptz
        union
        select id as firm_id from firms where sms_sender_number = ${sender}
        limit 10`,
  );
  if (rows.length > 0) return rows.map((r) => r.firm_id);
  const byContact = await queryRows<{ firm_id: string }>(
    db,
    sql`select distinct firm_id from contacts where mobile = ${phone} and active limit 10`,
  );
  return byContact.map((r) => r.firm_id);
}

/** Whether Confer ever texted this number a conversation message (across firms). */
export async function wasEverTexted(db: Db, phone: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from outbox
        where channel = 'sms' and kind = 'sms_message' and to_address = ${phone}
          and status not in ('refused', 'opted_out') limit 1`,
  );
  return rows.length > 0;
}

/** How many texts of a kind went to a number since a time (rate limits of automatic answers). */
export async function countTextsTo(db: Db, phone: string, kind: string, since: Date): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox
        where channel = 'sms' and to_address = ${phone} and kind = ${kind}
          and created_at >= ${since.toISOString()}::timestamptz`,
  );
  return rows[0]?.n ?? 0;
}

/** Firms whose own SMS number is `sender` (across firms: a keyword names no firm). */
export async function findFirmsBySenderNumber(db: Db, sender: string) {
  return db.select({ id: firms.id, name: firms.name }).from(firms).where(eq(firms.smsSenderNumber, sender)).limit(2);
}

export async function insertUnroutedSms(
  db: Db,
  firmId: string,
  values: { eventId: string; fromNumber: string; toNumber: string; body: string; reason: string; receivedAt: Date },
): Promise<void> {
  await db
    .insert(unroutedSms)
    .values({ ...values, firmId })
    .onConflictDoNothing();
}

export type TUnroutedRow = typeof unroutedSms.$inferSelect;

export async function listUnroutedSms(
  db: Db,
  firmId: string,
  options: { includeAssigned: boolean; limit: number },
): Promise<TUnroutedRow[]> {
  return db
    .select()
    .from(unroutedSms)
    .where(and(eq(unroutedSms.firmId, firmId), options.includeAssigned ? undefined : isNull(unroutedSms.assignedAt)))
    .orderBy(desc(unroutedSms.createdAt), desc(unroutedSms.id))
    .limit(options.limit);
}

export async function lockUnroutedSms(db: Db, firmId: string, id: string): Promise<TUnroutedRow | undefined> {
  const rows = await db
    .select()
    .from(unroutedSms)
    .where(and(eq(unroutedSms.firmId, firmId), eq(unroutedSms.id, id)))
    .for('update');
  return rows[0];
}

export async function markUnroutedAssigned(
  db: Db,
  firmId: string,
  id: string,
  values: { staffId: string; conversationId: string; messageId: string },
): Promise<void> {
  await db
    .update(unroutedSms)
    .set({
      assignedAt: sql`clock_timestamp()`,
      assignedByStaffId: values.staffId,
      assignedConversationId: values.conversationId,
      assignedMessageId: values.messageId,
    })
    .where(and(eq(unroutedSms.firmId, firmId), eq(unroutedSms.id, id)));
}

/** Active contacts of the firm with this mobile (to name the sender of an unrouted text). */
export async function findContactsByMobile(db: Db, firmId: string, phone: string) {
  return db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.firmId, firmId), eq(contacts.mobile, phone), eq(contacts.active, true)))
    .limit(10);
}

/** The active contact participant of a conversation with this mobile. */
export async function findParticipantByMobile(db: Db, firmId: string, conversationId: string, phone: string) {
  const rows = await db
    .select({ participantId: participants.id, contactId: contacts.id, name: contacts.name })
    .from(participants)
    .innerJoin(contacts, and(eq(contacts.firmId, participants.firmId), eq(contacts.id, participants.contactId)))
    .where(
      and(
        eq(participants.firmId, firmId),
        eq(participants.conversationId, conversationId),
        isNull(participants.leftAt),
        eq(contacts.mobile, phone),
        eq(contacts.active, true),
      ),
    )
    .limit(1);
  return rows[0];
}

/** The message last texted to a number from a conversation (what a reply answers). */
export async function findLastTextedMessage(db: Db, firmId: string, conversationId: string, phone: string) {
  const rows = await db
    .select({ messageId: outbox.messageId })
    .from(outbox)
    .where(
      and(
        eq(outbox.firmId, firmId),
        eq(outbox.conversationId, conversationId),
        eq(outbox.channel, 'sms'),
        eq(outbox.kind, 'sms_message'),
        eq(outbox.toAddress, phone),
        sql`${outbox.status} not in ('refused', 'opted_out')`,
      ),
    )
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return rows[0]?.messageId ?? undefined;
}

/** Conversations of this firm that texted the number recently (suggestions for assigning). */
export async function listTextedConversationsOfFirm(db: Db, firmId: string, phone: string, since: Date) {
  return queryRows<{ conversation_id: string; title: string; last_texted_at: Date }>(
    db,
    sql`select o.conversation_id, coalesce(c.name, m.title, 'Conversation') as title, max(o.created_at) as last_texted_at
        from outbox o
        join conversations c on c.firm_id = o.firm_id and c.id = o.conversation_id
        left join matters m on m.firm_id = c.firm_id and m.id = c.matter_id
        where o.firm_id = ${firmId} and o.channel = 'sms' and o.kind = 'sms_message' and o.to_address = ${phone}
          and o.status not in ('refused', 'opted_out') and o.created_at >= ${since.toISOString()}::timestamptz
        group by o.conversation_id, c.name, m.title
        order by max(o.created_at) desc
        limit 20`,
  );
}
