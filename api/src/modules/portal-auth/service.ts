import type { TConfig } from '../../config.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { sessionEndedEventType } from '../../realtime/stream-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { getConversation, listParticipants } from '../conversations/repository.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import type { Notifier } from '../notifications/notifier.js';
import { emailSecureLink, emailSignInCode, portalLinkUrl } from './emails.js';
import { listActivePasskeys } from '../passkeys/repository.js';
import * as repo from './repository.js';
import { csrfFor, hashCode, hashToken, newCode, newToken, sameHash } from './tokens.js';

export type TPortalDeps = { db: Db; config: TConfig; clock: Clock; notifier: Notifier };
export type TMeta = { requestId: string; ip: string | undefined };

export const linkValidDays = 7;
export const codeValidMinutes = 10;
export const maxWrongTries = 5;
export const maxFailuresPerHour = 100;
/** Codes emailed by opening one link, per hour (each open starts an attempt and emails a code). */
export const maxOpensPerLinkPerHour = 10;
export const maxLinkRequestsPerEmail = 5;
export const maxLinkRequestsPerAddress = 30;
const resendIntervalMs = 30_000;
const maxCodesPerAttempt = 5;

const minutes = (n: number) => n * 60_000;
export const linkNotValid = () =>
  new AppError(
    'link_not_valid',
    410,
    'This link has expired or is not valid. Ask for a new one with your email address.',
  );

/** A new personal link for a contact (to a conversation, or to the portal home). Returns the token. */
export async function issueSecureLink(
  deps: TPortalDeps,
  tx: Db,
  input: { firmId: string; contactId: string; conversationId: string | null },
): Promise<string> {
  const token = newToken();
  await repo.insertSecureLink(tx, input.firmId, {
    contactId: input.contactId,
    conversationId: input.conversationId,
    tokenHash: hashToken(token),
    expiresAt: new Date(deps.clock.now().getTime() + linkValidDays * 24 * 3_600_000),
  });
  return token;
}

/** Sends each contact their personal link to a conversation they were just added to. */
export async function inviteContacts(
  deps: TPortalDeps,
  tx: Db,
  firmId: string,
  conversationId: string,
  contactIds: string[],
) {
  const firm = await getFirm(tx, firmId);
  for (const contactId of contactIds) {
    const contact = await getContact(tx, firmId, contactId);
    if (!contact?.email || !firm) continue;
    const token = await issueSecureLink(deps, tx, { firmId, contactId, conversationId });
    await emailSecureLink(tx, deps.notifier, {
      firmId,
      firmName: firm.name,
      to: contact.email,
      contactName: contact.name,
      url: portalLinkUrl(deps.config.publicBaseUrl, token),
      firstTime: !(await repo.hasEverSignedIn(tx, firmId, contactId)),
      reason: 'invited',
    });
  }
}

export type TSessionGrant = {
  sessionToken: string;
  csrfToken: string;
  firmId: string;
  contactId: string;
  conversationId: string | null;
  expiresAt: Date;
};

/** Opens a session: the cookie value, its CSRF token and when it ends (part of the caller's transaction when given one). */
export async function startSession(
  deps: TPortalDeps,
  db: Db,
  firmId: string,
  contactId: string,
  scopeConversationId: string | null,
  conversationId: string | null,
): Promise<TSessionGrant> {
  const now = deps.clock.now();
  const sessionToken = newToken();
  const csrfToken = csrfFor(sessionToken);
  const expiresAt = new Date(now.getTime() + deps.config.portal.sessionHours * 3_600_000);
  await repo.insertSession(db, firmId, {
    sessionHash: hashToken(sessionToken),
    contactId,
    csrfToken: hashToken(csrfToken),
    scopeConversationId,
    lastSeenAt: now,
    expiresAt,
  });
  return { sessionToken, csrfToken, firmId, contactId, conversationId, expiresAt };
}

/** A new code for the attempt, emailed: part of the caller's transaction. */
async function sendCode(deps: TPortalDeps, tx: Db, attempt: { firmId: string; id: string; contactId: string }) {
  const contact = await getContact(tx, attempt.firmId, attempt.contactId);
  const firm = await getFirm(tx, attempt.firmId);
  if (!contact?.email || !firm) throw linkNotValid();
  const code = newCode();
  const now = deps.clock.now();
  await repo.setAttemptCode(tx, attempt.firmId, attempt.id, {
    codeHash: hashCode(attempt.id, code),
    codeExpiresAt: new Date(now.getTime() + minutes(codeValidMinutes)),
    codeSentAt: now,
  });
  await emailSignInCode(tx, deps.notifier, { firmId: firm.id, firmName: firm.name, to: contact.email, code });
}

