import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import { portalLinkUrl } from '../portal-auth/emails.js';
import { issueSecureLink } from '../portal-auth/service.js';
import type { Notifier } from './notifier.js';
import { renderNewMessagesEmail, type TNewMessagesConversation } from './templates/new-messages-email.js';
import {
  closeBatch,
  listUnseenConversations,
  listUnseenPreviews,
  lockOpenBatch,
  type TUnseenConversation,
} from './unseen-repository.js';

export type TUnseenDeps = { db: Db; config: TConfig; clock: Clock; notifier: Notifier };

type TConversationNotice = TUnseenConversation & TNewMessagesConversation;

/**
 * Decides a due batch: one email for everything the contact has still not seen (a fresh
 * secure link to the conversation, or to the portal home when there are several), or none
 * when they have seen it all. In one transaction with the batch locked, so it happens once.
 */
export async function processUnseenBatch(deps: TUnseenDeps, firmId: string, batchId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, firmId, batchId);
    if (!batch || batch.dueAt.getTime() > deps.clock.now().getTime()) return;
    const contact = await getContact(tx, firmId, batch.contactId);
    const firm = await getFirm(tx, firmId);
    if (!contact?.active || !contact.email || !firm) {
      await closeBatch(tx, firmId, batchId, 'skipped');
      return;
    }
    const unseen = await listUnseenConversations(tx, firmId, contact.id, Number(batch.fromSeq));
    if (unseen.length === 0) {
      await closeBatch(tx, firmId, batchId, 'seen');
      return;
    }
    const conversations: TConversationNotice[] = [];
    for (const c of unseen) {
      conversations.push({
        ...c,
        previews: c.requireMfa
          ? []
          : (await listUnseenPreviews(tx, firmId, contact.id, c.conversationId, Number(batch.fromSeq), 3)).reverse(),
      });
    }
    const token = await issueSecureLink({ ...deps, db: tx }, tx, {
      firmId,
      contactId: contact.id,
      conversationId: unseen.length === 1 ? unseen[0]!.conversationId : null,
    });
    const email = renderNewMessagesEmail({
      firmName: firm.name,
      contactName: contact.name,
      url: portalLinkUrl(deps.config.publicBaseUrl, token),
      conversations,
    });
    const outboxId = await deps.notifier.queueEmail(tx, {
      firmId,
      to: contact.email,
      kind: 'new_messages',
      ...email,
    });
    await closeBatch(tx, firmId, batchId, 'emailed', outboxId);
  });
}
