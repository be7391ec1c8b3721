import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts, matterEventAttendees, matterEvents, matters } from '../../db/schema.js';
import { contactEngagedOn } from '../portal/contact-matters.js';

export type TEventRow = typeof matterEvents.$inferSelect & { matterNumber: string; matterTitle: string };

function selectEvents(db: Db) {
  return db
    .select({
      firmId: matterEvents.firmId,
      id: matterEvents.id,
      matterId: matterEvents.matterId,
      title: matterEvents.title,
      startsAt: matterEvents.startsAt,
      endsAt: matterEvents.endsAt,
      timeZone: matterEvents.timeZone,
      location: matterEvents.location,
      videoUrl: matterEvents.videoUrl,
      cancelledAt: matterEvents.cancelledAt,
      createdByStaffId: matterEvents.createdByStaffId,
      createdAt: matterEvents.createdAt,
      updatedAt: matterEvents.updatedAt,
      matterNumber: matters.number,
      matterTitle: matters.title,
    })
    .from(matterEvents)
    .innerJoin(matters, and(eq(matters.firmId, matterEvents.firmId), eq(matters.id, matterEvents.matterId)));
}

export async function getEvent(db: Db, firmId: string, id: string): Promise<TEventRow | undefined> {
  const rows = await selectEvents(db)
    .where(and(eq(matterEvents.firmId, firmId), eq(matterEvents.id, id)))
    .limit(1);
  return rows[0];
}

export async function listMatterEvents(db: Db, firmId: string, matterId: string): Promise<TEventRow[]> {
  return selectEvents(db)
    .where(and(eq(matterEvents.firmId, firmId), eq(matterEvents.matterId, matterId)))
    .orderBy(asc(matterEvents.startsAt), asc(matterEvents.id))
    .limit(1000);
}

const isAttendee = (firmId: string, contactId: string) =>
  sql`exists (select 1 from ${matterEventAttendees} a where a.firm_id = ${firmId}
    and a.event_id = ${matterEvents.id} and a.contact_id = ${contactId})`;

/** Events a contact attends on matters they are engaged on, not cancelled, ending at or after `from`. */
export async function listContactEvents(
  db: Db,
  firmId: string,
  contactId: string,
  window: { from: Date; startsBefore?: Date; id?: string; includeCancelled?: boolean },
): Promise<TEventRow[]> {
  return selectEvents(db)
    .where(
      and(
        eq(matterEvents.firmId, firmId),
        isAttendee(firmId, contactId),
        contactEngagedOn(firmId, contactId, matterEvents.matterId),
        window.id ? eq(matterEvents.id, window.id) : gte(matterEvents.endsAt, window.from),
        window.startsBefore ? lte(matterEvents.startsAt, window.startsBefore) : undefined,
        window.includeCancelled ? undefined : isNull(matterEvents.cancelledAt),
      ),
    )
    .orderBy(asc(matterEvents.startsAt), asc(matterEvents.id))
    .limit(500);
}

export async function insertEvent(
  tx: Db,
  firmId: string,
  values: Omit<typeof matterEvents.$inferInsert, 'firmId' | 'id'>,
): Promise<string> {
  const [row] = await tx
    .insert(matterEvents)
    .values({ ...values, firmId })
    .returning({ id: matterEvents.id });
  return row!.id;
}

export async function updateEvent(
  tx: Db,
  firmId: string,
  id: string,
  values: Partial<Omit<typeof matterEvents.$inferInsert, 'firmId' | 'id' | 'matterId'>>,
): Promise<void> {
  await tx
    .update(matterEvents)
    .set({ ...values, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(matterEvents.firmId, firmId), eq(matterEvents.id, id)));
}

/** Cancels once: false when it was already cancelled. */
export async function cancelEvent(tx: Db, firmId: string, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(matterEvents)
    .set({ cancelledAt: at, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(matterEvents.firmId, firmId), eq(matterEvents.id, id), isNull(matterEvents.cancelledAt)))
    .returning({ id: matterEvents.id });
  return rows.length > 0;
}

export async function replaceAttendees(tx: Db, firmId: string, eventId: string, contactIds: string[]): Promise<void> {
  await tx
    .delete(matterEventAttendees)
    .where(and(eq(matterEventAttendees.firmId, firmId), eq(matterEventAttendees.eventId, eventId)));
  if (contactIds.length > 0) {
    await tx.insert(matterEventAttendees).values(contactIds.map((contactId) => ({ firmId, eventId, contactId })));
  }
}

export async function listAttendees(db: Db, firmId: string, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db
    .select({ eventId: matterEventAttendees.eventId, contactId: contacts.id, name: contacts.name })
    .from(matterEventAttendees)
    .innerJoin(
      contacts,
      and(eq(contacts.firmId, matterEventAttendees.firmId), eq(contacts.id, matterEventAttendees.contactId)),
    )
    .where(and(eq(matterEventAttendees.firmId, firmId), inArray(matterEventAttendees.eventId, eventIds)))
    .orderBy(asc(contacts.name), asc(contacts.id));
}
