import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { RequestMeta } from '../../http/define-route.js';
import { recordAudit } from '../audit/record-audit.js';
import { getContact } from '../contacts/repository.js';
import type { TContactContext } from '../portal-auth/service.js';
import { toE164 } from '../sms/phone.js';
import { hhmmOf, isTimeZone, minutesOf } from './quiet-hours.js';
import * as repo from './repository.js';
import type { TNotificationChoice, TPortalNotificationChoice } from './schemas.js';

const invalid = (field: string, message: string, status = 400, code = 'validation_failed') =>
  new AppError(code, status, `body.${field}: ${message}`, { errors: [{ location: 'body', field, message }] });

/** The wire form of a stored choice (times as HH:MM). */
export function toNotificationChoice(choice: repo.TStoredChoice): TNotificationChoice {
  return {
    channel: choice.channel,
    quietStart: choice.quietStart === null ? null : hhmmOf(choice.quietStart),
    quietEnd: choice.quietEnd === null ? null : hhmmOf(choice.quietEnd),
    timeZone: choice.timeZone,
    dailyDigest: choice.dailyDigest,
  };
}

/** The signed-in contact's choice at this firm (the defaults when they never chose). */
export async function getMyChoice(db: Db, ctx: TContactContext): Promise<TPortalNotificationChoice> {
  const contact = await getContact(db, ctx.firmId, ctx.contactId);
  if (!contact) throw notFound('Contact');
  const choice = await repo.findChoice(db, ctx.firmId, ctx.contactId);
  return {
    ...toNotificationChoice(choice ?? repo.defaultChoice(ctx.contactId)),
    hasMobile: Boolean(contact.mobile && toE164(contact.mobile)),
    chosen: choice !== undefined,
  };
}

/**
 * Saves the signed-in contact's choice: a zone this server knows, quiet hours as both times or
 * neither (and not the same time), SMS only with a valid mobile on file. Audited.
 */
export async function saveMyChoice(
  db: Db,
  ctx: TContactContext,
  meta: RequestMeta,
  input: TNotificationChoice,
): Promise<TPortalNotificationChoice> {
  // The choice covers every conversation with this firm: a session opened by one conversation's
  // link alone (no code) must not silence the others.
  if (ctx.scopeConversationId !== null) {
    throw new AppError(
      'notification_choice_needs_full_sign_in',
      403,
      'Notification choices can be changed after signing in with your link and emailed code',
    );
  }
  if (!isTimeZone(input.timeZone)) throw invalid('timeZone', `${input.timeZone} is not a known time zone`);
  if ((input.quietStart === null) !== (input.quietEnd === null)) {
    const missing = input.quietStart === null ? 'quietStart' : 'quietEnd';
    throw invalid(missing, 'quiet hours need both a start and an end time');
  }
  if (input.quietStart !== null && input.quietStart === input.quietEnd) {
    throw invalid('quietEnd', 'quiet hours must end at a different time from when they start');
  }
  return db.transaction(async (tx) => {
    const contact = await getContact(tx, ctx.firmId, ctx.contactId);
    if (!contact?.active) throw notFound('Contact');
    const hasMobile = Boolean(contact.mobile && toE164(contact.mobile));
    if ((input.channel === 'sms' || input.channel === 'both') && !hasMobile) {
      throw invalid(
        'channel',
        'texts need a mobile number: ask the firm to add yours, or choose email',
        422,
        'sms_needs_mobile',
      );
    }
    const stored: repo.TStoredChoice = {
      contactId: ctx.contactId,
      channel: input.channel,
      quietStart: input.quietStart === null ? null : minutesOf(input.quietStart),
      quietEnd: input.quietEnd === null ? null : minutesOf(input.quietEnd),
      timeZone: input.timeZone,
      dailyDigest: input.dailyDigest,
    };
    await repo.saveChoice(tx, ctx.firmId, stored);
    await recordAudit(tx, {
      firmId: ctx.firmId,
      actorKind: 'contact',
      actorId: ctx.contactId,
      action: 'contact.notification_choice',
      outcome: 'success',
      targetKind: 'contact',
      targetId: ctx.contactId,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { channel: stored.channel, quietHours: stored.quietStart !== null, dailyDigest: stored.dailyDigest },
    });
    return { ...toNotificationChoice(stored), hasMobile, chosen: true };
  });
}
