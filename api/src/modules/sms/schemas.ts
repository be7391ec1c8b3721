import { z } from 'zod';
import { ZMessage, ZSmsStatus } from '../messages/schemas.js';

export const ZSmsAttempt = z
  .object({
    /** The outbox row of this text. */
    id: z.uuid(),
    contactId: z.uuid().nullable(),
    name: z.string(),
    /** The number texted (E.164), or what was on file when it could not be. */
    to: z.string(),
    status: ZSmsStatus,
    /** Why it was refused, blocked or failed, in words. */
    reason: z.string().nullable(),
    /** The same as a stable code: country_not_allowed, no_email, no_mobile, invalid_number, not_a_mobile, no_sender_number, contact_disabled, opted_out, not_delivered, provider_rejected, provider_failed, expired. */
    reasonCode: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
  })
  .openapi('SmsAttempt');

export const ZMessageTexts = z
  .object({
    messageId: z.uuid(),
    /** The latest text per recipient. */
    recipients: z.array(ZSmsAttempt),
    /** Every text of the message (resends included), newest first. */
    items: z.array(ZSmsAttempt),
  })
  .openapi('MessageTexts');

export const ZSmsPlan = z
  .object({
    conversationId: z.uuid(),
    /** Each current client and third party: texted (reason null) or not, and why, as a send would decide now. */
    recipients: z.array(
      z.object({
        contactId: z.uuid(),
        name: z.string(),
        /** The number that would be texted (E.164), or what is on file; null without one. */
        to: z.string().nullable(),
        /** null: will be texted. Else contact_disabled, no_email, no_mobile, invalid_number, not_a_mobile, country_not_allowed, no_sender_number, opted_out. */
        reasonCode: z.string().nullable(),
        /** Why not, in words (without the person's name). */
        reason: z.string().nullable(),
      }),
    ),
  })
  .openapi('SmsPlan');

export const ZResendSms = z
  .object({
    /** Only these recipients (default: every client and third party in the conversation). */
    contactIds: z.array(z.uuid('each id must be a UUID')).min(1).max(200).optional(),
  })
  .strict()
  .openapi('ResendSms');

export const ZUnroutedQuery = z.object({ include: z.enum(['assigned']).optional() }).strict();

export const ZUnroutedSms = z
  .object({
    id: z.uuid(),
    from: z.string(),
    to: z.string(),
    body: z.string(),
    /** not_texted (no conversation texted this number recently), ambiguous (several did), conversation_closed. */
    reason: z.string(),
    receivedAt: z.string(),
    /** Contacts of the firm with this mobile. */
    contacts: z.array(z.object({ id: z.uuid(), name: z.string() })),
    /** Conversations you can see that texted this number in the last 3 months and where the text can be filed (open, the sender still in it), most recent first. */
    suggestedConversations: z.array(z.object({ id: z.uuid(), title: z.string(), lastTextedAt: z.string() })),
    assignedAt: z.string().nullable(),
    assignedConversationId: z.uuid().nullable(),
    assignedMessageId: z.uuid().nullable(),
  })
  .openapi('UnroutedSms');

export const ZUnroutedList = z.object({ items: z.array(ZUnroutedSms) }).openapi('UnroutedSmsList');

export const ZAssignUnrouted = z.object({ conversationId: z.uuid() }).strict().openapi('AssignUnroutedSms');

export const ZAssignResult = z
  .object({ id: z.uuid(), conversationId: z.uuid(), message: ZMessage })
  .openapi('AssignUnroutedSmsResult');

export const ZIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
