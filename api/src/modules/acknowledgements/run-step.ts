import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { getConversation, listParticipants } from '../conversations/repository.js';
import { getFirm } from '../firms/repository.js';
import { emailContactNotice } from '../notifications/email-contact.js';
import type { Notifier } from '../notifications/notifier.js';
import { renderAcknowledgementReminder } from '../notifications/templates/acknowledgement-reminder-email.js';
import { getStaff } from '../staff/repository.js';
import { textMessage } from '../sms/service.js';
import { formatDeadline, reminderSmsBody } from './format-deadline.js';
import * as repo from './repository.js';
import { enqueueStep, type TStepJob } from './service.js';

export type TStepDeps = { db: Db; config: TConfig; clock: Clock; notifier: Notifier; jobs?: JobQueue };

/**
 * The `acknowledgement-step` job: acts on one reminder step once, with its row locked. Nothing
 * happens when the step is done already (a repeat), when the message was acknowledged (the
 * step is recorded as cancelled) or when the conversation is closed. A job early by the app's
 * clock asks again at the step's time. Halfway: a portal reminder (a live event the banner
 * follows) and an email to each client (not third parties) still in the conversation. 80%: a text to each one the
 * texting rules allow (`textMessage`: opted in, a valid mobile in an allowed country; the
 * others recorded as refused, as for any text). Deadline: a task for the author on the staff
 * inbox (`acknowledgement.task`).
 */
export async function runAcknowledgementStep(deps: TStepDeps, job: TStepJob): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const step = await repo.lockStep(tx, job.firmId, job.messageId, job.step);
    if (!step || step.doneAt) return;
    const request = await repo.getRequest(tx, job.firmId, job.messageId);
    if (!request) return;
    const now = deps.clock.now();
    const finish = (outcome: string, detail?: string) =>
      repo.finishStep(tx, job.firmId, job.messageId, job.step, { at: now, outcome, detail });
    if (request.acknowledgedAt) return finish('cancelled');
    if (step.dueAt.getTime() > now.getTime()) return enqueueStep(deps.jobs, tx, job, step.dueAt, now);
    const conversation = await getConversation(tx, job.firmId, request.conversationId);
    if (!conversation || conversation.archivedAt) return finish('cancelled', 'the conversation is closed');
    const [firm, author] = await Promise.all([
      getFirm(tx, job.firmId),
      getStaff(tx, job.firmId, request.requestedByStaffId),
    ]);
    const due = formatDeadline(request.dueAt, firm?.timeZone ?? 'UTC');
    const authorName = author?.name ?? firm?.name ?? 'The firm';
    // the clients still in the conversation (third parties are not asked)
    const clients = (await listParticipants(tx, job.firmId, [request.conversationId])).filter(
      (p) => p.contactId && !p.leftAt && p.contactKind === 'client',
    );

    if (job.step === 'halfway') {
      let emailed = 0;
      for (const client of clients) {
        const sent = await emailContactNotice(deps, tx, {
          firmId: job.firmId,
          contactId: client.contactId!,
          kind: 'acknowledgement_reminder',
          render: (to) =>
            renderAcknowledgementReminder(to, {
              kind: request.kind,
              author: authorName,
              title: conversation.name ?? conversation.matterTitle ?? 'Conversation',
              due,
            }),
        });
        if (sent) emailed += 1;
      }
      await publishEvent(tx, {
        firmId: job.firmId,
        type: 'acknowledgement.reminder',
        conversationId: request.conversationId,
        contactIds: clients.map((c) => c.contactId!),
        payload: { messageId: request.messageId },
      });
      return finish('reminded', `${emailed} of ${clients.length} emailed`);
    }
    if (job.step === 'late') {
      if (clients.length === 0) return finish('no_one_to_text');
      const texts = await textMessage(deps, tx, {
        firmId: job.firmId,
        conversationId: request.conversationId,
        messageId: request.messageId,
        body: reminderSmsBody(request.kind, authorName, due),
        contactIds: clients.map((c) => c.contactId!),
      });
      return finish(
        texts.queued > 0 ? 'texted' : 'no_one_to_text',
        `${texts.queued} texted, ${texts.refused} not allowed`,
      );
    }
    await publishEvent(tx, {
      firmId: job.firmId,
      type: 'acknowledgement.task',
      conversationId: request.conversationId,
      staffIds: [request.requestedByStaffId],
      payload: { messageId: request.messageId },
    });
    return finish('task_created');
  });
}
