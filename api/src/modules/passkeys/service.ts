import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { recordAudit, type TAuditEntry } from '../audit/record-audit.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import * as authRepo from '../portal-auth/repository.js';
import { allowedOrigins } from '../portal-auth/session-middleware.js';
import {
  endContactAccess,
  linkNotValid,
  maxFailuresPerHour,
  startSession,
  type TContactContext,
  type TMeta,
  type TPortalDeps,
  type TSessionGrant,
} from '../portal-auth/service.js';
import { hashToken } from '../portal-auth/tokens.js';
import * as repo from './repository.js';
import type { TPasskey } from './schemas.js';

/** A challenge is answered within this time or not at all. */
export const challengeValidMinutes = 5;
/** Passkey sign-ins started from one link per hour, as opens of a link are limited for codes. */
export const maxPasskeySignInsPerLinkPerHour = 10;
/** Registrations started from one session per hour. */
export const maxRegistrationsPerSessionPerHour = 10;
/** Passkeys one contact may hold at a firm. */
export const maxPasskeysPerContact = 10;

const minutes = (n: number) => n * 60_000;

/** The relying party: its id is the public URL's host name; answers must come from our origins. */
export function relyingParty(config: TConfig) {
  return { rpID: new URL(config.publicBaseUrl).hostname, origins: allowedOrigins(config) };
}

const notAccepted = () =>
  new AppError(
    'passkey_not_accepted',
    400,
    'This passkey could not be checked: try again, or have a code emailed to you instead',
  );

export function toPasskey(row: repo.TPasskeyRow): TPasskey {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    synced: row.deviceType === 'multiDevice',
  };
}

/** The challenge a browser answered, read from its clientDataJSON (undefined when unreadable). */
function answeredChallenge(clientDataJSON: string): string | undefined {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length > 0 ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

/** 256 random bits; the options carry them base64url-encoded, which is what the browser signs and echoes. */
const newChallenge = () => new Uint8Array(randomBytes(32));

/** Passkeys need a session opened with the emailed code: a link-only session proved nothing more than the link. */
function requireCodeSession(ctx: TContactContext) {
  if (ctx.scopeConversationId !== null) {
    throw new AppError(
      'passkey_needs_full_sign_in',
      403,
      'Passkeys can be added after signing in with your link and emailed code',
    );
  }
}

export async function listPasskeys(deps: TPortalDeps, ctx: TContactContext) {
  const rows = await repo.listActivePasskeys(deps.db, ctx.firmId, ctx.contactId);
  return { items: rows.map(toPasskey) };
}

/** Step 1 of adding a passkey: options for navigator.credentials.create(), with a challenge bound to this session. */
export async function beginRegistration(deps: TPortalDeps, ctx: TContactContext) {
  requireCodeSession(ctx);
  const now = deps.clock.now();
  const { rpID } = relyingParty(deps.config);
  const [contact, firm, existing] = await Promise.all([
    getContact(deps.db, ctx.firmId, ctx.contactId),
    getFirm(deps.db, ctx.firmId),
    repo.listActivePasskeys(deps.db, ctx.firmId, ctx.contactId),
  ]);
  if (!contact || !firm) throw notFound('Contact');
  if (existing.length >= maxPasskeysPerContact) {
    throw new AppError(
      'too_many_passkeys',
      409,
      `You have ${maxPasskeysPerContact} passkeys here: remove one you no longer use first`,
    );
  }
  const since = new Date(now.getTime() - 3_600_000);
  if (
    (await repo.countChallenges(deps.db, ctx.firmId, { sessionId: ctx.sessionId }, since)) >=
    maxRegistrationsPerSessionPerHour
  ) {
    throw new AppError(
      'too_many_passkey_tries',
      429,
      'Several passkeys were started in the last hour: try again later',
    );
  }
  const options = await generateRegistrationOptions({
    rpName: firm.name,
    rpID,
    userName: contact.email ?? contact.name,
    userDisplayName: contact.name,
    userID: new Uint8Array(Buffer.from(contact.id.replace(/-/g, ''), 'hex')),
    challenge: newChallenge(),
    timeout: minutes(challengeValidMinutes),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  await repo.insertChallenge(deps.db, ctx.firmId, {
    contactId: ctx.contactId,
    purpose: 'register',
    challengeHash: hashToken(options.challenge),
    sessionId: ctx.sessionId,
    secureLinkId: null,
    expiresAt: new Date(now.getTime() + minutes(challengeValidMinutes)),
    createdAt: now,
  });
  return { options: { ...options } };
}

/** Step 2 of adding a passkey: the browser's answer, checked against this session's unused challenge. */
export async function finishRegistration(
  deps: TPortalDeps,
  ctx: TContactContext,
  response: RegistrationResponseJSON,
  meta: TMeta,
): Promise<TPasskey> {
  requireCodeSession(ctx);
  const now = deps.clock.now();
  const { rpID, origins } = relyingParty(deps.config);
  const audit = (outcome: 'success' | 'refused', details: Record<string, unknown>, targetId?: string) =>
    recordAudit(deps.db, {
      firmId: ctx.firmId,
      actorKind: 'contact',
      actorId: ctx.contactId,
      action: 'portal.passkey_add',
      outcome,
      targetKind: targetId ? 'passkey' : undefined,
      targetId,
      requestId: meta.requestId,
      ip: meta.ip,
      details,
    });
  const challenge = answeredChallenge(response.response.clientDataJSON);
  const taken = challenge
    ? await repo.takeChallenge(
        deps.db,
        ctx.firmId,
        { challengeHash: hashToken(challenge), purpose: 'register', owner: { sessionId: ctx.sessionId } },
        now,
      )
    : undefined;
  if (!challenge || !taken || taken.contactId !== ctx.contactId) {
    await audit('refused', { reason: 'challenge_not_valid' });
    throw new AppError(
      'passkey_challenge_not_valid',
      400,
      'This passkey request has expired or was already used: start again',
    );
  }
  // a malformed or wrong answer throws: either way it is refused
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origins,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verified?.verified) {
    await audit('refused', { reason: 'not_verified' });
    throw notAccepted();
  }
  const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
  const row = await repo.insertPasskey(deps.db, ctx.firmId, {
    contactId: ctx.contactId,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? [],
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
    createdAt: now,
  });
  if (!row) {
    await audit('refused', { reason: 'already_registered' });
    throw new AppError('passkey_already_added', 409, 'This passkey has already been added');
  }
  await audit('success', {}, row.id);
  return toPasskey(row);
}

/** The client removes one of their passkeys: it no longer signs in. Removing another's is 404. */
export async function removeOwnPasskey(deps: TPortalDeps, ctx: TContactContext, passkeyId: string, meta: TMeta) {
  const removed = await repo.removePasskey(
    deps.db,
    ctx.firmId,
    ctx.contactId,
    passkeyId,
    { kind: 'contact', id: ctx.contactId },
    deps.clock.now(),
  );
  if (!removed) throw notFound('Passkey');
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'contact',
    actorId: ctx.contactId,
    action: 'portal.passkey_remove',
    outcome: 'success',
    targetKind: 'passkey',
    targetId: passkeyId,
    requestId: meta.requestId,
    ip: meta.ip,
  });
}

