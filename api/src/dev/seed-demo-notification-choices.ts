import type { Db } from '../db/connect.js';
import { listContacts } from '../modules/contacts/repository.js';
import { findFirmByTenant } from '../modules/firms/repository.js';
import { findChoice, saveChoice } from '../modules/notification-choices/repository.js';
import { demoTenantId } from './seed-demo-firm.js';

/**
 * A client notification choice on the demo firm, once per data directory (after the
 * acknowledge-by demo, whose reminders went out under the default rules): Riya Kapoor asked to
 * be told by SMS, never between 21:00 and 07:30 London time. Staff see it beside her on the
 * Kapoor v Castle Insurance matter. Returns false when there is no demo firm or it was done.
 */
export async function seedDemoNotificationChoices(db: Db): Promise<boolean> {
  const firm = await findFirmByTenant(db, demoTenantId);
  if (!firm) return false;
  const [riya] = await listContacts(db, firm.id, { q: 'riya.kapoor@mail.example', limit: 1 });
  if (!riya || (await findChoice(db, firm.id, riya.id))) return false;
  await saveChoice(db, firm.id, {
    contactId: riya.id,
    channel: 'sms',
    quietStart: 21 * 60,
    quietEnd: 7 * 60 + 30,
    timeZone: 'Europe/London',
    dailyDigest: false,
  });
  return true;
}
