import { translator, type TTranslate } from '../messages/email-messages.js';
import type { TRenderedEmail } from '../render-email.js';
import { renderContactNotice, type TNoticeRecipient } from './contact-notice.js';

/** A form sent to a client to complete. */
export function renderFormRequestEmail(
  to: TNoticeRecipient,
  form: { title: string; matterNumber: string; matterTitle: string },
  t: TTranslate = translator(),
): TRenderedEmail {
  const firm = to.firmName;
  return renderContactNotice(t, to, {
    subject: t('form.subject', { firm, title: form.title }),
    paragraphs: [
      t('form.intro', { firm, title: form.title, matterNumber: form.matterNumber, matterTitle: form.matterTitle }),
      t('form.drafts'),
    ],
    actionLabel: t('form.action'),
  });
}
