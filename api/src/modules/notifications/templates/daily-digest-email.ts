import { translator, type TTranslate } from '../messages/email-messages.js';
import { firstNameOf, renderEmail, type TRenderedEmail } from '../render-email.js';

/**
 * The daily digest a client chose instead of an email per message: each conversation's title
 * and how many messages wait unread, never their text.
 */
export function renderDailyDigestEmail(
  input: {
    firmName: string;
    contactName: string;
    url: string;
    conversations: Array<{ title: string; unseen: number }>;
  },
  t: TTranslate = translator(),
): TRenderedEmail {
  const firm = input.firmName;
  const subject = t('digest.subject', { firm });
  const paragraphs = [t('email.hello', { first: firstNameOf(input.contactName) }), t('digest.intro')];
  for (const c of input.conversations) {
    paragraphs.push(
      c.unseen === 1
        ? t('digest.in.one', { title: c.title })
        : t('digest.in.other', { title: c.title, count: c.unseen }),
    );
  }
  paragraphs.push(t('email.linkIsPersonal'));
  return renderEmail({
    subject,
    heading: subject,
    paragraphs,
    action: { label: t('digest.action'), url: input.url },
    footer: t('digest.footer', { firm }),
  });
}
