import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. Used for link tokens, attempt tokens and session ids. */
export const newToken = () => randomBytes(32).toString('base64url');

/** What the database keeps instead of a token. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A 6-digit one-time code from the CSPRNG. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** A code's hash is bound to its attempt: the same digits hash differently for another attempt. */
export const hashCode = (attemptId: string, code: string) =>
  createHmac('sha256', attemptId).update(code, 'utf8').digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The CSRF token of a session, derived from the session id so that neither needs storing in
 * plain text: only a holder of the cookie can know it.
 */
export const csrfFor = (sessionToken: string) =>
  createHmac('sha256', sessionToken).update('confer-csrf').digest('base64url');
