import { translator, type TTranslate } from '../messages/email-messages.js';
import type { TRenderedEmail } from '../render-email.js';
import { renderContactNotice, type TNoticeRecipient } from './contact-notice.js';

export type TEventChange = 'added' | 'changed' | 'cancelled';

export type TEventEmail = {
  change: TEventChange;
  title: string;
  matterNumber: string;
  matterTitle: string;
  /** Already formatted in the event's time zone. */
  when: string;
  location: string | null;
  videoUrl: string | null;
};

/** An appointment added, changed or cancelled, to one attendee. */
export function renderEventEmail(
  to: TNoticeRecipient,
  event: TEventEmail,
  t: TTranslate = translator(),
): TRenderedEmail {
  const firm = to.firmName;
  const { title, matterNumber, matterTitle } = event;
  const subject = {
    added: () => t('event.subject.added', { firm, title }),
    changed: () => t('event.subject.changed', { firm, title }),
    cancelled: () => t('event.subject.cancelled', { firm, title }),
  }[event.change]();
  const intro = {
    added: () => t('event.intro.added', { firm, matterNumber, matterTitle }),
    changed: () => t('event.intro.changed', { firm, matterNumber, matterTitle }),
    cancelled: () => t('event.intro.cancelled', { firm, matterNumber, matterTitle }),
  }[event.change]();
  return renderContactNotice(t, to, {
    subject,
    paragraphs: [
      intro,
      title,
      t('event.when', { when: event.when }),
      ...(event.location ? [t('event.where', { where: event.location })] : []),
      ...(event.videoUrl ? [t('event.video', { url: event.videoUrl })] : []),
      ...(event.change === 'cancelled' ? [] : [t('event.addToCalendar')]),
    ],
    actionLabel: t('event.action'),
  });
}