/** A live link, or the same refusal (audited) as opening a bad link. */
async function requireLink(deps: TPortalDeps, token: string, meta: TMeta) {
  const link = await authRepo.findLinkByHash(deps.db, hashToken(token));
  if (!link || link.revokedAt || link.expiresAt <= deps.clock.now() || !link.contactActive || !link.contactEmail) {
    await recordAudit(deps.db, {
      firmId: link?.firmId ?? null,
      actorKind: 'anonymous',
      action: 'portal.link_open',
      outcome: 'refused',
      requestId: meta.requestId,
      ip: meta.ip,
      details: { reason: link ? 'expired_or_disabled' : 'unknown', method: 'passkey' },
    });
    throw linkNotValid();
  }
  return link;
}

/** Step 1 of signing in with a passkey: options for navigator.credentials.get(), the challenge bound to the link. */
export async function beginSignIn(deps: TPortalDeps, token: string, meta: TMeta) {
  const link = await requireLink(deps, token, meta);
  const now = deps.clock.now();
  const passkeys = await repo.listActivePasskeys(deps.db, link.firmId, link.contactId);
  if (passkeys.length === 0) {
    throw new AppError('no_passkey', 409, 'No passkey is set up for this link: have a code emailed to you instead');
  }
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps.config).rpID,
    challenge: newChallenge(),
    timeout: minutes(challengeValidMinutes),
    userVerification: 'required',
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  // counted and stored under the link's row lock, as code sign-ins are
  const started = await deps.db.transaction(async (tx) => {
    await authRepo.lockSecureLink(tx, link.firmId, link.id);
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await repo.countChallenges(tx, link.firmId, { secureLinkId: link.id }, since);
    if (recent >= maxPasskeySignInsPerLinkPerHour) return false;
    await repo.insertChallenge(tx, link.firmId, {
      contactId: link.contactId,
      purpose: 'sign_in',
      challengeHash: hashToken(options.challenge),
      sessionId: null,
      secureLinkId: link.id,
      expiresAt: new Date(now.getTime() + minutes(challengeValidMinutes)),
      createdAt: now,
    });
    return true;
  });
  if (!started) {
    await recordAudit(deps.db, {
      firmId: link.firmId,
      actorKind: 'contact',
      actorId: link.contactId,
      action: 'portal.sign_in',
      outcome: 'refused',
      requestId: meta.requestId,
      ip: meta.ip,
      details: { method: 'passkey', reason: 'too_many_tries' },
    });
    throw new AppError(
      'too_many_passkey_tries',
      429,
      'This link has started several passkey sign-ins in the last hour: try again later or have a code emailed',
    );
  }
  return { options: { ...options } };
}

