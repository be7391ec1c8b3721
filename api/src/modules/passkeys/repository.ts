import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { passkeyChallenges, passkeys } from '../../db/schema.js';

export type TChallengePurpose = 'register' | 'sign_in';

export async function insertChallenge(
  db: Db,
  firmId: string,
  values: {
    contactId: string;
    purpose: TChallengePurpose;
    challengeHash: string;
    sessionId: string | null;
    secureLinkId: string | null;
    expiresAt: Date;
    createdAt: Date;
  },
): Promise<void> {
  await db.insert(passkeyChallenges).values({ ...values, firmId });
}

/** Challenges asked for by one session (registration) or one link (sign-in) since a time. */
export async function countChallenges(
  db: Db,
  firmId: string,
  owner: { sessionId: string } | { secureLinkId: string },
  since: Date,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(passkeyChallenges)
    .where(
      and(
        eq(passkeyChallenges.firmId, firmId),
        'sessionId' in owner
          ? eq(passkeyChallenges.sessionId, owner.sessionId)
          : eq(passkeyChallenges.secureLinkId, owner.secureLinkId),
        gt(passkeyChallenges.createdAt, since),
      ),
    );
  return rows[0]?.n ?? 0;
}

/**
 * Uses a challenge if, at this instant, it is unused, unexpired, for this purpose and bound to
 * this session or link. One statement: of parallel answers to one challenge exactly one wins.
 * Returns the contact it was issued to.
 */
export async function takeChallenge(
  db: Db,
  firmId: string,
  challenge: {
    challengeHash: string;
    purpose: TChallengePurpose;
    owner: { sessionId: string } | { secureLinkId: string };
  },
  now: Date,
): Promise<{ contactId: string } | undefined> {
  const rows = await db
    .update(passkeyChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(passkeyChallenges.firmId, firmId),
        eq(passkeyChallenges.challengeHash, challenge.challengeHash),
        eq(passkeyChallenges.purpose, challenge.purpose),
        'sessionId' in challenge.owner
          ? eq(passkeyChallenges.sessionId, challenge.owner.sessionId)
          : eq(passkeyChallenges.secureLinkId, challenge.owner.secureLinkId),
        isNull(passkeyChallenges.usedAt),
        gt(passkeyChallenges.expiresAt, now),
      ),
    )
    .returning({ contactId: passkeyChallenges.contactId });
  return rows[0];
}

const passkeyColumns = {
  id: passkeys.id,
  contactId: passkeys.contactId,
  credentialId: passkeys.credentialId,
  publicKey: passkeys.publicKey,
  counter: passkeys.counter,
  transports: passkeys.transports,
  deviceType: passkeys.deviceType,
  backedUp: passkeys.backedUp,
  createdAt: passkeys.createdAt,
  lastUsedAt: passkeys.lastUsedAt,
};

export type TPasskeyRow = {
  id: string;
  contactId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
};

/** A contact's passkeys that work (not removed or revoked), oldest first. */
export async function listActivePasskeys(db: Db, firmId: string, contactId: string): Promise<TPasskeyRow[]> {
  return db
    .select(passkeyColumns)
    .from(passkeys)
    .where(and(eq(passkeys.firmId, firmId), eq(passkeys.contactId, contactId), isNull(passkeys.removedAt)))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

export async function findActivePasskey(
  db: Db,
  firmId: string,
  contactId: string,
  credentialId: string,
): Promise<TPasskeyRow | undefined> {
  const rows = await db
    .select(passkeyColumns)
    .from(passkeys)
    .where(
      and(
        eq(passkeys.firmId, firmId),
        eq(passkeys.contactId, contactId),
        eq(passkeys.credentialId, credentialId),
        isNull(passkeys.removedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Stores a new passkey; undefined when the firm already has this credential (registered twice). */
export async function insertPasskey(
  db: Db,
  firmId: string,
  values: {
    contactId: string;
    credentialId: string;
    publicKey: string;
    counter: number;
    transports: string[];
    deviceType: string;
    backedUp: boolean;
    createdAt: Date;
  },
): Promise<TPasskeyRow | undefined> {
  const rows = await db
    .insert(passkeys)
    .values({ ...values, firmId })
    .onConflictDoNothing()
    .returning(passkeyColumns);
  return rows[0];
}

export async function recordPasskeyUse(db: Db, firmId: string, id: string, counter: number, at: Date): Promise<void> {
  await db
    .update(passkeys)
    .set({ counter, lastUsedAt: at })
    .where(and(eq(passkeys.firmId, firmId), eq(passkeys.id, id)));
}

/** Marks a contact's passkey removed (the row stays); undefined if it is not theirs or already removed. */
export async function removePasskey(
  db: Db,
  firmId: string,
  contactId: string,
  id: string,
  by: { kind: 'contact' | 'staff'; id: string },
  at: Date,
): Promise<{ id: string } | undefined> {
  const rows = await db
    .update(passkeys)
    .set({ removedAt: at, removedByKind: by.kind, removedBy: by.id })
    .where(
      and(
        eq(passkeys.firmId, firmId),
        eq(passkeys.contactId, contactId),
        eq(passkeys.id, id),
        isNull(passkeys.removedAt),
      ),
    )
    .returning({ id: passkeys.id });
  return rows[0];
}
