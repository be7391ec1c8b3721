import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.js';
import {
  acknowledgementRequests as requests,
  acknowledgementSteps as steps,
  contacts,
  deferredAcknowledgementReminders as deferred,
  conversations,
  matters,
  messages,
  staff,
} from '../../db/schema.js';
import type { TAcknowledgementKind, TAcknowledgementStepName } from './schemas.js';

export type TRequestRow = typeof requests.$inferSelect;
export type TStepRow = typeof steps.$inferSelect;

export async function insertRequest(
  tx: Db,
  firmId: string,
  values: {
    messageId: string;
    conversationId: string;
    kind: TAcknowledgementKind;
    dueAt: Date;
    requestedByStaffId: string;
    requestedAt: Date;
  },
  stepTimes: Array<{ step: TAcknowledgementStepName; dueAt: Date }>,
): Promise<void> {
  await tx.insert(requests).values({ ...values, firmId });
  await tx.insert(steps).values(stepTimes.map((s) => ({ firmId, messageId: values.messageId, ...s })));
}

/** The requests of a conversation with the author's and acknowledger's names and the message's start. */
export async function listRequests(
  db: Db,
  firmId: string,
  conversationId: string,
  filter: { upToSeq?: number; messageId?: string } = {},
) {
  const conditions = [eq(requests.firmId, firmId), eq(requests.conversationId, conversationId)];
  if (filter.upToSeq !== undefined) conditions.push(lte(messages.seq, filter.upToSeq));
  if (filter.messageId) conditions.push(eq(requests.messageId, filter.messageId));
  return db
    .select({
      request: requests,
      requestedByName: staff.name,
      acknowledgedByName: contacts.name,
      body: messages.body,
      sentAt: messages.createdAt,
    })
    .from(requests)
    .innerJoin(messages, and(eq(messages.firmId, requests.firmId), eq(messages.id, requests.messageId)))
    .innerJoin(staff, and(eq(staff.firmId, requests.firmId), eq(staff.id, requests.requestedByStaffId)))
    .leftJoin(contacts, and(eq(contacts.firmId, requests.firmId), eq(contacts.id, requests.acknowledgedByContactId)))
    .where(and(...conditions))
    .orderBy(asc(messages.seq));
}

export async function listSteps(db: Db, firmId: string, messageIds: string[]): Promise<TStepRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .select()
    .from(steps)
    .where(and(eq(steps.firmId, firmId), inArray(steps.messageId, messageIds)))
    .orderBy(asc(steps.dueAt));
}

export async function getRequest(db: Db, firmId: string, messageId: string): Promise<TRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.firmId, firmId), eq(requests.messageId, messageId)));
  return row;
}

/** One step, locked for the job acting on it. */
export async function lockStep(
  tx: Db,
  firmId: string,
  messageId: string,
  step: TAcknowledgementStepName,
): Promise<TStepRow | undefined> {
  const [row] = await tx
    .select()
    .from(steps)
    .where(and(eq(steps.firmId, firmId), eq(steps.messageId, messageId), eq(steps.step, step)))
    .for('update');
  return row;
}

export async function finishStep(
  tx: Db,
  firmId: string,
  messageId: string,
  step: TAcknowledgementStepName,
  result: { at: Date; outcome: string; detail?: string },
): Promise<void> {
  await tx
    .update(steps)
    .set({ doneAt: result.at, outcome: result.outcome, detail: result.detail ?? null })
    .where(and(eq(steps.firmId, firmId), eq(steps.messageId, messageId), eq(steps.step, step), isNull(steps.doneAt)));
}

/** Every step not yet done is cancelled (the message was acknowledged first). */
export async function cancelOpenSteps(tx: Db, firmId: string, messageId: string, at: Date): Promise<void> {
  await tx
    .update(steps)
    .set({ doneAt: at, outcome: 'cancelled' })
    .where(and(eq(steps.firmId, firmId), eq(steps.messageId, messageId), isNull(steps.doneAt)));
}

/** Records the first acknowledgement; undefined when there was one already (it is kept). */
export async function acknowledge(
  tx: Db,
  firmId: string,
  messageId: string,
  by: { at: Date; contactId: string; via: 'portal' | 'quick_link' | 'reply'; replyMessageId?: string },
): Promise<TRequestRow | undefined> {
  // The acknowledgement joins the conversation's record (trigger, 0027), which locks the
  // conversation: take that lock first, as a send does, so a reply and an acknowledgement of
  // one conversation never wait on each other in opposite orders.
  await tx.execute(
    sql`select 1 from conversations where firm_id = ${firmId}
        and id = (select conversation_id from acknowledgement_requests where firm_id = ${firmId} and message_id = ${messageId})
        for no key update`,
  );
  const [row] = await tx
    .update(requests)
    .set({
      acknowledgedAt: by.at,
      acknowledgedByContactId: by.contactId,
      acknowledgedVia: by.via,
      replyMessageId: by.replyMessageId ?? null,
    })
    .where(and(eq(requests.firmId, firmId), eq(requests.messageId, messageId), isNull(requests.acknowledgedAt)))
    .returning();
  return row;
}

