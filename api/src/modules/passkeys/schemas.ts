import { z } from 'zod';

const ZBase64Url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

const ZToken = z.string().min(20).max(200);

const ZClientExtensionResults = z.record(z.string(), z.unknown());

/** What the browser's navigator.credentials.create() gave, as JSON (@simplewebauthn/browser's startRegistration). */
export const ZPasskeyRegistrationResponse = z
  .object({
    id: ZBase64Url(1400),
    rawId: ZBase64Url(1400),
    type: z.literal('public-key'),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: ZClientExtensionResults,
    response: z.looseObject({
      clientDataJSON: ZBase64Url(8_000),
      attestationObject: ZBase64Url(32_000),
      transports: z.array(z.string().max(40)).max(10).optional(),
    }),
  })
  .openapi('PasskeyRegistrationResponse');

/** What the browser's navigator.credentials.get() gave, as JSON (startAuthentication). */
export const ZPasskeyAuthenticationResponse = z
  .object({
    id: ZBase64Url(1400),
    rawId: ZBase64Url(1400),
    type: z.literal('public-key'),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: ZClientExtensionResults,
    response: z.looseObject({
      clientDataJSON: ZBase64Url(8_000),
      authenticatorData: ZBase64Url(8_000),
      signature: ZBase64Url(2_000),
      userHandle: ZBase64Url(200).optional(),
    }),
  })
  .openapi('PasskeyAuthenticationResponse');

/** Options for the browser's WebAuthn call (PublicKeyCredentialCreationOptionsJSON or ...RequestOptionsJSON). */
export const ZPasskeyOptions = z
  .object({
    options: z
      .looseObject({ challenge: z.string(), timeout: z.number().optional(), rpId: z.string().optional() })
      .describe('Pass to @simplewebauthn/browser as optionsJSON'),
  })
  .openapi('PasskeyOptions');

export const ZAddPasskey = z.object({ response: ZPasskeyRegistrationResponse }).strict().openapi('PortalAddPasskey');

export const ZPasskeySignInOptions = z.object({ token: ZToken }).strict().openapi('PortalPasskeySignInOptions');

export const ZPasskeySignIn = z
  .object({ token: ZToken, response: ZPasskeyAuthenticationResponse })
  .strict()
  .openapi('PortalPasskeySignIn');

export const ZPasskey = z
  .object({
    id: z.uuid(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    synced: z.boolean().describe('A passkey the device syncs to the person’s other devices (multi-device)'),
  })
  .openapi('Passkey');
export type TPasskey = z.infer<typeof ZPasskey>;

export const ZPasskeyList = z.object({ items: z.array(ZPasskey) }).openapi('PasskeyList');

export const ZPasskeyIdParams = z.object({ passkeyId: z.uuid() }).strict();
export const ZContactPasskeyParams = z.object({ id: z.uuid(), passkeyId: z.uuid() }).strict();
