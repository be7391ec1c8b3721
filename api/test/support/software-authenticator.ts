import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A passkey authenticator in software, for API tests: an ES256 key pair per credential,
 * "none" attestation, user presence and verification flags, a signature counter. It builds the
 * same JSON a browser's navigator.credentials.create()/get() gives (@simplewebauthn/browser),
 * with its own clientDataJSON, so tests can answer with another origin or challenge too.
 */

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** The few CBOR shapes WebAuthn needs: unsigned and negative integers, byte and text strings, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Map) {
    const parts: Uint8Array[] = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cbor(k), cbor(v));
    return Buffer.concat(parts);
  }
  throw new Error(`cannot encode ${typeof value}`);
}

export type TSoftwareCredential = { id: string; privateKey: KeyObject; publicKey: KeyObject; counter: number };

export type TCeremonyOptions = { challenge: string; rpId?: string; rp?: { id?: string } };

export type TAnswerOverrides = { origin?: string; challenge?: string; rpId?: string; userVerified?: boolean };

export function createSoftwareAuthenticator(defaults: { origin: string; rpId: string }) {
  const credentials: TSoftwareCredential[] = [];

  const flagsFor = (overrides: TAnswerOverrides, attested: boolean) =>
    0x01 | (overrides.userVerified === false ? 0 : 0x04) | (attested ? 0x40 : 0);

  const clientData = (type: string, challenge: string, overrides: TAnswerOverrides) =>
    Buffer.from(
      JSON.stringify({
        type,
        challenge: overrides.challenge ?? challenge,
        origin: overrides.origin ?? defaults.origin,
        crossOrigin: false,
      }),
      'utf8',
    );

  return {
    credentials,

    /** What navigator.credentials.create() answers: a new credential, "none" attestation. */
    register(options: TCeremonyOptions, overrides: TAnswerOverrides = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const credential: TSoftwareCredential = {
        id: randomBytes(16).toString('base64url'),
        privateKey,
        publicKey,
        counter: 0,
      };
      credentials.push(credential);
      const jwk = publicKey.export({ format: 'jwk' });
      const coseKey = cbor(
        new Map<number, unknown>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, Buffer.from(jwk.x!, 'base64url')],
          [-3, Buffer.from(jwk.y!, 'base64url')],
        ]),
      );
      const credentialId = Buffer.from(credential.id, 'base64url');
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        sha256(overrides.rpId ?? defaults.rpId),
        Buffer.from([flagsFor(overrides, true)]),
        Buffer.alloc(4), // counter 0
        Buffer.alloc(16), // AAGUID: none
        idLength,
        credentialId,
        coseKey,
      ]);
      const attestationObject = cbor(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      );
      return {
        credential,
        response: {
          id: credential.id,
          rawId: credential.id,
          type: 'public-key' as const,
          authenticatorAttachment: 'platform' as const,
          clientExtensionResults: {},
          response: {
            clientDataJSON: clientData('webauthn.create', options.challenge, overrides).toString('base64url'),
            attestationObject: attestationObject.toString('base64url'),
            transports: ['internal'],
          },
        },
      };
    },

    /** What navigator.credentials.get() answers, signed by `credential` (the first one by default). */
    assert(
      options: TCeremonyOptions,
      overrides: TAnswerOverrides & { credential?: TSoftwareCredential; signWith?: KeyObject } = {},
    ) {
      const credential = overrides.credential ?? credentials[0];
      if (!credential) throw new Error('no credential registered');
      credential.counter += 1;
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(credential.counter);
      const authData = Buffer.concat([
        sha256(overrides.rpId ?? defaults.rpId),
        Buffer.from([flagsFor(overrides, false)]),
        counter,
      ]);
      const clientDataJSON = clientData('webauthn.get', options.challenge, overrides);
      const signature = sign(
        'sha256',
        Buffer.concat([authData, sha256(clientDataJSON)]),
        overrides.signWith ?? credential.privateKey,
      );
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key' as const,
        authenticatorAttachment: 'platform' as const,
        clientExtensionResults: {},
        response: {
          clientDataJSON: clientDataJSON.toString('base64url'),
          authenticatorData: authData.toString('base64url'),
          signature: signature.toString('base64url'),
        },
      };
    },
  };
}
