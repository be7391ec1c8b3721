import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { acknowledgementRequests, conversations, firms, messages, outbox, staff } from '../db/schema.js';

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

/** The demo seed: the first message of a named conversation of the firm starting with `prefix`. */
export async function findDemoMessage(db: Db, firmId: string, conversationName: string, prefix: string) {
  const [row] = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      createdAt: messages.createdAt,
      authorStaffId: messages.authorStaffId,
    })
    .from(messages)
    .innerJoin(
      conversations,
      and(eq(conversations.firmId, messages.firmId), eq(conversations.id, messages.conversationId)),
    )
    .where(
      and(
        eq(messages.firmId, firmId),
        eq(conversations.name, conversationName),
        sql`starts_with(${messages.body}, ${prefix})`,
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(1);
  return row;
}

/** The demo seed: does the firm have any acknowledge-by request yet (seeded once)? */
export async function hasAcknowledgementRequests(db: Db, firmId: string): Promise<boolean> {
  const rows = await db
    .select({ id: acknowledgementRequests.messageId })
    .from(acknowledgementRequests)
    .where(eq(acknowledgementRequests.firmId, firmId))
    .limit(1);
  return rows.length > 0;
}
