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
import { quietUntil } from '../notification-choices/quiet-hours.js';
import { findChoice } from '../notification-choices/repository.js';
import type { TNotificationChannel } from '../notification-choices/schemas.js';
import { getStaff } from '../staff/repository.js';
import { textMessage } from '../sms/service.js';
import { formatDeadline, reminderSmsBody } from './format-deadline.js';
import * as repo from './repository.js';
import { enqueueStep, type TStepJob } from './service.js';

export type TStepDeps = { db: Db; config: TConfig; clock: Clock; notifier: Notifier; jobs?: JobQueue };

type TReminderStep = 'halfway' | 'late';
type TReminded = { emailed: number; texted: number; refused: number };

/**
 * How a reminder step reaches a client, by their notification choice. Without a choice, or
 * with `acknowledgements_only`: email at halfway, a text at 80% (today's rules). `email`: email
 * at both; `sms`: a text at both; `both`: a text and an email at both.
 */
function channelsFor(channel: TNotificationChannel | undefined, step: TReminderStep) {
  const effective = channel ?? 'acknowledgements_only';
  if (effective === 'acknowledgements_only') return { email: step === 'halfway', text: step === 'late' };
  return { email: effective === 'email' || effective === 'both', text: effective === 'sms' || effective === 'both' };
}

/**
 * The `acknowledgement-step` job: acts on one reminder step once, with its row locked. Nothing
 * happens when the step is done already (a repeat), when the message was acknowledged (the
 * step is recorded as cancelled) or when the conversation is closed. A job early by the app's
 * clock asks again at the step's time. Halfway and 80%: each client (not third parties) still
 * in the conversation is reminded as they chose (`channelsFor`); one inside their quiet hours
 * is reminded when they end (a `deferred_acknowledgement_reminders` row and a job with the
 * client's id), unless that is after the deadline: then at once. Halfway also sends a portal
 * reminder (a live event the banner follows). Texts follow the texting rules (`textMessage`:
 * opted in, a valid mobile in an allowed country; the others recorded as refused, as for any
 * text); a client who chose SMS only and cannot be texted is emailed instead. Deadline: a task
 * for the author on the staff inbox (`acknowledgement.task`).
 */
