import { translator, type TTranslate } from '../messages/email-messages.js';
import type { TRenderedEmail } from '../render-email.js';
import { renderContactNotice, type TNoticeRecipient } from './contact-notice.js';

/** A new outstanding invoice, to the matter's engaged clients. */
export function renderInvoiceEmail(
  to: TNoticeRecipient,
  invoice: { number: string; matterNumber: string; matterTitle: string; currency: string; amount: string; due: string },
  t: TTranslate = translator(),
): TRenderedEmail {
  const firm = to.firmName;
  const { number, matterNumber, matterTitle, currency, amount, due } = invoice;
  return renderContactNotice(t, to, {
    subject: t('invoice.subject', { firm, number }),
    paragraphs: [
      t('invoice.intro', { firm, number, matterNumber, matterTitle }),
      t('invoice.amount', { currency, amount, due }),
      t('invoice.payInPortal'),
    ],
    actionLabel: t('invoice.action'),
  });
}
