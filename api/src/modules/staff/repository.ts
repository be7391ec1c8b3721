import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { namedStatement } from '../../db/named-statement.js';
import { staff } from '../../db/schema.js';

export type TStaffRow = typeof staff.$inferSelect;

const tenantStaff = namedStatement<{
  firm_id: string;
  id: string | null;
  role: 'admin' | 'staff' | null;
  active: boolean | null;
}>(
  'confer_tenant_staff',
  `select f.id as firm_id, s.id, s.role, s.active from firms f
   left join staff s on s.firm_id = f.id and s.tenant_id = $1 and s.object_id = $2
   where f.entra_tenant_id = $1 limit 1`,
);

/**
 * A verified token's firm (by tenant) and staff member (by tenant and object id), in one
 * statement: undefined when no firm uses the tenant, `staff` null when nobody there has the
 * object id yet.
 */
export async function findTenantStaff(db: Db, tenantId: string, objectId: string) {
  const [row] = await tenantStaff(db, [tenantId, objectId]);
  if (!row) return undefined;
  return {
    firmId: row.firm_id,
    staff: row.id ? { id: row.id, role: row.role!, active: row.active! } : null,
  };
}

/**
 * Staff added by an admin before their first sign-in have no object id yet; the first
 * verified token for their email binds it. Returns the bound row, if any.
 */
export async function bindPendingStaff(
  db: Db,
  firmId: string,
  email: string,
  objectId: string,
): Promise<TStaffRow | undefined> {
  const rows = await db
    .update(staff)
    .set({ objectId, updatedAt: sql`now()` })
    .where(and(eq(staff.firmId, firmId), isNull(staff.objectId), sql`lower(${staff.email}) = lower(${email})`))
    .returning();
  return rows[0];
}

export async function getStaff(db: Db, firmId: string, staffId: string): Promise<TStaffRow | undefined> {
  const rows = await db
    .select()
    .from(staff)
    .where(and(eq(staff.firmId, firmId), eq(staff.id, staffId)))
    .limit(1);
  return rows[0];
}

export async function findStaffByEmail(db: Db, firmId: string, email: string): Promise<TStaffRow | undefined> {
  const rows = await db
    .select()
    .from(staff)
    .where(and(eq(staff.firmId, firmId), sql`lower(${staff.email}) = lower(${email})`))
    .limit(1);
  return rows[0];
}

export async function listStaff(db: Db, firmId: string, includeInactive: boolean): Promise<TStaffRow[]> {
  return db
    .select()
    .from(staff)
    .where(includeInactive ? eq(staff.firmId, firmId) : and(eq(staff.firmId, firmId), eq(staff.active, true)))
    .orderBy(asc(staff.name), asc(staff.id));
}

export async function insertStaff(
  db: Db,
  firmId: string,
  values: Omit<typeof staff.$inferInsert, 'firmId' | 'id' | 'createdAt' | 'updatedAt'>,
): Promise<TStaffRow> {
  const rows = await db
    .insert(staff)
    .values({ ...values, firmId })
    .returning();
  return rows[0]!;
}

export async function updateStaff(
  db: Db,
  firmId: string,
  staffId: string,
  values: Partial<Pick<TStaffRow, 'name' | 'initials' | 'email' | 'role' | 'active'>>,
): Promise<TStaffRow | undefined> {
  const rows = await db
    .update(staff)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(staff.firmId, firmId), eq(staff.id, staffId)))
    .returning();
  return rows[0];
}

export async function countActiveAdmins(db: Db, firmId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staff)
    .where(and(eq(staff.firmId, firmId), eq(staff.active, true), eq(staff.role, 'admin')));
  return rows[0]?.n ?? 0;
}

/** Of the given ids, those that are active staff of the firm. */
export async function filterActiveStaffIds(db: Db, firmId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.firmId, firmId), eq(staff.active, true), inArray(staff.id, ids)));
  return rows.map((r) => r.id);
}

/** Names of the firm's staff (active or not) among the given ids, by id. */
export async function staffNamesByIds(db: Db, firmId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(and(eq(staff.firmId, firmId), inArray(staff.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