export type TOpenLinkResult =
  | {
      state: 'code_sent';
      attemptToken: string;
      firmName: string;
      contactName: string;
      firstTime: boolean;
      conversationId: string | null;
    }
  | { state: 'signed_in'; grant: TSessionGrant; firmName: string; contactName: string; firstTime: boolean }
  | { state: 'passkey'; firmName: string; contactName: string; firstTime: false; conversationId: string | null };

/**
 * Opening a link: a valid, unexpired link to a conversation that does not require two-factor
 * sign-in opens a session for that conversation only; a contact with a passkey is asked for
 * it (nothing is emailed) unless they ask for a code (`sendCode`); otherwise an attempt
 * starts and a 6-digit code is emailed at once.
 */
export async function openLink(
  deps: TPortalDeps,
  token: string,
  meta: TMeta,
  options: { sendCode?: boolean } = {},
): Promise<TOpenLinkResult> {
  const link = await repo.findLinkByHash(deps.db, hashToken(token));
  const now = deps.clock.now();
  if (!link || link.revokedAt || link.expiresAt <= now || !link.contactActive || !link.contactEmail) {
    await recordAudit(deps.db, {
      firmId: link?.firmId ?? null,
      actorKind: 'anonymous',
      action: 'portal.link_open',
      outcome: 'refused',
      requestId: meta.requestId,
      ip: meta.ip,
      details: { reason: link ? 'expired_or_disabled' : 'unknown' },
    });
    throw linkNotValid();
  }
  const firstTime = !(await repo.hasEverSignedIn(deps.db, link.firmId, link.contactId));
  const conversation = link.conversationId
    ? await getConversation(deps.db, link.firmId, link.conversationId)
    : undefined;
  if (conversation && !conversation.requireMfa) {
    const grant = await startSession(deps, deps.db, link.firmId, link.contactId, conversation.id, conversation.id);
    await recordAudit(deps.db, {
      firmId: link.firmId,
      actorKind: 'contact',
      actorId: link.contactId,
      action: 'portal.sign_in',
      outcome: 'success',
      requestId: meta.requestId,
      ip: meta.ip,
      details: { method: 'link_only', conversationId: conversation.id },
    });
    return { state: 'signed_in', grant, firmName: link.firmName, contactName: link.contactName, firstTime };
  }
  if (!options.sendCode && (await listActivePasskeys(deps.db, link.firmId, link.contactId)).length > 0) {
    await recordAudit(deps.db, {
      firmId: link.firmId,
      actorKind: 'contact',
      actorId: link.contactId,
      action: 'portal.link_open',
      outcome: 'success',
      requestId: meta.requestId,
      ip: meta.ip,
      details: { next: 'passkey' },
    });
    return {
      state: 'passkey',
      firmName: link.firmName,
      contactName: link.contactName,
      firstTime: false,
      conversationId: link.conversationId,
    };
  }
  const attemptToken = newToken();
  // counted and started under the link's row lock: parallel opens cannot all pass the count
  const started = await deps.db.transaction(async (tx) => {
    await repo.lockSecureLink(tx, link.firmId, link.id);
    const since = new Date(now.getTime() - 3_600_000);
    if ((await repo.countAttemptsForLink(tx, link.firmId, link.id, since)) >= maxOpensPerLinkPerHour) return false;
    const attemptId = await repo.insertAttempt(tx, link.firmId, {
      secureLinkId: link.id,
      contactId: link.contactId,
      attemptHash: hashToken(attemptToken),
      createdAt: now,
    });
    await sendCode(deps, tx, { firmId: link.firmId, id: attemptId, contactId: link.contactId });
    return true;
  });
  if (!started) {
    await recordAudit(deps.db, {
      firmId: link.firmId,
      actorKind: 'contact',
      actorId: link.contactId,
      action: 'portal.link_open',
      outcome: 'refused',
      requestId: meta.requestId,
      ip: meta.ip,
      details: { reason: 'too_many_opens' },
    });
    throw new AppError(
      'too_many_opens',
      429,
      'This link has sent several codes in the last hour: use the code in your latest email, or try again later',
    );
  }
  await recordAudit(deps.db, {
    firmId: link.firmId,
    actorKind: 'contact',
    actorId: link.contactId,
    action: 'portal.link_open',
    outcome: 'success',
    requestId: meta.requestId,
    ip: meta.ip,
  });
  return {
    state: 'code_sent',
    attemptToken,
    firmName: link.firmName,
    contactName: link.contactName,
    firstTime,
    conversationId: link.conversationId,
  };
}

