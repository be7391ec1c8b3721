import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import {
  contacts,
  firms,
  linkRequests,
  portalSessions,
  secureLinks,
  signInAttempts,
  signInFailures,
} from '../../db/schema.js';

export async function insertSecureLink(
  db: Db,
  firmId: string,
  values: { contactId: string; conversationId: string | null; tokenHash: string; expiresAt: Date },
): Promise<string> {
  const [row] = await db
    .insert(secureLinks)
    .values({ ...values, firmId })
    .returning({ id: secureLinks.id });
  return row!.id;
}

/**
 * Resolving a link by its token hash is, with sessions and attempts, one of the lookups that
 * start without a firm: the hash itself identifies the firm's row.
 */
export async function findLinkByHash(db: Db, tokenHash: string) {
  const rows = await db
    .select({
      firmId: secureLinks.firmId,
      id: secureLinks.id,
      contactId: secureLinks.contactId,
      conversationId: secureLinks.conversationId,
      expiresAt: secureLinks.expiresAt,
      revokedAt: secureLinks.revokedAt,
      contactName: contacts.name,
      contactEmail: contacts.email,
      contactActive: contacts.active,
      firmName: firms.name,
    })
    .from(secureLinks)
    .innerJoin(contacts, and(eq(contacts.firmId, secureLinks.firmId), eq(contacts.id, secureLinks.contactId)))
    .innerJoin(firms, eq(firms.id, secureLinks.firmId))
    .where(eq(secureLinks.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

/**
 * Sign-in limits are checked and recorded under a lock, so parallel requests cannot all pass
 * a check before any of them records: a contact's code checks (and resends) queue on the
 * contact's row, a link's opens on the link's row, link requests on their email and address.
 */
export async function lockContact(tx: Db, firmId: string, contactId: string): Promise<void> {
  await tx.execute(sql`select 1 from contacts where firm_id = ${firmId} and id = ${contactId} for no key update`);
}

export async function lockSecureLink(tx: Db, firmId: string, linkId: string): Promise<void> {
  await tx.execute(sql`select 1 from secure_links where firm_id = ${firmId} and id = ${linkId} for no key update`);
}

/** Link requests name no firm and may name nobody: their limits queue on advisory locks of the keys. */
export async function lockLinkRequestKeys(tx: Db, keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`confer-link-request:${key}`}, 0))`);
  }
}

/** Attempts started from a link since a time: each one emailed a code. */
export async function countAttemptsForLink(db: Db, firmId: string, secureLinkId: string, since: Date) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.firmId, firmId),
        eq(signInAttempts.secureLinkId, secureLinkId),
        gt(signInAttempts.createdAt, since),
      ),
    );
  return rows[0]?.n ?? 0;
}

export async function findAttempt(db: Db, firmId: string, attemptId: string) {
  const rows = await db
    .select()
    .from(signInAttempts)
    .where(and(eq(signInAttempts.firmId, firmId), eq(signInAttempts.id, attemptId)))
    .limit(1);
  return rows[0];
}

export async function insertAttempt(
  db: Db,
  firmId: string,
  values: { secureLinkId: string; contactId: string; attemptHash: string; createdAt?: Date },
): Promise<string> {
  const [row] = await db
    .insert(signInAttempts)
    .values({ ...values, firmId })
    .returning({ id: signInAttempts.id });
  return row!.id;
}

export async function findAttemptByHash(db: Db, attemptHash: string) {
  const rows = await db.select().from(signInAttempts).where(eq(signInAttempts.attemptHash, attemptHash)).limit(1);
  return rows[0];
}

export async function setAttemptCode(
  db: Db,
  firmId: string,
  attemptId: string,
  values: { codeHash: string; codeExpiresAt: Date; codeSentAt: Date },
): Promise<void> {
  await db
    .update(signInAttempts)
    .set({ ...values, codesSent: sql`${signInAttempts.codesSent} + 1`, wrongTries: 0 })
    .where(and(eq(signInAttempts.firmId, firmId), eq(signInAttempts.id, attemptId)));
}

/**
 * Completes the attempt if, at this instant, it is open and the code matches and is fresh.
 * One statement, so of many parallel submissions of the right code exactly one wins.
 */
export async function completeAttempt(db: Db, firmId: string, attemptId: string, codeHash: string, now: Date) {
  const rows = await db
    .update(signInAttempts)
    .set({ completedAt: now })
    .where(
      and(
        eq(signInAttempts.firmId, firmId),
        eq(signInAttempts.id, attemptId),
        isNull(signInAttempts.completedAt),
        isNull(signInAttempts.lockedAt),
        eq(signInAttempts.codeHash, codeHash),
        gt(signInAttempts.codeExpiresAt, now),
      ),
    )
    .returning({ id: signInAttempts.id });
  return rows.length === 1;
}

/** Counts a wrong code; the fifth locks the attempt. Returns the attempt's state after. */
export async function recordWrongCode(db: Db, firmId: string, attemptId: string, maxTries: number, now: Date) {
  const rows = await db
    .update(signInAttempts)
    .set({
      wrongTries: sql`${signInAttempts.wrongTries} + 1`,
      lockedAt: sql`case when ${signInAttempts.wrongTries} + 1 >= ${maxTries} then ${now.toISOString()}::timestamptz else null end`,
    })
    .where(and(eq(signInAttempts.firmId, firmId), eq(signInAttempts.id, attemptId), isNull(signInAttempts.lockedAt)))
    .returning({ wrongTries: signInAttempts.wrongTries, lockedAt: signInAttempts.lockedAt });
  return rows[0];
}

export async function recordFailure(db: Db, firmId: string, contactId: string, at: Date): Promise<void> {
  await db.insert(signInFailures).values({ firmId, contactId, at });
}

export async function countRecentFailures(db: Db, firmId: string, contactId: string, since: Date): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(
      and(eq(signInFailures.firmId, firmId), eq(signInFailures.contactId, contactId), gt(signInFailures.at, since)),
    );
  return rows[0]?.n ?? 0;
}

export async function insertSession(
  db: Db,
  firmId: string,
  values: {
    sessionHash: string;
    contactId: string;
    csrfToken: string;
    scopeConversationId: string | null;
    lastSeenAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(portalSessions).values({ ...values, firmId });
}

export async function findSessionByHash(db: Db, sessionHash: string) {
  const rows = await db
    .select({
      firmId: portalSessions.firmId,
      id: portalSessions.id,
      contactId: portalSessions.contactId,
      csrfToken: portalSessions.csrfToken,
      scopeConversationId: portalSessions.scopeConversationId,
      lastSeenAt: portalSessions.lastSeenAt,
      expiresAt: portalSessions.expiresAt,
      endedAt: portalSessions.endedAt,
      contactActive: contacts.active,
    })
    .from(portalSessions)
    .innerJoin(contacts, and(eq(contacts.firmId, portalSessions.firmId), eq(contacts.id, portalSessions.contactId)))
    .where(eq(portalSessions.sessionHash, sessionHash))
    .limit(1);
  return rows[0];
}

export async function findSession(db: Db, firmId: string, id: string) {
  const rows = await db
    .select({
      lastSeenAt: portalSessions.lastSeenAt,
      expiresAt: portalSessions.expiresAt,
      endedAt: portalSessions.endedAt,
      contactActive: contacts.active,
    })
    .from(portalSessions)
    .innerJoin(contacts, and(eq(contacts.firmId, portalSessions.firmId), eq(contacts.id, portalSessions.contactId)))
    .where(and(eq(portalSessions.firmId, firmId), eq(portalSessions.id, id)))
    .limit(1);
  return rows[0];
}

export async function touchSession(db: Db, firmId: string, id: string, at: Date): Promise<void> {
  await db
    .update(portalSessions)
    .set({ lastSeenAt: at })
    .where(and(eq(portalSessions.firmId, firmId), eq(portalSessions.id, id)));
}

export async function endSessions(
  db: Db,
  firmId: string,
  filter: { sessionId?: string; contactId?: string },
  at: Date,
) {
  await db
    .update(portalSessions)
    .set({ endedAt: at })
    .where(
      and(
        eq(portalSessions.firmId, firmId),
        isNull(portalSessions.endedAt),
        filter.sessionId ? eq(portalSessions.id, filter.sessionId) : undefined,
        filter.contactId ? eq(portalSessions.contactId, filter.contactId) : undefined,
      ),
    );
}

/**
 * A contact's email changed: links mailed to the old address stop working, and codes mailed
 * there for open sign-ins expire (a resend goes to the new address).
 */
export async function revokeMailedCredentials(db: Db, firmId: string, contactId: string, at: Date): Promise<void> {
  await db
    .update(secureLinks)
    .set({ revokedAt: at })
    .where(and(eq(secureLinks.firmId, firmId), eq(secureLinks.contactId, contactId), isNull(secureLinks.revokedAt)));
  await db
    .update(signInAttempts)
    .set({ codeExpiresAt: sql`least(${signInAttempts.codeExpiresAt}, ${at.toISOString()}::timestamptz)` })
    .where(
      and(
        eq(signInAttempts.firmId, firmId),
        eq(signInAttempts.contactId, contactId),
        isNull(signInAttempts.completedAt),
      ),
    );
}

export async function hasEverSignedIn(db: Db, firmId: string, contactId: string): Promise<boolean> {
  const rows = await db
    .select({ id: portalSessions.id })
    .from(portalSessions)
    .where(and(eq(portalSessions.firmId, firmId), eq(portalSessions.contactId, contactId)))
    .limit(1);
  return rows.length > 0;
}

/** Active contacts with this email at any firm: a person may be a contact at several firms. */
export async function findContactsByEmail(db: Db, email: string) {
  return queryRows<{ firm_id: string; id: string; name: string; email: string; firm_name: string }>(
    db,
    sql`select c.firm_id, c.id, c.name, c.email, f.name as firm_name
        from contacts c join firms f on f.id = c.firm_id
        where lower(c.email) = lower(${email}) and c.active
        order by f.name limit 20`,
  );
}

export async function recordLinkRequest(db: Db, values: { emailHash: string; ip: string | null; at: Date }) {
  await db.insert(linkRequests).values(values);
}

export async function countLinkRequests(db: Db, filter: { emailHash?: string; ip?: string }, since: Date) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(linkRequests)
    .where(
      and(
        gt(linkRequests.at, since),
        filter.emailHash ? eq(linkRequests.emailHash, filter.emailHash) : undefined,
        filter.ip ? eq(linkRequests.ip, filter.ip) : undefined,
      ),
    );
  return rows[0]?.n ?? 0;
}

export async function findLinkByAttempt(db: Db, firmId: string, secureLinkId: string) {
  const rows = await db
    .select({ conversationId: secureLinks.conversationId })
    .from(secureLinks)
    .where(and(eq(secureLinks.firmId, firmId), eq(secureLinks.id, secureLinkId)))
    .limit(1);
  return rows[0];
}
