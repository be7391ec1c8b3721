import { z } from 'zod';
import { ZUploadLimits } from '../files/schemas.js';

const ZToken = z.string().min(20).max(200);

export const ZOpenLink = z
  .object({
    token: ZToken,
    sendCode: z
      .boolean()
      .optional()
      .describe('Email a code even though the contact has a passkey (the fallback when the passkey is not at hand)'),
  })
  .strict()
  .openapi('PortalOpenLink');
export const ZVerifyCode = z
  .object({ attemptToken: ZToken, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') })
  .strict()
  .openapi('PortalVerifyCode');
export const ZResendCode = z.object({ attemptToken: ZToken }).strict().openapi('PortalResendCode');
export const ZRequestLink = z
  .object({ email: z.email('must be an email address').max(254), conversationId: z.uuid().optional() })
  .strict()
  .openapi('PortalRequestLink');
export const ZSwitchFirm = z.object({ firmId: z.uuid() }).strict().openapi('PortalSwitchFirm');

/** A session was opened (its cookie set): the token to send back as X-CSRF-Token. */
export const ZSignInGrant = z
  .object({ csrfToken: z.string(), conversationId: z.uuid().nullable() })
  .openapi('PortalSignInGrant');

export const ZOpenLinkResult = z
  .discriminatedUnion('state', [
    z.object({
      state: z.literal('code_sent'),
      attemptToken: z.string(),
      firmName: z.string(),
      contactName: z.string(),
      firstTime: z.boolean(),
      conversationId: z.uuid().nullable(),
    }),
    z.object({
      state: z.literal('signed_in'),
      csrfToken: z.string(),
      conversationId: z.uuid().nullable(),
      firmName: z.string(),
      contactName: z.string(),
      firstTime: z.boolean(),
    }),
    z
      .object({
        state: z.literal('passkey'),
        firmName: z.string(),
        contactName: z.string(),
        firstTime: z.literal(false),
        conversationId: z.uuid().nullable(),
      })
      .describe(
        'The contact has a passkey: sign in with it (auth/passkey/options, then auth/passkey), or open again with sendCode',
      ),
  ])
  .openapi('PortalOpenLinkResult');

export const ZRequestLinkAnswer = z.object({ message: z.string() }).openapi('PortalRequestLinkAnswer');

export const ZSwitchFirmResult = z
  .object({ attemptToken: z.string(), firmName: z.string() })
  .openapi('PortalSwitchFirmResult');

export const ZPortalSession = z
  .object({
    contact: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['client', 'third_party']) }),
    firm: z.object({ id: z.uuid(), name: z.string() }),
    csrfToken: z.string(),
    scopeConversationId: z
      .uuid()
      .nullable()
      .describe('Set when the session may only see one conversation (a link that needs no code)'),
    otherFirms: z.array(z.object({ firmId: z.uuid(), firmName: z.string() })),
    uploads: ZUploadLimits,
  })
  .openapi('PortalSession');
