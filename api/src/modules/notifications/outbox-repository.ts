import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { contacts, outbox } from '../../db/schema.js';

export type TOutboxInsert = typeof outbox.$inferInsert;
export type TOutboxRow = typeof outbox.$inferSelect;

export type TOutboxStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'refused' | 'opted_out';

/** Statuses only move up this order; the last four are final. */
const rankOf = (column: SQL | string) => sql`(case ${column}
  when 'pending' then 0 when 'sending' then 1 when 'sent' then 2 else 3 end)`;

/** A row of a firm, or of no firm (a notice to an unknown number); `firmId` null matches only those. */
const ofFirm = (firmId: string | null) => (firmId === null ? sql`${outbox.firmId} is null` : eq(outbox.firmId, firmId));

export async function insertOutboxMessage(db: Db, values: TOutboxInsert): Promise<string> {
  const [row] = await db.insert(outbox).values(values).returning({ id: outbox.id });
  return row!.id;
}

/** Embedded mode's /dev/outbox: every email and text, newest first. */
export async function listOutbox(db: Db, limit: number, filter: { channel?: 'email' | 'sms' } = {}) {
  return db
    .select()
    .from(outbox)
    .where(filter.channel ? eq(outbox.channel, filter.channel) : undefined)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/**
 * Claims a row for one hand-over to the provider: pending, or sending under a lapsed claim
 * (its sender crashed). Returns undefined when it is sent, final, or being sent right now.
 * `nextAttemptInSeconds`: when the sweep may take it up again if this attempt is lost.
 */
export async function claimOutbox(
  db: Db,
  firmId: string | null,
  id: string,
  options: { claimSeconds: number; nextAttemptInSeconds: number },
): Promise<TOutboxRow | undefined> {
  const rows = await db
    .update(outbox)
    .set({
      status: 'sending',
      attempts: sql`${outbox.attempts} + 1`,
      firstAttemptAt: sql`coalesce(${outbox.firstAttemptAt}, clock_timestamp())`,
      claimedUntil: sql`clock_timestamp() + make_interval(secs => ${options.claimSeconds})`,
      nextAttemptAt: sql`clock_timestamp() + make_interval(secs => ${options.nextAttemptInSeconds})`,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(
      and(
        ofFirm(firmId),
        eq(outbox.id, id),
        sql`(${outbox.status} = 'pending' or (${outbox.status} = 'sending' and ${outbox.claimedUntil} < clock_timestamp()))`,
      ),
    )
    .returning();
  return rows[0];
}

/** After a failed attempt that will be retried: pending again (unless something moved it on). */
export async function releaseOutbox(db: Db, firmId: string | null, id: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'pending', claimedUntil: null, updatedAt: sql`clock_timestamp()` })
    .where(and(ofFirm(firmId), eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/**
 * Moves a row's status forward, never back: a late or repeated report is a no-op. Returns the
 * row when the status changed.
 */
export async function advanceOutboxStatus(
  db: Db,
  firmId: string | null,
  id: string,
  change: {
    status: Exclude<TOutboxStatus, 'pending' | 'sending'>;
    reason?: string | null;
    detail?: string | null;
    providerMessageId?: string | null;
    /** Wipe the sealed content (ACS has it now; the outbox is not the transport). */
    wipe?: boolean;
  },
): Promise<TOutboxRow | undefined> {
  const at = sql`clock_timestamp()`;
  const rows = await db
    .update(outbox)
    .set({
      status: change.status,
      claimedUntil: null,
      updatedAt: at,
      ...(change.reason !== undefined ? { statusReason: change.reason } : {}),
      ...(change.detail !== undefined ? { statusDetail: change.detail } : {}),
      ...(change.providerMessageId
        ? { providerMessageId: sql`coalesce(${outbox.providerMessageId}, ${change.providerMessageId})` }
        : {}),
      ...(change.wipe ? { sealed: null } : {}),
      ...(change.status === 'sent' ? { sentAt: at } : {}),
      ...(change.status === 'delivered' ? { deliveredAt: at, sentAt: sql`coalesce(${outbox.sentAt}, ${at})` } : {}),
      ...(change.status === 'failed' ? { failedAt: at } : {}),
    })
    .where(
      and(ofFirm(firmId), eq(outbox.id, id), sql`${rankOf(sql`${outbox.status}`)} < ${rankOf(sql`${change.status}`)}`),
    )
    .returning();
  return rows[0];
}

/** A text, locked for applying a delivery report to it (in the caller's transaction). */
export async function lockTextForReport(db: Db, firmId: string | null, id: string) {
  const rows = await db
    .select({
      id: outbox.id,
      firmId: outbox.firmId,
      status: outbox.status,
      providerMessageId: outbox.providerMessageId,
      providerStatusAt: outbox.providerStatusAt,
    })
    .from(outbox)
    .where(and(ofFirm(firmId), eq(outbox.id, id), eq(outbox.channel, 'sms')))
    .for('update');
  return rows[0];
}

/**
 * Records what a delivery report decided (see `decideDeliveryReport`): the status with its
 * reason, the report's own status and time, and the time of the status it reached.
 */
export async function recordDeliveryReport(
  db: Db,
  firmId: string | null,
  id: string,
  change: {
    status: 'sent' | 'delivered' | 'failed';
    providerStatus: string;
    providerStatusAt: Date;
    providerMessageId: string;
    reason: string | null;
    detail: string | null;
  },
): Promise<TOutboxRow | undefined> {
  const at = sql`clock_timestamp()`;
  const rows = await db
    .update(outbox)
    .set({
      status: change.status,
      statusReason: change.reason,
      statusDetail: change.detail,
      providerStatus: change.providerStatus,
      providerStatusAt: change.providerStatusAt,
      providerMessageId: sql`coalesce(${outbox.providerMessageId}, ${change.providerMessageId})`,
      claimedUntil: null,
      updatedAt: at,
      sentAt: sql`coalesce(${outbox.sentAt}, ${at})`,
      deliveredAt: change.status === 'delivered' ? at : null,
      failedAt: change.status === 'failed' ? at : null,
    })
    .where(and(ofFirm(firmId), eq(outbox.id, id)))
    .returning();
  return rows[0];
}

/** Drops a row's sealed content (once ACS has it). */
export async function wipeOutboxContent(db: Db, firmId: string | null, id: string): Promise<void> {
  await db
    .update(outbox)
    .set({ sealed: null })
    .where(and(ofFirm(firmId), eq(outbox.id, id)));
}

/** A row by id within a firm (or of no firm). */
export async function getOutboxRow(db: Db, firmId: string | null, id: string): Promise<TOutboxRow | undefined> {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(ofFirm(firmId), eq(outbox.id, id)))
    .limit(1);
  return rows[0];
}

/**
 * A text by the id ACS gave it, across firms: the one lookup for a delivery report that
 * carries no tag (reports normally carry `firmId:outboxId`).
 */
export async function findSmsByProviderMessageId(db: Db, providerMessageId: string) {
  const rows = await db
    .select({ id: outbox.id, firmId: outbox.firmId })
    .from(outbox)
    .where(and(eq(outbox.channel, 'sms'), eq(outbox.providerMessageId, providerMessageId)))
    .limit(1);
  return rows[0];
}

/**
 * The sweep (system work across firms): unsent rows whose expected attempt is overdue by the
 * stale delay. `createdBefore` covers rows never attempted (no job ran: a crash after commit).
 */
export async function listOverdueOutbox(db: Db, staleSeconds: number, limit: number) {
  return queryRows<{ id: string; firm_id: string | null }>(
    db,
    sql`select id, firm_id from outbox
        where status in ('pending', 'sending')
          and coalesce(next_attempt_at, created_at + make_interval(secs => ${staleSeconds})) <= clock_timestamp()
          and (status = 'pending' or claimed_until < clock_timestamp())
        order by created_at
        limit ${limit}`,
  );
}

/**
 * Gives up on what is pointless to send late: sign-in codes after 15 minutes (they have
 * expired), anything else after 2 days. Returns how many it failed.
 */
export async function expireStaleOutbox(db: Db): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({
      status: 'failed',
      statusReason: 'expired',
      statusDetail: 'It could not be sent in time',
      failedAt: sql`clock_timestamp()`,
      updatedAt: sql`clock_timestamp()`,
      sealed: null,
    })
    .where(
      and(
        inArray(outbox.status, ['pending', 'sending']),
        sql`(${outbox.status} = 'pending' or ${outbox.claimedUntil} < clock_timestamp())`,
        sql`(${outbox.createdAt} < clock_timestamp() - interval '2 days'
          or (${outbox.kind} = 'sign_in_code' and ${outbox.createdAt} < clock_timestamp() - interval '15 minutes'))`,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}

export type TSmsRecipientRow = {
  id: string;
  messageId: string;
  contactId: string | null;
  contactName: string | null;
  toAddress: string;
  status: TOutboxStatus;
  statusReason: string | null;
  statusDetail: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
};

/** Every text of these messages (all attempts, resends included), newest first. */
export async function listMessageTexts(db: Db, firmId: string, messageIds: string[]): Promise<TSmsRecipientRow[]> {
  if (messageIds.length === 0) return [];
  return (await db
    .select({
      id: outbox.id,
      messageId: sql<string>`${outbox.messageId}`,
      contactId: outbox.contactId,
      contactName: contacts.name,
      toAddress: outbox.toAddress,
      status: outbox.status,
      statusReason: outbox.statusReason,
      statusDetail: outbox.statusDetail,
      createdAt: outbox.createdAt,
      updatedAt: outbox.updatedAt,
      sentAt: outbox.sentAt,
      deliveredAt: outbox.deliveredAt,
      failedAt: outbox.failedAt,
    })
    .from(outbox)
    .leftJoin(contacts, and(eq(contacts.firmId, outbox.firmId), eq(contacts.id, outbox.contactId)))
    .where(
      and(
        eq(outbox.firmId, firmId),
        eq(outbox.channel, 'sms'),
        eq(outbox.kind, 'sms_message'),
        inArray(outbox.messageId, messageIds),
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))) as TSmsRecipientRow[];
}
