import type { Db } from '../../db/connect.js';
import type { Notifier } from '../notifications/notifier.js';
import { renderEmail } from '../notifications/render-email.js';

export const portalLinkUrl = (baseUrl: string, token: string) => `${baseUrl}/portal/#link=${token}`;

/** The email carrying a personal secure link: "get started" for people new to the portal. */
export async function emailSecureLink(
  db: Db,
  notifier: Notifier,
  input: {
    firmId: string;
    firmName: string;
    to: string;
    contactName: string;
    url: string;
    firstTime: boolean;
    reason: 'invited' | 'requested';
  },
): Promise<void> {
  const first = input.contactName.split(/\s+/u)[0] ?? input.contactName;
  const requested = input.reason === 'requested';
  // Someone who asked for a link gets the link they asked for, never an "invitation".
  const heading = requested
    ? `Your new secure link from ${input.firmName}`
    : input.firstTime
      ? `${input.firmName} has invited you to a secure conversation`
      : `${input.firmName} has started a secure conversation with you`;
  const paragraphs = [
    `Hello ${first},`,
    ...(requested
      ? [`Here is your new link, as you asked, to your secure conversations with ${input.firmName}.`]
      : input.firstTime
        ? [
            `${input.firmName} uses Confer to exchange messages and documents with you securely, instead of ordinary email.`,
          ]
        : []),
    input.firstTime
      ? 'Open your personal link below, then enter the 6-digit code we email you. There is no password to remember.'
      : `Open your personal link to read and reply to ${input.firmName}. We will email you a 6-digit code to confirm it is you.`,
    'The link is personal to you and works for 7 days. Please do not forward it.',
  ];
  const { text, html } = renderEmail({
    heading,
    paragraphs,
    action: { label: input.firstTime && !requested ? 'Get started' : 'Open secure conversation', url: input.url },
    footer: requested
      ? `Sent by Confer on behalf of ${input.firmName}. If you did not ask for a new link, you can ignore this email.`
      : `Sent by Confer on behalf of ${input.firmName}. If you were not expecting this, you can ignore it.`,
  });
  await notifier.queueEmail(db, {
    firmId: input.firmId,
    to: input.to,
    subject: heading,
    text,
    html,
    kind: 'secure_link',
  });
}

/** The one-time code email: sent at once, never batched. */
export async function emailSignInCode(
  db: Db,
  notifier: Notifier,
  input: { firmId: string; firmName: string; to: string; code: string },
): Promise<void> {
  const { text, html } = renderEmail({
    heading: `Your ${input.firmName} sign-in code: ${input.code}`,
    paragraphs: [
      `Enter this code to open your secure conversation with ${input.firmName}: ${input.code}`,
      'It works once and expires in 10 minutes. Nobody from the firm will ever ask you for it.',
    ],
    footer: 'If you did not try to sign in, you can ignore this email.',
  });
  await notifier.queueEmail(db, {
    firmId: input.firmId,
    to: input.to,
    subject: `Your sign-in code: ${input.code}`,
    text,
    html,
    kind: 'sign_in_code',
  });
}
