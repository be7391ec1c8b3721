import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { firms } from '../../db/schema.js';

export type TFirm = typeof firms.$inferSelect;

/** The firm of an Entra tenant (onboarding checks it is not taken): not scoped by firm. */
export async function findFirmByTenant(db: Db, tenantId: string): Promise<TFirm | undefined> {
  const rows = await db.select().from(firms).where(eq(firms.entraTenantId, tenantId)).limit(1);
  return rows[0];
}

export async function getFirm(db: Db, firmId: string): Promise<TFirm | undefined> {
  const rows = await db.select().from(firms).where(eq(firms.id, firmId)).limit(1);
  return rows[0];
}

export async function insertFirm(
  db: Db,
  values: { name: string; country: string; entraTenantId: string | null; smsAllowedCountries?: string[] },
): Promise<TFirm> {
  const rows = await db
    .insert(firms)
    .values({
      ...values,
      smsAllowedCountries: values.smsAllowedCountries ?? [values.country],
      timeZone: sql`confer_country_time_zone(${values.country})`,
    })
    .returning();
  return rows[0]!;
}

export async function countFirms(db: Db): Promise<number> {
  const rows = await db.select({ id: firms.id }).from(firms).limit(1);
  return rows.length;
}

/** The firm's own settings: SMS sender number, allowed SMS countries, new-message email delay. */
export async function updateFirm(
  db: Db,
  firmId: string,
  values: Partial<Pick<TFirm, 'smsSenderNumber' | 'smsAllowedCountries' | 'unseenEmailDelayMinutes'>>,
): Promise<void> {
  await db
    .update(firms)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(firms.id, firmId));
}
