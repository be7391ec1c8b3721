import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { eventsChannel } from './publish-event.js';

/** Said on the events channel when a staff member's access changed (disabled, role). */
export type TStaffNotice = { firmId: string; staffId: string };

export function parseStaffNotice(value: Record<string, unknown>): TStaffNotice | undefined {
  if (typeof value.firmId !== 'string' || typeof value.staffChanged !== 'string') return undefined;
  return { firmId: value.firmId, staffId: value.staffChanged };
}

/**
 * Tells every API instance, when the caller's transaction commits, that this staff member
 * changed, so each drops what it remembered of them (see staff-identity-cache).
 */
export async function notifyStaffChanged(db: Db, firmId: string, staffId: string): Promise<void> {
  const notice = JSON.stringify({ firmId, staffChanged: staffId });
  await db.execute(sql`select pg_notify(${eventsChannel}, ${notice})`);
}
