import { z } from 'zod';

export const ZNotificationChannel = z.enum(['email', 'sms', 'both', 'acknowledgements_only']);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

const ZTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'must be a time of day, HH:MM (24-hour)');

/**
 * How a contact wants to hear of new messages from this firm: by email, SMS, both, or only
 * acknowledge-by reminders; quiet hours (both times or neither, in `timeZone`, an IANA zone);
 * a daily digest instead of per-message emails.
 */
export const ZNotificationChoice = z
  .object({
    channel: ZNotificationChannel,
    quietStart: ZTimeOfDay.nullable(),
    quietEnd: ZTimeOfDay.nullable(),
    timeZone: z.string().min(1).max(64),
    dailyDigest: z.boolean(),
  })
  .strict()
  .openapi('NotificationChoice');
export type TNotificationChoice = z.infer<typeof ZNotificationChoice>;

/** The portal's view: the choice, whether the contact has a mobile on file (SMS needs one), whether they ever chose. */
export const ZPortalNotificationChoice = ZNotificationChoice.extend({
  hasMobile: z.boolean(),
  /** False until the contact first saves a choice (then the defaults apply). */
  chosen: z.boolean(),
}).openapi('PortalNotificationChoice');
export type TPortalNotificationChoice = z.infer<typeof ZPortalNotificationChoice>;