export async function runAcknowledgementStep(deps: TStepDeps, job: TStepJob): Promise<void> {
  if (job.contactId) return runDeferredReminder(deps, { ...job, contactId: job.contactId });
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
    // the clients still in the conversation (third parties are not asked)
    const clients = (await listParticipants(tx, job.firmId, [request.conversationId])).filter(
      (p) => p.contactId && !p.leftAt && p.contactKind === 'client',
    );

    if (job.step === 'halfway' || job.step === 'late') {
      const stepName = job.step;
      if (stepName === 'late' && clients.length === 0) return finish('no_one_to_text');
      const counts: TReminded = { emailed: 0, texted: 0, refused: 0 };
      let deferred = 0;
      for (const client of clients) {
        const contactId = client.contactId!;
        const choice = await findChoice(tx, job.firmId, contactId);
        const quietEnd = choice && quietUntil(choice, now);
        if (quietEnd && quietEnd.getTime() < request.dueAt.getTime()) {
          await repo.insertDeferredReminder(tx, job.firmId, {
            messageId: request.messageId,
            step: stepName,
            contactId,
            dueAt: quietEnd,
          });
          await enqueueStep(deps.jobs, tx, { ...job, contactId }, quietEnd, now);
          deferred += 1;
          continue;
        }
        add(counts, await remindClient(deps, tx, request, conversation, stepName, contactId, choice?.channel));
      }
      const held = deferred > 0 ? `, ${deferred} held for quiet hours` : '';
      if (stepName === 'halfway') {
        await publishEvent(tx, {
          firmId: job.firmId,
          type: 'acknowledgement.reminder',
          conversationId: request.conversationId,
          contactIds: clients.map((c) => c.contactId!),
          payload: { messageId: request.messageId },
        });
        const texted = counts.texted > 0 ? `, ${counts.texted} texted` : '';
        // staff read `reminded` as "emailed": a step that only texted, or only waits, says so
        const outcome =
          counts.emailed > 0 || (counts.texted === 0 && deferred === 0)
            ? 'reminded'
            : counts.texted > 0
              ? 'texted'
              : 'held_for_quiet_hours';
        return finish(outcome, `${counts.emailed} of ${clients.length} emailed${texted}${held}`);
      }
      const emailed = counts.emailed > 0 ? `, ${counts.emailed} emailed` : '';
      return finish(
        counts.texted > 0
          ? 'texted'
          : counts.emailed > 0
            ? 'reminded'
            : deferred > 0
              ? 'held_for_quiet_hours'
              : 'no_one_to_text',
        `${counts.texted} texted, ${counts.refused} not allowed${emailed}${held}`,
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

const add = (into: TReminded, more: TReminded) => {
  into.emailed += more.emailed;
  into.texted += more.texted;
  into.refused += more.refused;
};

/** Reminds one client by the channels they chose (an email when a text was all they wanted and it is refused). */
async function remindClient(
  deps: TStepDeps,
  tx: Db,
  request: repo.TRequestRow,
  conversation: { name: string | null; matterTitle: string | null },
  step: TReminderStep,
  contactId: string,
  channel: TNotificationChannel | undefined,
): Promise<TReminded> {
  const firmId = request.firmId;
  // one transaction is one connection: its queries go one after another
  const firm = await getFirm(tx, firmId);
  const author = await getStaff(tx, firmId, request.requestedByStaffId);
  const due = formatDeadline(request.dueAt, firm?.timeZone ?? 'UTC');
  const authorName = author?.name ?? firm?.name ?? 'The firm';
  const wanted = channelsFor(channel, step);
  const result: TReminded = { emailed: 0, texted: 0, refused: 0 };
  if (wanted.text) {
    const texts = await textMessage(deps, tx, {
      firmId,
      conversationId: request.conversationId,
      messageId: request.messageId,
      body: reminderSmsBody(request.kind, authorName, due),
      contactIds: [contactId],
    });
    result.texted = texts.queued;
    result.refused = texts.refused;
  }
  // a client who chose texts and cannot get one is emailed instead (without a choice, as before: the refusal is recorded)
  const fallback = wanted.text && result.texted === 0 && (channel === 'sms' || channel === 'both');
  if (wanted.email || fallback) {
    const sent = await emailContactNotice(deps, tx, {
      firmId,
      contactId,
      kind: 'acknowledgement_reminder',
      render: (to) =>
        renderAcknowledgementReminder(to, {
          kind: request.kind,
          author: authorName,
          title: conversation.name ?? conversation.matterTitle ?? 'Conversation',
          due,
        }),
    });
    if (sent) result.emailed = 1;
  }
  return result;
}

/**
 * A reminder held back by a client's quiet hours, once, at their end: nothing when sent
 * already, when the message was acknowledged meanwhile (recorded `cancelled`), or when the
 * client left or the conversation closed. A job early by the app's clock asks again at its time.
 */
async function runDeferredReminder(deps: TStepDeps, job: TStepJob & { contactId: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await repo.lockDeferredReminder(tx, job.firmId, job.messageId, job.step, job.contactId);
    if (!row || row.doneAt) return;
    const now = deps.clock.now();
    const finish = (outcome: string) => repo.finishDeferredReminder(tx, job.firmId, job, { at: now, outcome });
    const request = await repo.getRequest(tx, job.firmId, job.messageId);
    if (!request || request.acknowledgedAt) return finish('cancelled');
    if (row.dueAt.getTime() > now.getTime()) return enqueueStep(deps.jobs, tx, job, row.dueAt, now);
    const conversation = await getConversation(tx, job.firmId, request.conversationId);
    const stillIn = (await listParticipants(tx, job.firmId, [request.conversationId])).some(
      (p) => p.contactId === job.contactId && !p.leftAt,
    );
    if (!conversation || conversation.archivedAt || !stillIn) return finish('cancelled');
    const choice = await findChoice(tx, job.firmId, job.contactId);
    const sent = await remindClient(deps, tx, request, conversation, row.step, job.contactId, choice?.channel);
    return finish(sent.texted > 0 ? 'texted' : sent.emailed > 0 ? 'emailed' : 'nothing');
  });
}
