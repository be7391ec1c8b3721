import type { Contact } from '@confer/ui';
import { t } from '../messages';

/** "Notified by SMS · quiet 22:00–07:00 Europe/London · daily digest": a contact's notification choice in a line. */
export function notificationChoiceLine(choice: NonNullable<Contact['notificationChoice']>): string {
  const parts = [t.matters.notifiedBy[choice.channel]];
  if (choice.quietStart && choice.quietEnd) {
    parts.push(t.matters.quietHours(choice.quietStart, choice.quietEnd, choice.timeZone));
  }
  if (choice.dailyDigest) parts.push(t.matters.dailyDigest);
  return parts.join(' · ');
}
