import type { RequestHandler } from 'express';
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import type { RefusalTally } from '../../modules/audit/tally-refusals.js';
import { bindPendingStaff, findTenantStaff } from '../../modules/staff/repository.js';
import type { StaffContext } from './staff-context.js';
import type { StaffIdentityCache } from './staff-identity-cache.js';

/** The delegated scope staff tokens must carry (Entra "Expose an API" scope name). */
export const staffScope = 'access_as_user';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Refusal = { code: string; status: number; detail: string; firmId?: string | null };

function refusalFromJose(error: unknown): Refusal {
  if (error instanceof joseErrors.JWTExpired) {
    return { code: 'token_expired', status: 401, detail: 'The token has expired: sign in again' };
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return { code: 'invalid_token', status: 401, detail: `The token's "${error.claim}" claim is not accepted` };
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return { code: 'invalid_token', status: 401, detail: 'The token signature is not valid' };
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return { code: 'invalid_token', status: 401, detail: 'The token was signed by an unknown key' };
  }
  if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
    // the key set could not be fetched: not the caller's fault
    return {
      code: 'identity_unavailable',
      status: 503,
      detail: 'Sign-in cannot be checked right now: try again shortly',
    };
  }
  if (error instanceof joseErrors.JOSEError) {
    return { code: 'invalid_token', status: 401, detail: 'The token is not valid' };
  }
  return { code: 'invalid_token', status: 401, detail: 'The token is not valid' };
}

/**
 * The one staff authentication path, in every mode: signature from the JWKS (cached,
 * refetched on an unknown kid), issuer, audience, expiry and not-before, scope; the tenant
 * resolves the firm; (tenant id, object id) resolves the staff member, who must be active.
 * With `identities`, that resolution is remembered for a short while (see the cache).
 * Refusals go to the audit log through `refusals`, counted per source, reason and minute.
 */
export function createStaffAuthenticator(deps: {
  config: TConfig;
  db: Db;
  identities?: StaffIdentityCache;
  /** Refusals are counted here and written per source, reason and minute (not one row each). */
  refusals: RefusalTally;
}): RequestHandler {
  const { identity } = deps.config;
  const jwks = createRemoteJWKSet(new URL(identity.jwksUrl), {
    cacheMaxAge: 6 * 60 * 60 * 1000,
    cooldownDuration: 30 * 1000,
  });
  /**
   * Tokens whose signature and claims were checked, for a minute at most and never past their
   * expiry (plus the tolerance): the same token string sent again is not verified again.
   */
  const verified = new Map<string, { payload: JWTPayload; until: number }>();
  const verifiedMax = 10_000;
  const clockToleranceSeconds = 60;
  function rememberVerified(token: string, payload: JWTPayload) {
    const until = Math.min(Date.now() + 60_000, ((payload.exp ?? 0) + clockToleranceSeconds) * 1000);
    verified.set(token, { payload, until });
    while (verified.size > verifiedMax) verified.delete(verified.keys().next().value as string);
  }

  async function authenticate(token: string): Promise<StaffContext | Refusal> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      return { code: 'invalid_token', status: 401, detail: 'The bearer token is not a JWT' };
    }
    const tid = typeof unverified.tid === 'string' ? unverified.tid : '';
    if (!guid.test(tid)) return { code: 'invalid_token', status: 401, detail: 'The token has no tenant id' };
    if (identity.allowedTenantIds && !identity.allowedTenantIds.includes(tid.toLowerCase())) {
      return { code: 'unknown_tenant', status: 401, detail: 'This organisation does not use Confer' };
    }
    let payload: JWTPayload;
    const seen = verified.get(token);
    if (seen && seen.until > Date.now()) {
      payload = seen.payload;
    } else {
      if (seen) verified.delete(token);
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: identity.issuerTemplate.replace('{tid}', tid),
          audience: identity.audience,
          algorithms: ['RS256'],
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ['exp', 'iat', 'tid', 'oid'],
        }));
      } catch (error) {
        return refusalFromJose(error);
      }
      rememberVerified(token, payload);
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(staffScope)) {
      return { code: 'invalid_token', status: 401, detail: `The token lacks the ${staffScope} scope` };
    }
    const oid = String(payload.oid);
    const known = deps.identities?.get(tid, oid);
    if (known) return known;
    const remember = deps.identities?.begin();
    const found = await findTenantStaff(deps.db, tid, oid);
    if (!found) return { code: 'unknown_tenant', status: 401, detail: 'This organisation does not use Confer' };
    const firm = { id: found.firmId };
    let row = found.staff;
    const email = typeof payload.preferred_username === 'string' ? payload.preferred_username : payload.email;
    if (!row && typeof email === 'string') row = (await bindPendingStaff(deps.db, firm.id, email, oid)) ?? null;
    if (!row) {
      return {
        code: 'unknown_staff',
        status: 403,
        detail: 'You are not a Confer user at your firm yet: ask a firm admin to add you',
        firmId: firm.id,
      };
    }
    if (!row.active) {
      return { code: 'staff_disabled', status: 403, detail: 'Your Confer access has been disabled', firmId: firm.id };
    }
    const staff: StaffContext = { firmId: firm.id, staffId: row.id, tenantId: tid, role: row.role };
    remember?.(tid, oid, staff);
    return staff;
  }

  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) {
      throw new AppError('missing_token', 401, 'Sign in: a bearer token is required');
    }
    const result = await authenticate(match[1]!);
    if ('code' in result) {
      deps.refusals.count({
        action: 'staff.authenticate',
        reason: result.code,
        ip: req.ip,
        firmId: result.firmId ?? null,
        requestId: String(res.locals.requestId ?? ''),
      });
      res.setHeader('WWW-Authenticate', `Bearer error="invalid_token"`);
      throw new AppError(result.code, result.status, result.detail);
    }
    res.locals.staff = result;
    next();
  };
}
