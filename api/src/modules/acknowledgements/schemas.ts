import { z } from 'zod';

export const ZAcknowledgementKind = z.enum(['read', 'reply']);
export type TAcknowledgementKind = z.infer<typeof ZAcknowledgementKind>;
export const ZAcknowledgementStepName = z.enum(['halfway', 'late', 'deadline']);
export type TAcknowledgementStepName = z.infer<typeof ZAcknowledgementStepName>;

/**
 * On a staff send: the message needs acknowledging (`read`: "I have read this") or a reply
 * (`reply`) from a client by `dueAt`. Only in conversations with clients.
 */
export const ZAcknowledgeBy = z
  .object({
    kind: ZAcknowledgementKind,
    dueAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }),
  })
  .strict()
  .openapi('AcknowledgeBy');

/** One reminder step and what was done. */
export const ZAcknowledgementStep = z
  .object({
    step: ZAcknowledgementStepName,
    dueAt: z.string(),
    doneAt: z.string().nullable(),
    /** `reminded`, `texted`, `no_one_to_text`, `task_created`, `cancelled` (acknowledged first); null until done. */
    outcome: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .openapi('AcknowledgementStep');

/** A marked message as staff see it: who acknowledged when, and each reminder step. */
export const ZAcknowledgement = z
  .object({
    messageId: z.uuid(),
    conversationId: z.uuid(),
    kind: ZAcknowledgementKind,
    dueAt: z.string(),
    requestedAt: z.string(),
    requestedBy: z.object({ id: z.uuid(), name: z.string() }),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    /** `portal`, `quick_link` ("I have read this") or `reply` (a client's reply answered it). */
    acknowledgedVia: z.enum(['portal', 'quick_link', 'reply']).nullable(),
    steps: z.array(ZAcknowledgementStep),
  })
  .openapi('Acknowledgement');
export type TAcknowledgement = z.infer<typeof ZAcknowledgement>;

/** The staff inbox's task: a message of yours past its deadline without acknowledgement. */
export const ZAcknowledgementTask = z
  .object({
    messageId: z.uuid(),
    conversationId: z.uuid(),
    conversationTitle: z.string(),
    kind: ZAcknowledgementKind,
    dueAt: z.string(),
    /** The start of the message (at most 120 characters). */
    excerpt: z.string(),
  })
  .openapi('AcknowledgementTask');

/** A marked message as the client sees it (portal and quick-reply page). */
export const ZClientAcknowledgement = z
  .object({
    messageId: z.uuid(),
    kind: ZAcknowledgementKind,
    dueAt: z.string(),
    sentAt: z.string(),
    authorName: z.string(),
    /** The start of the message (at most 120 characters). */
    excerpt: z.string(),
    /** Null while it is still needed. */
    acknowledgedAt: z.string().nullable(),
    /** When the halfway reminder went out (the banner then says it is a reminder). */
    remindedAt: z.string().nullable(),
  })
  .openapi('ClientAcknowledgement');
export type TClientAcknowledgement = z.infer<typeof ZClientAcknowledgement>;

export const ZMessageIdParams = z.object({ messageId: z.uuid('must be a UUID') }).strict();
