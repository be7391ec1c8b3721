import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { queueNames, type JobQueue } from '../../jobs/job-queue.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { getVisibleConversation, listEventRecipients } from '../conversations/repository.js';
import { requireVisibleConversation } from '../conversations/service.js';
import * as repo from './repository.js';
import type {
  TAcknowledgement,
  TAcknowledgementKind,
  TAcknowledgementStepName,
  TClientAcknowledgement,
} from './schemas.js';

/** A deadline is at least this far ahead when a message is sent... */
export const minimumLeadMinutes = 5;
/** ...and at most this far. */
export const maximumLeadDays = 366;

/** When each reminder step falls: halfway (portal + email), 80% (SMS), the deadline (task). */
export const stepShares: Record<TAcknowledgementStepName, number> = { halfway: 0.5, late: 0.8, deadline: 1 };

export type TAcknowledgeBy = { kind: TAcknowledgementKind; dueAt: Date };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const badDueAt = (message: string) =>
  new AppError('validation_failed', 400, `body.acknowledgeBy.dueAt: ${message}`, {
    errors: [{ location: 'body', field: 'acknowledgeBy.dueAt', message }],
  });

/** Checked before the send: only messages to clients, a deadline from 5 minutes to a year ahead. */
export function assertAcknowledgeable(conversation: { kind: string }, acknowledgeBy: TAcknowledgeBy, now: Date): void {
  if (conversation.kind !== 'external_matter') {
    throw new AppError(
      'acknowledgement_not_available',
      422,
      'Only messages in a conversation with clients can ask for acknowledgement or a reply',
    );
  }
  const lead = acknowledgeBy.dueAt.getTime() - now.getTime();
  if (lead < minimumLeadMinutes * 60_000) throw badDueAt(`must be at least ${minimumLeadMinutes} minutes from now`);
  if (lead > maximumLeadDays * 24 * 3_600_000) throw badDueAt('must be within a year');
}

/** The time of each step between the request and its deadline. */
export function stepTimesOf(requestedAt: Date, dueAt: Date) {
  const span = dueAt.getTime() - requestedAt.getTime();
  return (Object.keys(stepShares) as TAcknowledgementStepName[]).map((step) => ({
    step,
    dueAt: new Date(requestedAt.getTime() + Math.round(span * stepShares[step])),
  }));
}

/** One step's job; with `contactId`, the reminder of one client that their quiet hours held back. */
export type TStepJob = { firmId: string; messageId: string; step: TAcknowledgementStepName; contactId?: string };

/** Asks pg-boss for a step's job at its time (at least a second from now), in the caller's transaction. */
export async function enqueueStep(
  jobs: JobQueue | undefined,
  tx: Db,
  job: TStepJob,
  dueAt: Date,
  now: Date,
): Promise<void> {
  const seconds = Math.max(1, Math.ceil((dueAt.getTime() - now.getTime()) / 1000));
  await jobs?.enqueue(queueNames.acknowledgementStep, job, { startAfterSeconds: seconds }, tx);
}

/**
 * Records that a just-posted message needs acknowledging or a reply by a deadline, in the
 * send's transaction: the request, its three steps and their pg-boss jobs (delayed to each
 * step's time), and an `acknowledgement.changed` event so the clients' portals show the banner.
 */
export async function requestAcknowledgement(
  deps: { clock: Clock; jobs?: JobQueue },
  tx: Db,
  input: {
    firmId: string;
    conversationId: string;
    messageId: string;
    staffId: string;
    acknowledgeBy: TAcknowledgeBy;
    /** When it was asked (the demo seed's messages are dated in the past); now unless given. */
    requestedAt?: Date;
  },
): Promise<void> {
  const now = deps.clock.now();
  const requestedAt = input.requestedAt ?? now;
  const times = stepTimesOf(requestedAt, input.acknowledgeBy.dueAt);
  await repo.insertRequest(
    tx,
    input.firmId,
    {
      messageId: input.messageId,
      conversationId: input.conversationId,
      kind: input.acknowledgeBy.kind,
      dueAt: input.acknowledgeBy.dueAt,
      requestedByStaffId: input.staffId,
      requestedAt,
    },
    times,
  );
  for (const { step, dueAt } of times) {
    await enqueueStep(deps.jobs, tx, { firmId: input.firmId, messageId: input.messageId, step }, dueAt, now);
  }
  await announce(tx, input.firmId, input.conversationId, input.messageId);
}

