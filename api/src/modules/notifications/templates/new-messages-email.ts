import { translator, type TTranslate } from '../messages/email-messages.js';
import { firstNameOf, renderEmail, type TRenderedEmail } from '../render-email.js';

export type TNewMessagesConversation = {
  title: string;
  unseen: number;
  requireMfa: boolean;
  /** The latest unseen messages, oldest first; always empty when the conversation requires two-factor sign-in. */
  previews: Array<{ author: string; body: string }>;
};

const clip = (s: string, max: number) => {
  const chars = Array.from(s.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};

/**
 * The new-message email. Conversations that require two-factor sign-in never have their
 * message text in it: only that there is something new, and the link.
 */
export function renderNewMessagesEmail(
  input: { firmName: string; contactName: string; url: string; conversations: TNewMessagesConversation[] },
  t: TTranslate = translator(),
): TRenderedEmail {
  const firm = input.firmName;
  const total = input.conversations.reduce((n, c) => n + c.unseen, 0);
  const subject =
    total === 1 ? t('newMessages.subject.one', { firm }) : t('newMessages.subject.other', { firm, count: total });
  const paragraphs = [t('email.hello', { first: firstNameOf(input.contactName) })];
  for (const c of input.conversations) {
    paragraphs.push(
      c.unseen === 1
        ? t('newMessages.in.one', { title: c.title })
        : t('newMessages.in.other', { title: c.title, count: c.unseen }),
    );
    if (c.requireMfa) paragraphs.push(t('newMessages.signInToRead'));
    else
      for (const p of c.previews)
        paragraphs.push(t('newMessages.preview', { author: p.author, body: clip(p.body, 500) }));
  }
  paragraphs.push(t('email.linkIsPersonal'));
  return renderEmail({
    subject,
    heading: subject,
    paragraphs,
    action: {
      label: total === 1 ? t('newMessages.action.one') : t('newMessages.action.other'),
      url: input.url,
    },
    footer: t('newMessages.footer', { firm }),
  });
}