async function requireAttempt(deps: TPortalDeps, attemptToken: string) {
  const attempt = await repo.findAttemptByHash(deps.db, hashToken(attemptToken));
  if (!attempt || attempt.completedAt) throw attemptNotValid();
  return attempt;
}

const lockedError = () =>
  new AppError(
    'sign_in_locked',
    429,
    'Too many wrong codes. For your security, sign-in is locked: open your link again later or ask your firm for help.',
  );

const attemptNotValid = () =>
  new AppError('attempt_not_valid', 400, 'This sign-in has finished or is not valid: open your link again');

export async function resendCode(deps: TPortalDeps, attemptToken: string): Promise<void> {
  const found = await requireAttempt(deps, attemptToken);
  const now = deps.clock.now().getTime();
  // checked and sent under the contact's row lock: of parallel resends only one passes
  const refusal = await deps.db.transaction(async (tx): Promise<AppError | undefined> => {
    await repo.lockContact(tx, found.firmId, found.contactId);
    const attempt = await repo.findAttempt(tx, found.firmId, found.id);
    if (!attempt || attempt.completedAt) return attemptNotValid();
    if (attempt.lockedAt) return lockedError();
    if (attempt.codesSent >= maxCodesPerAttempt) {
      return new AppError('resend_limit', 429, 'No more codes can be sent for this sign-in: open your link again');
    }
    if (attempt.codeSentAt && now - attempt.codeSentAt.getTime() < resendIntervalMs) {
      return new AppError(
        'resend_too_soon',
        429,
        'A code was sent moments ago: check your email, or try again in 30 seconds',
      );
    }
    await sendCode(deps, tx, attempt);
    return undefined;
  });
  if (refusal) throw refusal;
}

type TVerifyOutcome =
  | { kind: 'signed_in'; grant: TSessionGrant }
  | { kind: 'not_valid' | 'locked' | 'code_expired' }
  | { kind: 'locked_now'; wrongTries: number }
  | { kind: 'wrong_code'; triesLeft: number };

/**
 * Checks a code. At most 5 wrong tries per attempt and 100 failures per contact per hour;
 * once locked, even the right code fails. The check and its record happen under the
 * contact's row lock, so parallel submissions are judged one after another: a right code
 * after 5 wrong ones is refused however fast they arrive, exactly one of parallel right codes
 * opens a session, and no more failures are recorded than the limits allow.
 */
export async function verifyCode(deps: TPortalDeps, attemptToken: string, code: string, meta: TMeta) {
  const found = await requireAttempt(deps, attemptToken);
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx): Promise<TVerifyOutcome> => {
    await repo.lockContact(tx, found.firmId, found.contactId);
    const attempt = await repo.findAttempt(tx, found.firmId, found.id);
    if (!attempt || attempt.completedAt) return { kind: 'not_valid' };
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await repo.countRecentFailures(tx, attempt.firmId, attempt.contactId, since);
    if (attempt.lockedAt || recent >= maxFailuresPerHour) return { kind: 'locked' };
    const submitted = hashCode(attempt.id, code);
    const matches = attempt.codeHash !== null && sameHash(attempt.codeHash, submitted);
    if (matches && attempt.codeExpiresAt && attempt.codeExpiresAt <= now) return { kind: 'code_expired' };
    if (matches) {
      if (!(await repo.completeAttempt(tx, attempt.firmId, attempt.id, submitted, now))) return { kind: 'not_valid' };
      const link = await repo.findLinkByAttempt(tx, attempt.firmId, attempt.secureLinkId);
      const grant = await startSession(deps, tx, attempt.firmId, attempt.contactId, null, link?.conversationId ?? null);
      return { kind: 'signed_in', grant };
    }
    await repo.recordFailure(tx, attempt.firmId, attempt.contactId, now);
    const after = await repo.recordWrongCode(tx, attempt.firmId, attempt.id, maxWrongTries, now);
    if (!after || after.lockedAt || recent + 1 >= maxFailuresPerHour) {
      return { kind: 'locked_now', wrongTries: after?.wrongTries ?? maxWrongTries };
    }
    return { kind: 'wrong_code', triesLeft: maxWrongTries - after.wrongTries };
  });
  const audit = (outcome: 'success' | 'refused', action: string, details?: Record<string, unknown>) =>
    recordAudit(deps.db, {
      firmId: found.firmId,
      actorKind: 'contact',
      actorId: found.contactId,
      action,
      outcome,
      requestId: meta.requestId,
      ip: meta.ip,
      details,
    });
  switch (outcome.kind) {
    case 'signed_in':
      await audit('success', 'portal.sign_in', { method: 'code' });
      return outcome.grant;
    case 'not_valid':
      // finished meanwhile: another request with this code won the race
      throw attemptNotValid();
    case 'locked':
      await audit('refused', 'portal.sign_in', { reason: 'locked' });
      throw lockedError();
    case 'code_expired':
      await audit('refused', 'portal.sign_in', { reason: 'code_expired' });
      throw new AppError('code_expired', 400, 'This code has expired: ask for a new one');
    case 'locked_now':
      await audit('refused', 'portal.lockout', { wrongTries: outcome.wrongTries });
      throw lockedError();
    case 'wrong_code': {
      await audit('refused', 'portal.sign_in', { reason: 'wrong_code' });
      const left = outcome.triesLeft;
      throw new AppError('wrong_code', 400, `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`, {
        triesLeft: left,
      });
    }
  }
}

