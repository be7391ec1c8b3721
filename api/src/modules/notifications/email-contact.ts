import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import { portalLinkUrl } from '../portal-auth/emails.js';
import { issueSecureLink } from '../portal-auth/service.js';
import type { Notifier } from './notifier.js';
import type { TRenderedEmail } from './render-email.js';
import type { TNoticeRecipient } from './templates/contact-notice.js';

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
    /** The email's template, given the firm, the contact and their fresh link. */
    render: (to: TNoticeRecipient) => TRenderedEmail;
  },
): Promise<boolean> {
  // one transaction is one connection: its queries go one after another
  const contact = await getContact(tx, input.firmId, input.contactId);
  const firm = await getFirm(tx, input.firmId);
  if (!contact?.active || !contact.email || !firm) return false;
  const token = await issueSecureLink({ ...deps, db: tx }, tx, {
    firmId: input.firmId,
    contactId: contact.id,
    conversationId: null,
  });
  const email = input.render({
    firmName: firm.name,
    contactName: contact.name,
    url: portalLinkUrl(deps.config.publicBaseUrl, token),
  });
  await deps.notifier.queueEmail(tx, { firmId: input.firmId, to: contact.email, kind: input.kind, ...email });
  return true;
}
