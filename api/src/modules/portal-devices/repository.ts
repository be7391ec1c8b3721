import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { contacts, deviceAlerts, portalDevices } from '../../db/schema.js';

export type TDeviceRow = typeof portalDevices.$inferSelect;
export type TDeviceAlertRow = typeof deviceAlerts.$inferSelect;

export async function listDevices(db: Db, firmId: string, contactId: string): Promise<TDeviceRow[]> {
  return db
    .select()
    .from(portalDevices)
    .where(and(eq(portalDevices.firmId, firmId), eq(portalDevices.contactId, contactId)));
}

/** Records a sign-in from a device: first seen now if new, else last seen, browser and country updated. */
export async function upsertDevice(
  db: Db,
  firmId: string,
  values: { contactId: string; deviceHash: string; userAgent: string; country: string | null; at: Date },
): Promise<void> {
  const countries = values.country ? [values.country] : [];
  await db
    .insert(portalDevices)
    .values({
      firmId,
      contactId: values.contactId,
      deviceHash: values.deviceHash,
      userAgent: values.userAgent,
      country: values.country,
      countries,
      firstSeenAt: values.at,
      lastSeenAt: values.at,
    })
    .onConflictDoUpdate({
      target: [portalDevices.firmId, portalDevices.contactId, portalDevices.deviceHash],
      set: {
        userAgent: values.userAgent,
        lastSeenAt: values.at,
        country: sql`coalesce(excluded.country, ${portalDevices.country})`,
        countries: sql`array(select distinct unnest(${portalDevices.countries} || excluded.countries) order by 1)`,
      },
    });
}

export async function insertAlert(
  db: Db,
  firmId: string,
  values: Omit<typeof deviceAlerts.$inferInsert, 'firmId' | 'id'>,
): Promise<TDeviceAlertRow> {
  const [row] = await db
    .insert(deviceAlerts)
    .values({ ...values, firmId })
    .returning();
  return row!;
}

/** Alerts about these contacts since `since` that nobody has acted on yet, newest first, with the contact's name. */
export async function listOpenAlerts(db: Db, firmId: string, contactIds: string[], since: Date) {
  if (contactIds.length === 0) return [];
  return db
    .select({ alert: deviceAlerts, contactName: contacts.name })
    .from(deviceAlerts)
    .innerJoin(contacts, and(eq(contacts.firmId, deviceAlerts.firmId), eq(contacts.id, deviceAlerts.contactId)))
    .where(
      and(
        eq(deviceAlerts.firmId, firmId),
        inArray(deviceAlerts.contactId, contactIds),
        isNull(deviceAlerts.sessionsEndedAt),
        gt(deviceAlerts.at, since),
      ),
    )
    .orderBy(sql`${deviceAlerts.at} desc`)
    .limit(20);
}

/** Marks the contact's open alerts as answered by ending their sessions; returns their ids. */
export async function closeAlerts(db: Db, firmId: string, contactId: string, staffId: string, at: Date) {
  const rows = await db
    .update(deviceAlerts)
    .set({ sessionsEndedAt: at, sessionsEndedBy: staffId })
    .where(
      and(eq(deviceAlerts.firmId, firmId), eq(deviceAlerts.contactId, contactId), isNull(deviceAlerts.sessionsEndedAt)),
    )
    .returning({ id: deviceAlerts.id });
  return rows.map((r) => r.id);
}

/**
 * The contact's open client conversations (external, not archived, the contact still in
 * them) and the staff taking part in each: who is told, live, about the contact's devices.
 */
export async function listContactConversationStaff(db: Db, firmId: string, contactId: string) {
  return queryRows<{ conversation_id: string; staff_ids: string[] | null }>(
    db,
    sql`select c.id as conversation_id,
               array_agg(s.staff_id::text) filter (where s.staff_id is not null) as staff_ids
          from participants pc
          join conversations c on c.firm_id = pc.firm_id and c.id = pc.conversation_id
          left join participants s on s.firm_id = c.firm_id and s.conversation_id = c.id
                                  and s.staff_id is not null and s.left_at is null
         where pc.firm_id = ${firmId} and pc.contact_id = ${contactId} and pc.left_at is null
           and c.kind = 'external_matter' and c.archived_at is null
         group by c.id`,
  );
}

/** The contacts still taking part in a conversation. */
export async function listActiveContactIds(db: Db, firmId: string, conversationId: string): Promise<string[]> {
  const rows = await queryRows<{ contact_id: string }>(
    db,
    sql`select contact_id from participants
         where firm_id = ${firmId} and conversation_id = ${conversationId}
           and contact_id is not null and left_at is null`,
  );
  return rows.map((r) => r.contact_id);
}

/** How many of the contact's portal sessions are still open (not ended, not past their lifetime). */
export async function countOpenSessions(db: Db, firmId: string, contactId: string, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from portal_sessions
         where firm_id = ${firmId} and contact_id = ${contactId} and ended_at is null and expires_at > ${now.toISOString()}::timestamptz`,
  );
  return Number(row?.n ?? 0);
}
