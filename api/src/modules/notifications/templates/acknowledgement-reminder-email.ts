import { translator, type TTranslate } from '../messages/email-messages.js';
import type { TRenderedEmail } from '../render-email.js';
import { renderContactNotice, type TNoticeRecipient } from './contact-notice.js';

export type TAcknowledgementReminder = {
  kind: 'read' | 'reply';
  /** The staff member who sent the message. */
  author: string;
  /** The conversation's title (never the message text). */
  title: string;
  /** The deadline, already written in the firm's time zone. */
  due: string;
};

/** The halfway reminder of a message that needs acknowledging or a reply, to one client. */
export function renderAcknowledgementReminder(
  to: TNoticeRecipient,
  reminder: TAcknowledgementReminder,
  t: TTranslate = translator(),
): TRenderedEmail {
  const values = { firm: to.firmName, author: reminder.author, due: reminder.due, title: reminder.title };
  const read = reminder.kind === 'read';
  return renderContactNotice(t, to, {
    subject: read
      ? t('acknowledgement.subject.read', { firm: to.firmName })
      : t('acknowledgement.subject.reply', { firm: to.firmName }),
    paragraphs: [
      read ? t('acknowledgement.intro.read', values) : t('acknowledgement.intro.reply', values),
      read ? t('acknowledgement.how.read') : t('acknowledgement.how.reply'),
    ],
    actionLabel: t('acknowledgement.action'),
  });
}
