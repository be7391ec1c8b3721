import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts, matterAccess, matterContacts, matters, staff } from '../../db/schema.js';
import { likePattern } from '../../shared/pagination.js';

export type TMatterRow = typeof matters.$inferSelect & { cursorAt: string };

/**
 * Who may see a matter: any staff of the firm when it is not restricted, only the listed
 * staff when it is (admins included). Every read below goes through this condition.
 */
export function visibleTo(firmId: string, staffId: string): SQL {
  return and(
    eq(matters.firmId, firmId),
    or(
      eq(matters.restricted, false),
      sql`exists (select 1 from ${matterAccess} where ${matterAccess.firmId} = ${matters.firmId} and ${matterAccess.matterId} = ${matters.id} and ${matterAccess.staffId} = ${staffId})`,
    ),
  )!;
}

const columns = {
  firmId: matters.firmId,
  id: matters.id,
  number: matters.number,
  title: matters.title,
  status: matters.status,
  restricted: matters.restricted,
  closedAt: matters.closedAt,
  createdAt: matters.createdAt,
  updatedAt: matters.updatedAt,
  cursorAt: sql<string>`to_char(${matters.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

export async function listVisibleMatters(
  db: Db,
  firmId: string,
  staffId: string,
  options: { q?: string; status?: 'open' | 'closed'; after?: [string, string]; limit: number },
): Promise<TMatterRow[]> {
  const conditions: SQL[] = [visibleTo(firmId, staffId)];
  if (options.q) {
    conditions.push(or(ilike(matters.number, likePattern(options.q)), ilike(matters.title, likePattern(options.q)))!);
  }
  if (options.status) conditions.push(eq(matters.status, options.status));
  if (options.after) {
    conditions.push(
      sql`(${matters.createdAt}, ${matters.id}) < (${options.after[0]}::timestamptz, ${options.after[1]}::uuid)`,
    );
  }
  return db
    .select(columns)
    .from(matters)
    .where(and(...conditions))
    .orderBy(desc(matters.createdAt), desc(matters.id))
    .limit(options.limit);
}

export async function getVisibleMatter(
  db: Db,
  firmId: string,
  staffId: string,
  matterId: string,
): Promise<TMatterRow | undefined> {
  const rows = await db
    .select(columns)
    .from(matters)
    .where(and(visibleTo(firmId, staffId), eq(matters.id, matterId)))
    .limit(1);
  return rows[0];
}

export async function findMatterByNumber(db: Db, firmId: string, number: string): Promise<{ id: string } | undefined> {
  const rows = await db
    .select({ id: matters.id })
    .from(matters)
    .where(and(eq(matters.firmId, firmId), sql`lower(${matters.number}) = lower(${number})`))
    .limit(1);
  return rows[0];
}

export async function insertMatter(
  db: Db,
  firmId: string,
  values: { number: string; title: string; status?: 'open' | 'closed'; closedAt?: Date | null },
): Promise<{ id: string }> {
  const rows = await db
    .insert(matters)
    .values({ ...values, firmId })
    .returning({ id: matters.id });
  return rows[0]!;
}

export async function updateMatter(
  db: Db,
  firmId: string,
  matterId: string,
  values: Partial<{
    number: string;
    title: string;
    status: 'open' | 'closed';
    closedAt: Date | null;
    restricted: boolean;
  }>,
): Promise<void> {
  await db
    .update(matters)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(matters.firmId, firmId), eq(matters.id, matterId)));
}

export async function listMatterAccess(db: Db, firmId: string, matterId: string) {
  return db
    .select({ id: staff.id, name: staff.name, initials: staff.initials })
    .from(matterAccess)
    .innerJoin(staff, and(eq(staff.firmId, matterAccess.firmId), eq(staff.id, matterAccess.staffId)))
    .where(and(eq(matterAccess.firmId, firmId), eq(matterAccess.matterId, matterId)))
    .orderBy(asc(staff.name));
}

export async function replaceMatterAccess(db: Db, firmId: string, matterId: string, staffIds: string[]): Promise<void> {
  await db.delete(matterAccess).where(and(eq(matterAccess.firmId, firmId), eq(matterAccess.matterId, matterId)));
  if (staffIds.length > 0) {
    await db.insert(matterAccess).values(staffIds.map((staffId) => ({ firmId, matterId, staffId })));
  }
}

export async function linkContact(db: Db, firmId: string, matterId: string, contactId: string): Promise<void> {
  await db
    .insert(matterContacts)
    .values({ firmId, matterId, contactId })
    .onConflictDoUpdate({
      target: [matterContacts.firmId, matterContacts.matterId, matterContacts.contactId],
      set: { endedAt: null },
    });
}

export async function listMatterContacts(db: Db, firmId: string, matterId: string) {
  return db
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      mobile: contacts.mobile,
      kind: contacts.kind,
      active: contacts.active,
      createdAt: contacts.createdAt,
      updatedAt: contacts.updatedAt,
    })
    .from(matterContacts)
    .innerJoin(contacts, and(eq(contacts.firmId, matterContacts.firmId), eq(contacts.id, matterContacts.contactId)))
    .where(and(eq(matterContacts.firmId, firmId), eq(matterContacts.matterId, matterId)))
    .orderBy(asc(contacts.name), asc(contacts.id));
}

export async function listVisibleMattersOfContact(db: Db, firmId: string, staffId: string, contactId: string) {
  return db
    .select(columns)
    .from(matters)
    .where(
      and(
        visibleTo(firmId, staffId),
        sql`exists (select 1 from ${matterContacts} where ${matterContacts.firmId} = ${matters.firmId} and ${matterContacts.matterId} = ${matters.id} and ${matterContacts.contactId} = ${contactId})`,
      ),
    )
    .orderBy(desc(matters.createdAt), desc(matters.id));
}

/** "End engagement": the contact stays linked (history) but no longer sees the matter's extras. */
export async function endMatterContact(db: Db, firmId: string, matterId: string, contactId: string, at: Date) {
  await db
    .update(matterContacts)
    .set({ endedAt: at })
    .where(
      and(
        eq(matterContacts.firmId, firmId),
        eq(matterContacts.matterId, matterId),
        eq(matterContacts.contactId, contactId),
        isNull(matterContacts.endedAt),
      ),
    );
}
