import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import { portalLinkUrl } from '../portal-auth/emails.js';
import { issueSecureLink } from '../portal-auth/service.js';
import type { Notifier } from './notifier.js';
import { renderEmail } from './render-email.js';

export type TContactEmailDeps = { config: TConfig; clock: Clock; notifier: Notifier };

/**
 * Emails a contact about something waiting for them in the portal (an event, a form), with a
 * fresh personal link to the portal home, like the new-message emails. Skipped for contacts
 * without an email address or disabled. In the caller's transaction.
 */
export async function emailContactNotice(
  deps: TContactEmailDeps,
  tx: Db,
  input: {
    firmId: string;
    contactId: string;
    kind: string;
    subject: (firmName: string) => string;
    paragraphs: (firmName: string) => string[];
    actionLabel: string;
  },
): Promise<boolean> {
  const [contact, firm] = await Promise.all([getContact(tx, input.firmId, input.contactId), getFirm(tx, input.firmId)]);
  if (!contact?.active || !contact.email || !firm) return false;
  const token = await issueSecureLink({ ...deps, db: tx }, tx, {
    firmId: input.firmId,
    contactId: contact.id,
    conversationId: null,
  });
  const first = contact.name.split(/\s+/u)[0] ?? contact.name;
  const subject = input.subject(firm.name);
  const { text, html } = renderEmail({
    heading: subject,
    paragraphs: [
      `Hello ${first},`,
      ...input.paragraphs(firm.name),
      'Your personal link works for 7 days. Please do not forward this email.',
    ],
    action: { label: input.actionLabel, url: portalLinkUrl(deps.config.publicBaseUrl, token) },
    footer: `Sent by Confer on behalf of ${firm.name}.`,
  });
  await deps.notifier.queueEmail(tx, {
    firmId: input.firmId,
    to: contact.email,
    subject,
    text,
    html,
    kind: input.kind,
  });
  return true;
}
