import { z } from 'zod';
import { isCountryCode, toE164 } from '../sms/phone.js';

export const ZFirmSettings = z
  .object({
    /** The firm's own ACS number for texts (E.164); null: the deployment's default. */
    smsSenderNumber: z.string().nullable(),
    /** Countries whose mobiles may be texted (ISO 3166 alpha-2). */
    smsAllowedCountries: z.array(z.string()),
    /** Minutes a client has to see a new message in the portal before it is emailed to them. */
    unseenEmailDelayMinutes: z.number().int(),
    /** The number texts actually come from now (the firm's, else the deployment default), or null: texting is off. */
    effectiveSmsSenderNumber: z.string().nullable(),
  })
  .openapi('FirmSettings');

export const ZUpdateFirmSettings = z
  .object({
    /** E.164 (spaces allowed, normalised); null or '' removes it (the deployment default applies). */
    smsSenderNumber: z
      .string()
      .max(32)
      .refine(
        (v) => v.trim() === '' || toE164(v) !== undefined,
        'must be a phone number in international format, e.g. +447700900123',
      )
      .nullable()
      .optional(),
    smsAllowedCountries: z
      .array(
        z
          .string()
          .refine((c) => isCountryCode(c.trim().toUpperCase()), 'each must be an ISO 3166 country code such as GB'),
      )
      .min(1, 'list at least one country')
      .max(250)
      .optional(),
    unseenEmailDelayMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
  })
  .strict()
  .openapi('UpdateFirmSettings');
export type TUpdateFirmSettings = z.infer<typeof ZUpdateFirmSettings>;

/** `npm run firm -- create`: a firm, its Entra tenant and its first admin. */
export const ZOnboardFirm = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    tenant: z.uuid('must be the Entra tenant id (a GUID)'),
    admin: z.email('must be an email address'),
    adminName: z.string().trim().min(1).max(200).optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, 'must be an ISO 3166 country code such as GB')
      .default('GB'),
  })
  .strict();
export type TOnboardFirm = z.infer<typeof ZOnboardFirm>;
