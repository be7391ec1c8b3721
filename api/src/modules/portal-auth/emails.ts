import type { Db } from '../../db/connect.js';
import type { Notifier } from '../notifications/notifier.js';
import { renderSecureLinkEmail, type TSecureLinkEmail } from '../notifications/templates/secure-link-email.js';
import { renderSignInCodeEmail } from '../notifications/templates/sign-in-code-email.js';

export const portalLinkUrl = (baseUrl: string, token: string) => `${baseUrl}/portal/#link=${token}`;

/** Queues the email carrying a personal secure link (see its template). */
export async function emailSecureLink(
  db: Db,
  notifier: Notifier,
  input: TSecureLinkEmail & { firmId: string; to: string },
): Promise<void> {
  await notifier.queueEmail(db, {
    firmId: input.firmId,
    to: input.to,
    kind: 'secure_link',
    ...renderSecureLinkEmail(input),
  });
}

/** Queues the one-time code email: sent at once, never batched. */
export async function emailSignInCode(
  db: Db,
  notifier: Notifier,
  input: { firmId: string; firmName: string; to: string; code: string },
): Promise<void> {
  await notifier.queueEmail(db, {
    firmId: input.firmId,
    to: input.to,
    kind: 'sign_in_code',
    ...renderSignInCodeEmail(input),
  });
}
