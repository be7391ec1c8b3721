import { translator, type TTranslate } from '../messages/email-messages.js';
import { renderEmail, type TRenderedEmail } from '../render-email.js';

/** The one-time sign-in code email. */
export function renderSignInCodeEmail(
  input: { firmName: string; code: string },
  t: TTranslate = translator(),
): TRenderedEmail {
  const { code } = input;
  const firm = input.firmName;
  return renderEmail({
    subject: t('signInCode.subject', { code }),
    heading: t('signInCode.heading', { firm, code }),
    paragraphs: [t('signInCode.enter', { firm, code }), t('signInCode.once')],
    footer: t('signInCode.footer'),
  });
}