/** Tells everyone in the conversation that a request changed (made, acknowledged): they read it again. */
async function announce(tx: Db, firmId: string, conversationId: string, messageId: string) {
  const recipients = await listEventRecipients(tx, firmId, conversationId);
  await publishEvent(tx, {
    firmId,
    type: 'acknowledgement.changed',
    conversationId,
    staffIds: recipients.staffIds,
    contactIds: recipients.contactIds,
    payload: { messageId },
  });
}

type TListedRequest = Awaited<ReturnType<typeof repo.listRequests>>[number];

function toAcknowledgement(row: TListedRequest, steps: repo.TStepRow[]): TAcknowledgement {
  const r = row.request;
  return {
    messageId: r.messageId,
    conversationId: r.conversationId,
    kind: r.kind,
    dueAt: r.dueAt.toISOString(),
    requestedAt: r.requestedAt.toISOString(),
    requestedBy: { id: r.requestedByStaffId, name: row.requestedByName },
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedBy:
      r.acknowledgedByContactId && row.acknowledgedByName
        ? { id: r.acknowledgedByContactId, name: row.acknowledgedByName }
        : null,
    acknowledgedVia: r.acknowledgedVia ?? null,
    steps: steps
      .filter((s) => s.messageId === r.messageId)
      .map((s) => ({
        step: s.step,
        dueAt: s.dueAt.toISOString(),
        doneAt: iso(s.doneAt),
        outcome: s.outcome,
        detail: s.detail,
      })),
  };
}

/** Staff: the marked messages of a conversation they may see, with who acknowledged when and each step. */
export async function listForConversation(db: Db, ctx: StaffContext, conversationId: string) {
  await requireVisibleConversation(db, ctx, conversationId);
  const rows = await repo.listRequests(db, ctx.firmId, conversationId);
  const steps = await repo.listSteps(
    db,
    ctx.firmId,
    rows.map((r) => r.request.messageId),
  );
  return { items: rows.map((row) => toAcknowledgement(row, steps)) };
}

/** Staff: my messages past their deadline without acknowledgement (the inbox's tasks), in conversations I may see. */
export async function listTasks(db: Db, ctx: StaffContext) {
  const rows = await repo.listTasks(db, ctx.firmId, ctx.staffId);
  const items = [];
  for (const row of rows) {
    if (!(await getVisibleConversation(db, ctx.firmId, ctx.staffId, row.request.conversationId))) continue;
    items.push({
      messageId: row.request.messageId,
      conversationId: row.request.conversationId,
      conversationTitle: row.conversationName ?? row.matterTitle ?? 'Conversation',
      kind: row.request.kind,
      dueAt: row.request.dueAt.toISOString(),
      excerpt: repo.excerptOf(row.body),
    });
  }
  return { items };
}

/** Staff: the author closes a task (the request stays as it is). */
export async function closeTask(db: Db, ctx: StaffContext, clock: Clock, messageId: string) {
  const request = await repo.getRequest(db, ctx.firmId, messageId);
  if (!request || !(await getVisibleConversation(db, ctx.firmId, ctx.staffId, request.conversationId))) {
    throw notFound('Message');
  }
  if (request.requestedByStaffId !== ctx.staffId) {
    throw new AppError('not_author', 403, 'Only the author of the message can close its task');
  }
  await repo.closeTask(db, ctx.firmId, ctx.staffId, messageId, clock.now());
  return listTasks(db, ctx);
}

