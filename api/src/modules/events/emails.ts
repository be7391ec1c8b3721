import type { Db } from '../../db/connect.js';
import { emailContactNotice, type TContactEmailDeps } from '../notifications/email-contact.js';
import { formatEventTime } from './format-event-time.js';
import type { TEventRow } from './repository.js';

export type TEventChange = 'added' | 'changed' | 'cancelled';

const subjects: Record<TEventChange, (title: string, firm: string) => string> = {
  added: (title, firm) => `${firm} has invited you to: ${title}`,
  changed: (title, firm) => `Changed by ${firm}: ${title}`,
  cancelled: (title, firm) => `Cancelled by ${firm}: ${title}`,
};

/** Tells each attendee (who has an email address) that an event was added, changed or cancelled. */
export async function emailAttendees(
  deps: TContactEmailDeps,
  tx: Db,
  event: TEventRow,
  contactIds: string[],
  change: TEventChange,
): Promise<void> {
  const when = formatEventTime(event.startsAt, event.endsAt, event.timeZone);
  for (const contactId of new Set(contactIds)) {
    await emailContactNotice(deps, tx, {
      firmId: event.firmId,
      contactId,
      kind: `event_${change}`,
      subject: (firm) => subjects[change](event.title, firm),
      paragraphs: (firm) => [
        change === 'added'
          ? `${firm} has added an appointment for matter ${event.matterNumber} (${event.matterTitle}).`
          : change === 'changed'
            ? `${firm} has changed an appointment for matter ${event.matterNumber} (${event.matterTitle}). Here are the details as they are now.`
            : `${firm} has cancelled this appointment for matter ${event.matterNumber} (${event.matterTitle}).`,
        `${event.title}`,
        `When: ${when}`,
        ...(event.location ? [`Where: ${event.location}`] : []),
        ...(event.videoUrl ? [`Video call: ${event.videoUrl}`] : []),
        ...(change === 'cancelled'
          ? []
          : ['You can add it to your calendar from the Events page of the secure portal.']),
      ],
      actionLabel: 'Open the secure portal',
    });
  }
}
