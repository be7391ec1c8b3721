import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { getContact } from '../contacts/repository.js';
import { requireVisibleConversation } from '../conversations/service.js';
import { lockContact } from '../portal-auth/repository.js';
import { endContactAccess, type TMeta } from '../portal-auth/service.js';
import { hashToken, newToken } from '../portal-auth/tokens.js';
import * as repo from './repository.js';
import type { TDeviceAlert } from './schemas.js';
import { summarizeUserAgent } from './summarize-user-agent.js';

export type TDeviceDeps = { db: Db; clock: Clock };

/** Live events to the staff of the contact's conversations (the staff app shows and hides the notice). */
export const deviceAlertEventType = 'device.alert';
export const deviceAlertsClosedEventType = 'device.alerts_closed';

/** How long an alert nobody acted on stays in the conversation. */
const alertShownDays = 14;

function toDeviceAlert(row: repo.TDeviceAlertRow, contactName: string): TDeviceAlert {
  return {
    id: row.id,
    contactId: row.contactId,
    contactName,
    newDevice: row.newDevice,
    newCountry: row.newCountry,
    device: row.userAgent,
    country: row.country,
    at: row.at.toISOString(),
  };
}

/** Tells the staff of each of the contact's open client conversations, in the caller's transaction. */
async function tellConversationStaff(
  tx: Db,
  firmId: string,
  contactId: string,
  type: string,
  payload: Record<string, unknown>,
) {
  for (const c of await repo.listContactConversationStaff(tx, firmId, contactId)) {
    if (!c.staff_ids?.length) continue;
    await publishEvent(tx, {
      firmId,
      type,
      conversationId: c.conversation_id,
      staffIds: c.staff_ids,
      payload: { ...payload, conversationId: c.conversation_id },
    });
  }
}

/**
 * A portal sign-in from the browser holding `deviceToken` (undefined: it has none yet). The
 * device is recorded (hash only); if the contact had signed in before from other devices and
 * this one is new, or the country was never seen for them, staff are told in the contact's
 * conversations and the sign-in is audited as `portal.new_device`. The first device of a
 * contact is not new, and a sign-in without a country (loopback, private addresses) never
 * counts as a new country; neither does the first country ever seen. Returns the device token
 * for the cookie (the same one, or a new one).
 */
export async function recordSignInDevice(
  deps: TDeviceDeps,
  input: {
    firmId: string;
    contactId: string;
    deviceToken: string | undefined;
    userAgent: string | undefined;
    country: string | undefined;
    meta: TMeta;
  },
): Promise<string> {
  const { firmId, contactId } = input;
  const token = input.deviceToken ?? newToken();
  const deviceHash = hashToken(token);
  const device = summarizeUserAgent(input.userAgent);
  const country = input.country ?? null;
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    // parallel sign-ins of one contact are judged one after another
    await lockContact(tx, firmId, contactId);
    const known = await repo.listDevices(tx, firmId, contactId);
    const seenCountries = new Set(known.flatMap((d) => d.countries));
    const newDevice = known.length > 0 && !known.some((d) => d.deviceHash === deviceHash);
    const newCountry = country !== null && seenCountries.size > 0 && !seenCountries.has(country);
    await repo.upsertDevice(tx, firmId, { contactId, deviceHash, userAgent: device, country, at });
    if (!newDevice && !newCountry) return;
    const contact = await getContact(tx, firmId, contactId);
    const alert = await repo.insertAlert(tx, firmId, {
      contactId,
      deviceHash,
      newDevice,
      newCountry,
      userAgent: device,
      country,
      at,
    });
    await tellConversationStaff(tx, firmId, contactId, deviceAlertEventType, {
      alert: toDeviceAlert(alert, contact?.name ?? ''),
    });
    await recordAudit(tx, {
      firmId,
      actorKind: 'contact',
      actorId: contactId,
      action: 'portal.new_device',
      outcome: 'success',
      requestId: input.meta.requestId,
      ip: input.meta.ip,
      details: { alertId: alert.id, newDevice, newCountry, device, country },
    });
  });
  return token;
}

/** The open alerts about the clients and third parties of a conversation the caller may see. */
export async function listConversationAlerts(deps: TDeviceDeps, ctx: StaffContext, conversationId: string) {
  const conversation = await requireVisibleConversation(deps.db, ctx, conversationId);
  if (conversation.kind !== 'external_matter') return { items: [] };
  const contactIds = await repo.listActiveContactIds(deps.db, ctx.firmId, conversationId);
  const since = new Date(deps.clock.now().getTime() - alertShownDays * 24 * 3_600_000);
  const rows = await repo.listOpenAlerts(deps.db, ctx.firmId, contactIds, since);
  return { items: rows.map((r) => toDeviceAlert(r.alert, r.contactName)) };
}

/**
 * "End their sessions": every portal session of the contact ends and their event streams
 * close (what disabling them does, without disabling them: their secure links still work, with
 * the emailed code where the conversation asks for one), their open alerts are closed, and it
 * is audited as `contact.end_sessions`.
 */
export async function endContactSessions(deps: TDeviceDeps, ctx: StaffContext, contactId: string, meta: TMeta) {
  const contact = await getContact(deps.db, ctx.firmId, contactId);
  if (!contact) throw notFound('Contact');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const sessionsEnded = await repo.countOpenSessions(tx, ctx.firmId, contactId, now);
    await endContactAccess(tx, deps.clock, ctx.firmId, contactId, { sessionsOnly: true });
    const alertIds = await repo.closeAlerts(tx, ctx.firmId, contactId, ctx.staffId, now);
    await tellConversationStaff(tx, ctx.firmId, contactId, deviceAlertsClosedEventType, { contactId });
    await recordAudit(tx, {
      firmId: ctx.firmId,
      actorKind: 'staff',
      actorId: ctx.staffId,
      action: 'contact.end_sessions',
      outcome: 'success',
      targetKind: 'contact',
      targetId: contactId,
      requestId: meta.requestId,
      ip: meta.ip,
      details: { sessionsEnded, alertIds },
    });
    return { sessionsEnded };
  });
}