const toClientAcknowledgement = (row: TListedRequest, steps: repo.TStepRow[]): TClientAcknowledgement => {
  const r = row.request;
  const halfway = steps.find((s) => s.messageId === r.messageId && s.step === 'halfway');
  return {
    messageId: r.messageId,
    kind: r.kind,
    dueAt: r.dueAt.toISOString(),
    sentAt: row.sentAt.toISOString(),
    authorName: row.requestedByName,
    excerpt: repo.excerptOf(row.body),
    acknowledgedAt: iso(r.acknowledgedAt),
    remindedAt: halfway?.outcome === 'reminded' ? iso(halfway.doneAt) : null,
  };
};

/** A client's view of a conversation's marked messages (up to `upToSeq`, what they may see). */
export async function listForClient(db: Db, firmId: string, conversationId: string, upToSeq?: number) {
  const rows = await repo.listRequests(db, firmId, conversationId, { upToSeq });
  const steps = await repo.listSteps(
    db,
    firmId,
    rows.map((r) => r.request.messageId),
  );
  return { items: rows.map((row) => toClientAcknowledgement(row, steps)) };
}

export type TAcknowledgeInput = {
  firmId: string;
  conversationId: string;
  contactId: string;
  messageId: string;
  via: 'portal' | 'quick_link';
  upToSeq?: number;
  requestId: string;
  ip: string | undefined;
};

/** Records one acknowledgement and what follows it: steps not yet done are cancelled, the audit row, the event. */
async function recordAcknowledgement(
  tx: Db,
  firmId: string,
  request: repo.TRequestRow,
  by: { at: Date; contactId: string; via: 'portal' | 'quick_link' | 'reply'; replyMessageId?: string },
  meta: { requestId?: string; ip?: string },
): Promise<boolean> {
  const recorded = await repo.acknowledge(tx, firmId, request.messageId, by);
  if (!recorded) return false;
  await repo.cancelOpenSteps(tx, firmId, request.messageId, by.at);
  await recordAudit(tx, {
    firmId,
    actorKind: 'contact',
    actorId: by.contactId,
    action: 'message.acknowledge',
    outcome: 'success',
    targetKind: 'message',
    targetId: request.messageId,
    requestId: meta.requestId,
    ip: meta.ip,
    details: { via: by.via, kind: request.kind },
  });
  await announce(tx, firmId, request.conversationId, request.messageId);
  return true;
}

/**
 * "I have read this", from the portal or a quick-reply link: recorded once (a repeat, or a
 * second client, answers with the acknowledgement already kept). A message asking for a reply
 * is answered by replying.
 */
export async function acknowledgeAsContact(db: Db, clock: Clock, input: TAcknowledgeInput) {
  const listed = await repo.listRequests(db, input.firmId, input.conversationId, {
    upToSeq: input.upToSeq,
    messageId: input.messageId,
  });
  const row = listed[0];
  if (!row) throw notFound('Message');
  if (row.request.kind === 'reply') {
    throw new AppError('reply_requested', 409, 'This message asks for a reply: send one to answer it');
  }
  await db.transaction((tx) =>
    recordAcknowledgement(
      tx,
      input.firmId,
      row.request,
      { at: clock.now(), contactId: input.contactId, via: input.via },
      { requestId: input.requestId, ip: input.ip },
    ),
  );
  const [fresh] = await repo.listRequests(db, input.firmId, input.conversationId, { messageId: input.messageId });
  const steps = await repo.listSteps(db, input.firmId, [input.messageId]);
  return toClientAcknowledgement(fresh!, steps);
}

/**
 * A client's message answers every open "needs a reply" request of its conversation, in the
 * posting transaction (portal and quick-reply sends; one indexed read when there is none).
 */
export async function answerReplyRequests(
  tx: Db,
  input: { firmId: string; conversationId: string; contactId: string; replyMessageId: string; at: Date },
): Promise<void> {
  for (const request of await repo.listOpenReplyRequests(tx, input.firmId, input.conversationId)) {
    await recordAcknowledgement(
      tx,
      input.firmId,
      request,
      { at: input.at, contactId: input.contactId, via: 'reply', replyMessageId: input.replyMessageId },
      {},
    );
  }
}
