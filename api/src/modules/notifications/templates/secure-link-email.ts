import { translator, type TTranslate } from '../messages/email-messages.js';
import { firstNameOf, renderEmail, type TRenderedEmail } from '../render-email.js';

export type TSecureLinkEmail = {
  firmName: string;
  contactName: string;
  url: string;
  /** Never signed in before: the email explains what Confer is. */
  firstTime: boolean;
  reason: 'invited' | 'requested';
};

/** The email carrying a personal secure link: "get started" for people new to the portal. */
export function renderSecureLinkEmail(input: TSecureLinkEmail, t: TTranslate = translator()): TRenderedEmail {
  const firm = input.firmName;
  // someone who asked for a link gets the link they asked for, never an "invitation"
  const requested = input.reason === 'requested';
  const subject = requested
    ? t('secureLink.subject.requested', { firm })
    : input.firstTime
      ? t('secureLink.subject.invited', { firm })
      : t('secureLink.subject.started', { firm });
  return renderEmail({
    subject,
    heading: subject,
    paragraphs: [
      t('email.hello', { first: firstNameOf(input.contactName) }),
      ...(requested
        ? [t('secureLink.requested', { firm })]
        : input.firstTime
          ? [t('secureLink.firstTime', { firm })]
          : []),
      input.firstTime ? t('secureLink.howFirstTime') : t('secureLink.howAgain', { firm }),
      t('secureLink.doNotForward'),
    ],
    action: {
      label: input.firstTime && !requested ? t('secureLink.action.getStarted') : t('secureLink.action.open'),
      url: input.url,
    },
    footer: requested ? t('secureLink.footer.requested', { firm }) : t('secureLink.footer.invited', { firm }),
  });
}
