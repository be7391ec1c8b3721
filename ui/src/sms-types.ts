import type { Message, Schema, SendMessageInput } from './api-types.js';

/*
 * Wire types for texting (issue #6): a message's texts, resending, unrouted texts and the
 * firm's texting settings (/api/v1). Kept apart from api-types.ts; see api/src/modules/sms.
 */

/** The texting fields of a staff-facing message: null when never texted / not a reply by text. */
export type MessageSms = NonNullable<Schema<'MessageSms'>>;
/** The latest text of a message to one recipient, as carried on the message. */
export type MessageSmsRecipient = MessageSms['recipients'][number];
/** A text's delivery status: sending → sent → delivered, or failed; refused and opted_out were never sent. */
export type SmsStatus = MessageSmsRecipient['status'];
/** A reply by text answers the message last texted to that number. */
export type MessageInReplyTo = NonNullable<Message['inReplyTo']>;

/** The texting fields of a message; absent on messages that came from a live event. */
export type SmsMessageFields = Partial<Pick<Message, 'inReplyTo' | 'sms'>>;

export type MessageWithSms = Message & SmsMessageFields;

/** `sendAsSms`: also text it to each client and third party (external matter conversations only). */
export type SendMessageWithSmsInput = SendMessageInput;

/** One text (an outbox row) of a message; `reasonCode` e.g. country_not_allowed, no_mobile, opted_out, provider_failed. */
export type SmsAttempt = Schema<'SmsAttempt'>;
/** The latest text per recipient, and every text of the message (resends included), newest first. */
export type MessageTexts = Schema<'MessageTexts'>;
export type ResendSmsInput = Schema<'ResendSms'>;

/** Who "Send as SMS" would text in a conversation, decided by the server's own rules. */
export type SmsPlan = Schema<'SmsPlan'>;
/** One client or third party in "Send as SMS"'s plan: texted when `reason` is null. */
export type SmsPlanRecipient = SmsPlan['recipients'][number];

export type UnroutedSms = Schema<'UnroutedSms'>;
/** not_texted, ambiguous, conversation_closed. */
export type UnroutedReason = UnroutedSms['reason'];
export type AssignUnroutedResult = Schema<'AssignUnroutedSmsResult'>;

export type FirmSettings = Schema<'FirmSettings'>;
export type UpdateFirmSettingsInput = Schema<'UpdateFirmSettings'>;

/** Live event on the staff stream: a text of this message changed status (ids only). */
export type SmsLiveEvent = { type: 'message.sms'; data: { messageId: string; conversationId: string } };
