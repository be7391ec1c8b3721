import type { Request, Response } from 'express';
import { deviceCookie, deviceCookieName, parseDeviceToken } from '../portal-devices/device-cookie.js';
import { findClientCountry } from '../portal-devices/find-client-country.js';
import { recordSignInDevice } from '../portal-devices/service.js';
import type { RequestMeta } from '../../http/define-route.js';
import { readCookie, sessionCookie } from './session-middleware.js';
import type { TPortalDeps, TSessionGrant } from './service.js';

/**
 * Every way into the portal that opens a session (link-only open, code, passkey) ends here: the
 * sign-in is recorded against the browser's device (staff are told of a new device or country)
 * before the answer goes out, then the session and device cookies are set.
 */
export async function setPortalSession(
  deps: TPortalDeps,
  req: Request,
  res: Response,
  grant: TSessionGrant,
  meta: RequestMeta,
): Promise<void> {
  const countryHeader = deps.config.clientCountryHeader;
  const deviceToken = await recordSignInDevice(deps, {
    firmId: grant.firmId,
    contactId: grant.contactId,
    deviceToken: parseDeviceToken(readCookie(req.get('cookie'), deviceCookieName)),
    userAgent: req.get('user-agent'),
    country: findClientCountry({ ip: meta.ip, headerValue: countryHeader ? req.get(countryHeader) : undefined }),
    meta,
  });
  const maxAge = (grant.expiresAt.getTime() - deps.clock.now().getTime()) / 1000;
  res.set('Cache-Control', 'no-store');
  res.setHeader('Set-Cookie', [sessionCookie(grant.sessionToken, maxAge), deviceCookie(deviceToken, req.secure)]);
}