/** The open "needs a reply" requests of a conversation (a client's reply answers them all). */
export async function listOpenReplyRequests(db: Db, firmId: string, conversationId: string): Promise<TRequestRow[]> {
  return db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.firmId, firmId),
        eq(requests.conversationId, conversationId),
        isNull(requests.acknowledgedAt),
        eq(requests.kind, 'reply'),
      ),
    );
}

/** An author's tasks: requests past their deadline (the deadline step made the task), not acknowledged, not closed. */
export async function listTasks(db: Db, firmId: string, staffId: string) {
  const deadline = alias(steps, 'deadline_step');
  return db
    .select({
      request: requests,
      body: messages.body,
      conversationName: conversations.name,
      matterTitle: matters.title,
    })
    .from(requests)
    .innerJoin(
      deadline,
      and(
        eq(deadline.firmId, requests.firmId),
        eq(deadline.messageId, requests.messageId),
        eq(deadline.step, 'deadline'),
        eq(deadline.outcome, 'task_created'),
      ),
    )
    .innerJoin(messages, and(eq(messages.firmId, requests.firmId), eq(messages.id, requests.messageId)))
    .innerJoin(
      conversations,
      and(eq(conversations.firmId, requests.firmId), eq(conversations.id, requests.conversationId)),
    )
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)))
    .where(
      and(
        eq(requests.firmId, firmId),
        eq(requests.requestedByStaffId, staffId),
        isNull(requests.acknowledgedAt),
        isNull(requests.taskClosedAt),
      ),
    )
    .orderBy(asc(requests.dueAt))
    .limit(100);
}

export async function closeTask(
  db: Db,
  firmId: string,
  staffId: string,
  messageId: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(requests)
    .set({ taskClosedAt: at })
    .where(
      and(
        eq(requests.firmId, firmId),
        eq(requests.messageId, messageId),
        eq(requests.requestedByStaffId, staffId),
        isNull(requests.taskClosedAt),
      ),
    )
    .returning({ messageId: requests.messageId });
  return rows.length > 0;
}

/** Steps due by `now` and not done, across firms: the sweep's work list. */
export async function listDueSteps(db: Db, now: Date, limit: number) {
  return db
    .select({ firmId: steps.firmId, messageId: steps.messageId, step: steps.step })
    .from(steps)
    .where(and(isNull(steps.doneAt), lte(steps.dueAt, now)))
    .orderBy(asc(steps.dueAt))
    .limit(limit);
}

export const excerptOf = (body: string, max = 120) => {
  const chars = Array.from(body.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};

/** A reminder for one client held back by their quiet hours until `dueAt` (in the step's transaction). */
export async function insertDeferredReminder(
  tx: Db,
  firmId: string,
  row: { messageId: string; step: 'halfway' | 'late'; contactId: string; dueAt: Date },
): Promise<void> {
  await tx
    .insert(deferred)
    .values({ firmId, ...row })
    .onConflictDoNothing();
}

/** One deferred reminder, locked for the job sending it. */
export async function lockDeferredReminder(
  tx: Db,
  firmId: string,
  messageId: string,
  step: TAcknowledgementStepName,
  contactId: string,
) {
  const [row] = await tx
    .select()
    .from(deferred)
    .where(
      and(
        eq(deferred.firmId, firmId),
        eq(deferred.messageId, messageId),
        eq(deferred.step, step as 'halfway' | 'late'),
        eq(deferred.contactId, contactId),
      ),
    )
    .for('update');
  return row;
}

export async function finishDeferredReminder(
  tx: Db,
  firmId: string,
  key: { messageId: string; step: TAcknowledgementStepName; contactId: string },
  result: { at: Date; outcome: string },
): Promise<void> {
  await tx
    .update(deferred)
    .set({ doneAt: result.at, outcome: result.outcome })
    .where(
      and(
        eq(deferred.firmId, firmId),
        eq(deferred.messageId, key.messageId),
        eq(deferred.step, key.step as 'halfway' | 'late'),
        eq(deferred.contactId, key.contactId),
        isNull(deferred.doneAt),
      ),
    );
}

/** Deferred reminders due by `now` and not sent, across firms: the sweep's work list. */
export async function listDueDeferredReminders(db: Db, now: Date, limit: number) {
  return db
    .select({
      firmId: deferred.firmId,
      messageId: deferred.messageId,
      step: deferred.step,
      contactId: deferred.contactId,
    })
    .from(deferred)
    .where(and(isNull(deferred.doneAt), lte(deferred.dueAt, now)))
    .orderBy(asc(deferred.dueAt))
    .limit(limit);
}
