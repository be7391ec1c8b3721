import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts } from '../../db/schema.js';

/** The firm's active contacts with any of these email addresses (case-insensitive). */
export async function findContactsByEmails(db: Db, firmId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.firmId, firmId),
        eq(contacts.active, true),
        sql`lower(${contacts.email}) in (${sql.join(
          emails.map((e) => sql`${e.toLowerCase()}`),
          sql`, `,
        )})`,
      ),
    )
    .limit(100);
}