/**
 * Step 2: the browser's signed answer. The challenge must be this link's, unused and fresh;
 * the passkey the contact's and not removed; the signature, origin, RP id, user verification
 * and counter right. Failures count towards the same hourly lockout as wrong codes.
 */
export async function finishSignIn(
  deps: TPortalDeps,
  token: string,
  response: AuthenticationResponseJSON,
  meta: TMeta,
): Promise<TSessionGrant> {
  const link = await requireLink(deps, token, meta);
  const now = deps.clock.now();
  const base: Omit<TAuditEntry, 'outcome'> = {
    firmId: link.firmId,
    actorKind: 'contact',
    actorId: link.contactId,
    action: 'portal.sign_in',
    requestId: meta.requestId,
    ip: meta.ip,
  };
  const since = new Date(now.getTime() - 3_600_000);
  if ((await authRepo.countRecentFailures(deps.db, link.firmId, link.contactId, since)) >= maxFailuresPerHour) {
    await recordAudit(deps.db, { ...base, outcome: 'refused', details: { method: 'passkey', reason: 'locked' } });
    throw new AppError(
      'sign_in_locked',
      429,
      'Too many failed sign-ins. For your security, sign-in is locked: open your link again later or ask your firm for help.',
    );
  }
  const refuse = async (reason: string, passkeyId?: string) => {
    await authRepo.recordFailure(deps.db, link.firmId, link.contactId, now);
    await recordAudit(deps.db, {
      ...base,
      outcome: 'refused',
      targetKind: passkeyId ? 'passkey' : undefined,
      targetId: passkeyId,
      details: { method: 'passkey', reason },
    });
    return reason === 'challenge_not_valid'
      ? new AppError(
          'passkey_challenge_not_valid',
          400,
          'This passkey request has expired or was already used: start again',
        )
      : notAccepted();
  };
  const challenge = answeredChallenge(response.response.clientDataJSON);
  const taken = challenge
    ? await repo.takeChallenge(
        deps.db,
        link.firmId,
        { challengeHash: hashToken(challenge), purpose: 'sign_in', owner: { secureLinkId: link.id } },
        now,
      )
    : undefined;
  if (!challenge || !taken || taken.contactId !== link.contactId) throw await refuse('challenge_not_valid');
  const passkey = await repo.findActivePasskey(deps.db, link.firmId, link.contactId, response.id);
  if (!passkey) throw await refuse('unknown_passkey');
  const { rpID, origins } = relyingParty(deps.config);
  // a bad signature, origin, RP id, missing user verification or a counter that did not grow
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origins,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
      counter: passkey.counter,
      transports: passkey.transports,
    },
  }).catch(() => undefined);
  if (!verified?.verified) throw await refuse('not_verified', passkey.id);
  const newCounter = verified.authenticationInfo.newCounter;
  const grant = await deps.db.transaction(async (tx) => {
    await repo.recordPasskeyUse(tx, link.firmId, passkey.id, newCounter, now);
    return startSession(deps, tx, link.firmId, link.contactId, null, link.conversationId);
  });
  await recordAudit(deps.db, {
    ...base,
    outcome: 'success',
    targetKind: 'passkey',
    targetId: passkey.id,
    details: { method: 'passkey' },
  });
  return grant;
}

/** Staff: a contact's passkeys (404 for a contact of another firm). */
export async function listContactPasskeys(db: Db, ctx: StaffContext, contactId: string) {
  if (!(await getContact(db, ctx.firmId, contactId))) throw notFound('Contact');
  return { items: (await repo.listActivePasskeys(db, ctx.firmId, contactId)).map(toPasskey) };
}

/**
 * Staff revoke a contact's passkey: it no longer signs in, and every portal session of the
 * contact ends (their event streams close), whatever it was opened with.
 */
export async function revokeContactPasskey(
  deps: Pick<TPortalDeps, 'db' | 'clock'>,
  ctx: StaffContext,
  contactId: string,
  passkeyId: string,
  meta: TMeta,
) {
  const revoked = await deps.db.transaction(async (tx) => {
    const removed = await repo.removePasskey(
      tx,
      ctx.firmId,
      contactId,
      passkeyId,
      { kind: 'staff', id: ctx.staffId },
      deps.clock.now(),
    );
    // the client stays active, their links keep working: the portal says they were signed out
    if (removed) await endContactAccess(tx, deps.clock, ctx.firmId, contactId, { sessionsOnly: true });
    return removed;
  });
  if (!revoked) throw notFound('Passkey');
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'contact.passkey_revoke',
    outcome: 'success',
    targetKind: 'passkey',
    targetId: passkeyId,
    requestId: meta.requestId,
    ip: meta.ip,
    details: { contactId },
  });
}
