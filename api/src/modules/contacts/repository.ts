import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts } from '../../db/schema.js';
import { likePattern } from '../../shared/pagination.js';

export type TContactRow = typeof contacts.$inferSelect;

export async function getContact(db: Db, firmId: string, contactId: string): Promise<TContactRow | undefined> {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.firmId, firmId), eq(contacts.id, contactId)))
    .limit(1);
  return rows[0];
}

export async function listContacts(
  db: Db,
  firmId: string,
  options: { q?: string; after?: [string, string]; limit: number },
): Promise<TContactRow[]> {
  const conditions: SQL[] = [eq(contacts.firmId, firmId)];
  if (options.q) {
    const p = likePattern(options.q);
    conditions.push(or(ilike(contacts.name, p), ilike(contacts.email, p), ilike(contacts.mobile, p))!);
  }
  if (options.after) {
    conditions.push(sql`(${contacts.name}, ${contacts.id}) > (${options.after[0]}, ${options.after[1]}::uuid)`);
  }
  return db
    .select()
    .from(contacts)
    .where(and(...conditions))
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(options.limit);
}

export async function insertContact(
  db: Db,
  firmId: string,
  values: { name: string; email: string | null; mobile: string | null; kind: 'client' | 'third_party' },
): Promise<TContactRow> {
  const rows = await db
    .insert(contacts)
    .values({ ...values, firmId })
    .returning();
  return rows[0]!;
}

export async function updateContact(
  db: Db,
  firmId: string,
  contactId: string,
  values: Partial<Pick<TContactRow, 'name' | 'email' | 'mobile' | 'kind' | 'active'>>,
): Promise<TContactRow | undefined> {
  const rows = await db
    .update(contacts)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(contacts.firmId, firmId), eq(contacts.id, contactId)))
    .returning();
  return rows[0];
}
