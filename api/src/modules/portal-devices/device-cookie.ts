/**
 * The device cookie: a long-lived random value set at portal sign-in, so a later sign-in from
 * the same browser is recognised. Only its SHA-256 is stored. It is sent only to the portal's
 * sign-in routes (its Path), never readable by scripts, Secure when the request came over
 * https (TRUST_PROXY decides what `req.secure` believes).
 */
export const deviceCookieName = 'confer_device';
export const deviceCookiePath = '/api/portal/v1/auth';
/** Browsers keep a cookie at most 400 days; each sign-in renews it. */
const maxAgeSeconds = 400 * 24 * 3600;

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A device token as we issue them (256 bits, base64url), or undefined for anything else. */
export function parseDeviceToken(value: string | undefined): string | undefined {
  return value && tokenPattern.test(value) ? value : undefined;
}

export function deviceCookie(token: string, secure: boolean): string {
  return `${deviceCookieName}=${token}; Path=${deviceCookiePath}; HttpOnly;${secure ? ' Secure;' : ''} SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}
