import { z } from 'zod';

export const ZDeviceAlert = z
  .object({
    id: z.uuid(),
    contactId: z.uuid(),
    contactName: z.string(),
    /** Signed in from a device (browser) never seen for this contact. */
    newDevice: z.boolean(),
    /** Signed in from a country never seen for this contact. */
    newCountry: z.boolean(),
    /** The browser and system, e.g. "Chrome on Windows". */
    device: z.string(),
    /** ISO 3166 alpha-2, or null when the address names no country. */
    country: z.string().nullable(),
    at: z.string(),
  })
  .openapi('DeviceAlert');
export type TDeviceAlert = z.infer<typeof ZDeviceAlert>;

export const ZDeviceAlertList = z.object({ items: z.array(ZDeviceAlert) }).openapi('DeviceAlertList');

export const ZEndSessionsResult = z
  .object({
    /** Portal sessions of the contact that were open and are now ended. */
    sessionsEnded: z.number().int(),
  })
  .openapi('EndSessionsResult');
