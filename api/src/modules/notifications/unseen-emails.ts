import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import { nextDigestAt, quietUntil } from '../notification-choices/quiet-hours.js';
import { getChoice } from '../notification-choices/repository.js';
import { portalLinkUrl } from '../portal-auth/emails.js';
import { issueSecureLink } from '../portal-auth/service.js';
import { newMessageSmsText, textNotice } from '../sms/service.js';
import type { Notifier } from './notifier.js';
import { renderDailyDigestEmail } from './templates/daily-digest-email.js';
import { renderNewMessagesEmail, type TNewMessagesConversation } from './templates/new-messages-email.js';
import {
  closeBatch,
  deferBatch,
  listUnseenConversations,
  listUnseenPreviews,
  lockOpenBatch,
  type TUnseenConversation,
} from './unseen-repository.js';

export type TUnseenDeps = { db: Db; config: TConfig; clock: Clock; notifier: Notifier };

type TConversationNotice = TUnseenConversation & TNewMessagesConversation;

/**
 * Decides a due batch, as the contact chose (`notification-choices`): within their quiet hours
 * it waits until they end; `acknowledgements_only` sends nothing; `sms` texts a short notice
 * with a reply link and no message text (email instead when they cannot be texted); `both`
 * texts and emails; with the daily digest the email part waits for the digest time, when the
 * batch becomes one digest email (titles and counts only). Otherwise one email for everything
 * the contact has still not seen (a fresh secure link to the conversation, or to the portal
 * home when there are several), or none when they have seen it all. In one transaction with
 * the batch locked, so each step happens once.
 */
export async function processUnseenBatch(deps: TUnseenDeps, firmId: string, batchId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, firmId, batchId);
    const now = deps.clock.now();
    if (!batch || batch.dueAt.getTime() > now.getTime()) return;
    const contact = await getContact(tx, firmId, batch.contactId);
    const firm = await getFirm(tx, firmId);
    if (!contact?.active || !firm) {
      await closeBatch(tx, firmId, batchId, 'skipped');
      return;
    }
    const choice = await getChoice(tx, firmId, contact.id);
    if (choice.channel === 'acknowledgements_only') {
      await closeBatch(tx, firmId, batchId, 'not_wanted');
      return;
    }
    const quietEnd = quietUntil(choice, now);
    if (quietEnd) {
      await deferBatch(tx, firmId, batchId, quietEnd, batch.digest);
      return;
    }
    const unseen = await listUnseenConversations(tx, firmId, contact.id, Number(batch.fromSeq));
    if (unseen.length === 0) {
      await closeBatch(tx, firmId, batchId, 'seen');
      return;
    }
    const link = async () =>
      portalLinkUrl(
        deps.config.publicBaseUrl,
        await issueSecureLink({ ...deps, db: tx }, tx, {
          firmId,
          contactId: contact.id,
          conversationId: unseen.length === 1 ? unseen[0]!.conversationId : null,
        }),
      );

    if (batch.digest) {
      if (!contact.email) return closeBatch(tx, firmId, batchId, 'skipped');
      const email = renderDailyDigestEmail({
        firmName: firm.name,
        contactName: contact.name,
        url: await link(),
        conversations: unseen.map((c) => ({ title: c.title, unseen: c.unseen })),
      });
      const outboxId = await deps.notifier.queueEmail(tx, {
        firmId,
        to: contact.email,
        kind: 'daily_digest',
        ...email,
      });
      return closeBatch(tx, firmId, batchId, 'digested', outboxId);
    }

    let texted = false;
    if (choice.channel === 'sms' || choice.channel === 'both') {
      const newest = unseen[0]!;
      texted = await textNotice(deps, tx, {
        firmId,
        contactId: contact.id,
        conversationId: newest.conversationId,
        messageId: newest.lastMessageId,
        text: (url) => newMessageSmsText(firm.name, url),
      });
    }
    const wantsEmail = choice.channel === 'email' || choice.channel === 'both' || !texted;
    if (!wantsEmail || !contact.email) {
      await closeBatch(tx, firmId, batchId, texted ? 'texted' : 'skipped');
      return;
    }
    if (choice.dailyDigest) {
      await deferBatch(tx, firmId, batchId, nextDigestAt(choice, now), true);
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
    const email = renderNewMessagesEmail({
      firmName: firm.name,
      contactName: contact.name,
      url: await link(),
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