/**
 * A new link by email. The answer never says whether the email is known: the caller replies
 * the same way at once and this runs afterwards. At most 5 requests per email and 30 per
 * address per hour are acted on.
 */
export async function requestNewLink(
  deps: TPortalDeps,
  email: string,
  meta: TMeta,
  /** From a conversation link (e.g. one inserted into an email): the new link leads there if they take part. */
  conversationId?: string,
): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - 3_600_000);
  const emailHash = hashToken(email.trim().toLowerCase());
  // counted and recorded under locks on the email and the address: parallel requests queue
  const limited = await deps.db.transaction(async (tx) => {
    await repo.lockLinkRequestKeys(tx, [`email:${emailHash}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])]);
    const byEmail = await repo.countLinkRequests(tx, { emailHash }, since);
    const byIp = meta.ip ? await repo.countLinkRequests(tx, { ip: meta.ip }, since) : 0;
    await repo.recordLinkRequest(tx, { emailHash, ip: meta.ip ?? null, at: now });
    return byEmail >= maxLinkRequestsPerEmail || byIp >= maxLinkRequestsPerAddress;
  });
  const contacts = limited ? [] : await repo.findContactsByEmail(deps.db, email.trim());
  for (const c of contacts) {
    await deps.db.transaction(async (tx) => {
      const target = conversationId ? await getConversation(tx, c.firm_id, conversationId) : undefined;
      const takesPart =
        target?.kind === 'external_matter' &&
        (await listParticipants(tx, c.firm_id, [target.id])).some((p) => p.contactId === c.id && !p.leftAt);
      const token = await issueSecureLink(deps, tx, {
        firmId: c.firm_id,
        contactId: c.id,
        conversationId: takesPart ? target.id : null,
      });
      await emailSecureLink(tx, deps.notifier, {
        firmId: c.firm_id,
        firmName: c.firm_name,
        to: c.email,
        contactName: c.name,
        url: portalLinkUrl(deps.config.publicBaseUrl, token),
        firstTime: !(await repo.hasEverSignedIn(tx, c.firm_id, c.id)),
        reason: 'requested',
      });
    });
  }
  await recordAudit(deps.db, {
    firmId: contacts[0]?.firm_id ?? null,
    actorKind: 'anonymous',
    action: 'portal.link_request',
    outcome: limited ? 'refused' : 'success',
    requestId: meta.requestId,
    ip: meta.ip,
    details: { matched: contacts.length, limited },
  });
}

/** The other firms where the signed-in person (same email) is also a contact. */
export async function listOtherFirms(deps: TPortalDeps, firmId: string, contactId: string) {
  const contact = await getContact(deps.db, firmId, contactId);
  if (!contact?.email) return [];
  return (await repo.findContactsByEmail(deps.db, contact.email))
    .filter((c) => c.firm_id !== firmId)
    .map((c) => ({ firmId: c.firm_id, firmName: c.firm_name }));
}

/** Switching firm is a new sign-in at that firm: a link is issued and a code emailed. */
export async function switchFirm(
  deps: TPortalDeps,
  from: { firmId: string; contactId: string },
  firmId: string,
  meta: TMeta,
) {
  const contact = await getContact(deps.db, from.firmId, from.contactId);
  const target = contact?.email
    ? (await repo.findContactsByEmail(deps.db, contact.email)).find(
        (c) => c.firm_id === firmId && c.firm_id !== from.firmId,
      )
    : undefined;
  if (!target) throw new AppError('not_found', 404, 'Firm not found');
  const token = await deps.db.transaction((tx) =>
    issueSecureLink(deps, tx, { firmId: target.firm_id, contactId: target.id, conversationId: null }),
  );
  const opened = await openLink(deps, token, meta, { sendCode: true });
  if (opened.state !== 'code_sent') throw new AppError('internal_error', 500, 'Unexpected sign-in state');
  return { attemptToken: opened.attemptToken, firmName: opened.firmName };
}

export type TContactContext = {
  firmId: string;
  contactId: string;
  sessionId: string;
  csrfToken: string;
  scopeConversationId: string | null;
  /** When the session ends unless it is used again (idle timeout or lifetime, whichever first). */
  endsAt: Date;
};

type TSessionState = {
  endedAt: Date | null;
  contactActive: boolean;
  expiresAt: Date;
  lastSeenAt: Date;
};

/** The first instant the session is over (idle too long, or past its lifetime), or undefined if it is already. */
function sessionEnd(deps: TPortalDeps, session: TSessionState | undefined, now: Date): Date | undefined {
  if (!session || session.endedAt || !session.contactActive) return undefined;
  const idleEnd = new Date(session.lastSeenAt.getTime() + minutes(deps.config.portal.idleMinutes) + 1);
  const end = idleEnd < session.expiresAt ? idleEnd : session.expiresAt;
  return end > now ? end : undefined;
}

/** The session behind a cookie value, if it is live: not ended, not idle too long, not past its lifetime. */
export async function authenticateSession(
  deps: TPortalDeps,
  sessionToken: string,
): Promise<TContactContext | undefined> {
  const session = await repo.findSessionByHash(deps.db, hashToken(sessionToken));
  const now = deps.clock.now();
  if (!session || !sessionEnd(deps, session, now)) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > 30_000) {
    await repo.touchSession(deps.db, session.firmId, session.id, now);
    session.lastSeenAt = now;
  }
  return {
    firmId: session.firmId,
    contactId: session.contactId,
    sessionId: session.id,
    csrfToken: csrfFor(sessionToken),
    scopeConversationId: session.scopeConversationId,
    endsAt: sessionEnd(deps, session, now)!,
  };
}

/** When a session ends now, as the next request with it would find (undefined: it has ended). */
export async function findSessionEnd(deps: TPortalDeps, firmId: string, sessionId: string): Promise<Date | undefined> {
  return sessionEnd(deps, await repo.findSession(deps.db, firmId, sessionId), deps.clock.now());
}

/** Ends the session and closes the event streams opened with it, on every instance. */
export async function signOut(deps: TPortalDeps, ctx: TContactContext, meta: TMeta) {
  await deps.db.transaction(async (tx) => {
    await repo.endSessions(tx, ctx.firmId, { sessionId: ctx.sessionId }, deps.clock.now());
    await publishEvent(tx, {
      firmId: ctx.firmId,
      type: sessionEndedEventType,
      contactIds: [ctx.contactId],
      payload: { sessionId: ctx.sessionId },
    });
  });
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'contact',
    actorId: ctx.contactId,
    action: 'portal.sign_out',
    outcome: 'success',
    requestId: meta.requestId,
    ip: meta.ip,
  });
}

/**
 * Ends every session of a contact and closes their event streams (disabling, end of access,
 * a passkey revoked by staff).
 * With `mailedCredentials` (their email changed: the address codes go to) the links and codes
 * mailed to the old address stop working too. `sessionsOnly`: staff ended their sessions and
 * nothing else (the portal says so, rather than that their access ended).
 */
export async function endContactAccess(
  tx: Db,
  clock: Clock,
  firmId: string,
  contactId: string,
  options: { mailedCredentials?: boolean; sessionsOnly?: boolean } = {},
) {
  await repo.endSessions(tx, firmId, { contactId }, clock.now());
  if (options.mailedCredentials) await repo.revokeMailedCredentials(tx, firmId, contactId, clock.now());
  await publishEvent(tx, {
    firmId,
    type: 'contact.disabled',
    contactIds: [contactId],
    payload: options.sessionsOnly ? { reason: 'sessions_ended' } : {},
  });
}
