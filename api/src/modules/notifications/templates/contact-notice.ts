import type { TTranslate } from '../messages/email-messages.js';
import { firstNameOf, renderEmail, type TRenderedEmail } from '../render-email.js';

/** Who a notice goes to and the personal portal link it carries (filled in by `emailContactNotice`). */
export type TNoticeRecipient = { firmName: string; contactName: string; url: string };

/** The frame of the "something is waiting for you in the portal" emails (events, forms, invoices). */
export function renderContactNotice(
  t: TTranslate,
  to: TNoticeRecipient,
  content: { subject: string; paragraphs: string[]; actionLabel: string },
): TRenderedEmail {
  return renderEmail({
    subject: content.subject,
    heading: content.subject,
    paragraphs: [
      t('email.hello', { first: firstNameOf(to.contactName) }),
      ...content.paragraphs,
      t('email.linkIsPersonal'),
    ],
    action: { label: content.actionLabel, url: to.url },
    footer: t('email.sentOnBehalf', { firm: to.firmName }),
  });
}
