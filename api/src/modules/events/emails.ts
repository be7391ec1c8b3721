import type { Db } from '../../db/connect.js';
import { emailContactNotice, type TContactEmailDeps } from '../notifications/email-contact.js';
import { formatEventTime } from './format-event-time.js';
import type { TEventRow } from './repository.js';
import { renderEventEmail, type TEventChange } from '../notifications/templates/event-email.js';

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
      render: (to) =>
        renderEventEmail(to, {
          change,
          title: event.title,
          matterNumber: event.matterNumber,
          matterTitle: event.matterTitle,
          when,
          location: event.location,
          videoUrl: event.videoUrl,
        }),
    });
  }
}
