import { randomUUID, type webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { staffScope } from '../integrations/identity/verify-staff-token.js';

export type DevSigningKey = {
  kid: string;
  publicJwk: JWK;
  privateKey: webcrypto.CryptoKey;
};

/**
 * Embedded mode's stand-in for Entra: an RS256 key kept under the data directory and
 * published at /dev/jwks.json. Tokens it signs are checked by the same middleware as
 * Entra tokens, through the JWKS URL: there is no bypass.
 */
export async function loadDevSigningKey(dataDir: string): Promise<DevSigningKey> {
  const file = join(dataDir, 'dev-signing-key.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; privateJwk: JWK; publicJwk: JWK };
    return {
      kid: stored.kid,
      publicJwk: stored.publicJwk,
      privateKey: (await importJWK(stored.privateJwk, 'RS256')) as webcrypto.CryptoKey,
    };
  }
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ kid, privateJwk, publicJwk }), { mode: 0o600 });
  return { kid, publicJwk, privateKey };
}

export type TDevTokenClaims = {
  tenantId: string;
  objectId: string;
  name: string;
  email: string;
};

/** Claims shaped like an Entra v2 access token for the API. */
export async function signDevToken(
  key: DevSigningKey,
  options: { issuer: string; audience: string; lifetimeSeconds?: number },
  claims: TDevTokenClaims,
): Promise<string> {
  return new SignJWT({
    tid: claims.tenantId,
    oid: claims.objectId,
    name: claims.name,
    preferred_username: claims.email,
    scp: staffScope,
    ver: '2.0',
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(claims.objectId)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${options.lifetimeSeconds ?? 8 * 3600}s`)
    .sign(key.privateKey);
}
