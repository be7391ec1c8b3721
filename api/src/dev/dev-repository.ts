import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { firms, outbox, staff } from '../db/schema.js';

/**
 * Embedded mode only: the dev sign-in page lists active staff of every firm on this
 * machine. Production never mounts the /dev routes that call this.
 */
export async function listStaffForDevSignIn(db: Db) {
  return db
    .select({
      firmId: staff.firmId,
      firmName: firms.name,
      tenantId: staff.tenantId,
      objectId: staff.objectId,
      name: staff.name,
      email: staff.email,
      role: staff.role,
    })
    .from(staff)
    .innerJoin(firms, eq(firms.id, staff.firmId))
    .where(eq(staff.active, true))
    .orderBy(asc(firms.name), asc(staff.name));
}

export async function findStaffForDevSignIn(db: Db, email: string) {
  const rows = await db
    .select({
      firmId: staff.firmId,
      id: staff.id,
      tenantId: staff.tenantId,
      objectId: staff.objectId,
      name: staff.name,
      email: staff.email,
    })
    .from(staff)
    .where(and(eq(staff.active, true), sql`lower(${staff.email}) = lower(${email})`))
    .orderBy(asc(staff.createdAt))
    .limit(1);
  return rows[0];
}

/**
 * Embedded mode only: a text by its outbox id, across firms, for the phone simulator to
 * report its delivery as a carrier would. Production never mounts the /dev routes.
 */
export async function findTextForDevReport(db: Db, outboxId: string) {
  const rows = await db
    .select({
      id: outbox.id,
      firmId: outbox.firmId,
      from: outbox.fromAddress,
      to: outbox.toAddress,
      providerMessageId: outbox.providerMessageId,
    })
    .from(outbox)
    .where(and(eq(outbox.id, outboxId), eq(outbox.channel, 'sms')))
    .limit(1);
  return rows[0];
}
