import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contactNotificationChoices } from '../../db/schema.js';
import type { TNotificationChannel } from './schemas.js';

export type TStoredChoice = {
  contactId: string;
  channel: TNotificationChannel;
  quietStart: number | null;
  quietEnd: number | null;
  timeZone: string;
  dailyDigest: boolean;
};

/** What a contact without a row gets: email, no quiet hours, no digest. */
export const defaultChoice = (contactId: string): TStoredChoice => ({
  contactId,
  channel: 'email',
  quietStart: null,
  quietEnd: null,
  timeZone: 'UTC',
  dailyDigest: false,
});

const columns = {
  contactId: contactNotificationChoices.contactId,
  channel: contactNotificationChoices.channel,
  quietStart: contactNotificationChoices.quietStart,
  quietEnd: contactNotificationChoices.quietEnd,
  timeZone: contactNotificationChoices.timeZone,
  dailyDigest: contactNotificationChoices.dailyDigest,
};

/** A contact's choice, or undefined when they never chose. */
export async function findChoice(db: Db, firmId: string, contactId: string): Promise<TStoredChoice | undefined> {
  const rows = await db
    .select(columns)
    .from(contactNotificationChoices)
    .where(and(eq(contactNotificationChoices.firmId, firmId), eq(contactNotificationChoices.contactId, contactId)));
  return rows[0];
}

/** A contact's choice (the defaults when they never chose). */
export async function getChoice(db: Db, firmId: string, contactId: string): Promise<TStoredChoice> {
  return (await findChoice(db, firmId, contactId)) ?? defaultChoice(contactId);
}

/** The choices of several contacts, by contact id (those without a row are absent). */
export async function listChoices(db: Db, firmId: string, contactIds: string[]): Promise<Map<string, TStoredChoice>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(contactNotificationChoices)
    .where(
      and(eq(contactNotificationChoices.firmId, firmId), inArray(contactNotificationChoices.contactId, contactIds)),
    );
  return new Map(rows.map((r) => [r.contactId, r]));
}

export async function saveChoice(db: Db, firmId: string, choice: TStoredChoice): Promise<void> {
  const values = {
    channel: choice.channel,
    quietStart: choice.quietStart,
    quietEnd: choice.quietEnd,
    timeZone: choice.timeZone,
    dailyDigest: choice.dailyDigest,
    updatedAt: sql`clock_timestamp()`,
  };
  await db
    .insert(contactNotificationChoices)
    .values({ firmId, contactId: choice.contactId, ...values })
    .onConflictDoUpdate({
      target: [contactNotificationChoices.firmId, contactNotificationChoices.contactId],
      set: values,
    });
}
