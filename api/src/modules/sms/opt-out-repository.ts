import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { smsOptOuts } from '../../db/schema.js';

/**
 * Opt-outs belong to the phone number across the deployment (a STOP to any Confer number
 * stops every firm's texts to it), so these lookups are not scoped by firm: the documented
 * exception next to inbound routing.
 */
/** Why a number is not texted once it opted out (said to staff, never to the phone). */
export const optedOutDetail = 'this number opted out of texts (it replied STOP or asked to stop)';

export async function isOptedOut(db: Db, phoneNumber: string): Promise<boolean> {
  const rows = await db
    .select({ optedOut: smsOptOuts.optedOut })
    .from(smsOptOuts)
    .where(eq(smsOptOuts.phoneNumber, phoneNumber))
    .limit(1);
  return rows[0]?.optedOut ?? false;
}

/**
 * Records STOP (true) or START (false) sent at `at`, unless a keyword sent later is already
 * recorded. Returns whether the number's state changed (false → true or true → false): only
 * then is a confirmation texted.
 */
export async function setOptOut(
  db: Db,
  input: { phoneNumber: string; optedOut: boolean; at: Date; firmId: string | null },
): Promise<boolean> {
  // serialises keywords from one number (in the caller's transaction), even for a first row
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`confer-sms-number:${input.phoneNumber}`}, 0))`);
  const before = await db.select().from(smsOptOuts).where(eq(smsOptOuts.phoneNumber, input.phoneNumber));
  const current = before[0];
  if (current && current.changedAt.getTime() > input.at.getTime()) return false;
  await db
    .insert(smsOptOuts)
    .values({ phoneNumber: input.phoneNumber, optedOut: input.optedOut, changedAt: input.at, firmId: input.firmId })
    .onConflictDoUpdate({
      target: smsOptOuts.phoneNumber,
      set: {
        optedOut: input.optedOut,
        changedAt: input.at,
        firmId: input.firmId,
        updatedAt: sql`clock_timestamp()`,
      },
    });
  return (current?.optedOut ?? false) !== input.optedOut;
}
