import type { Message, SendMessageInput } from './api-types.js';

/*
 * Wire types for texting (issue #6): a message's texts, resending, unrouted texts and the
 * firm's texting settings (/api/v1). Kept apart from api-types.ts; see api/src/modules/sms.
 */

/** A text's delivery status: sending → sent → delivered, or failed; refused and opted_out were never sent. */
export type SmsStatus = 'sending' | 'sent' | 'delivered' | 'failed' | 'refused' | 'opted_out';

/** The latest text of a message to one recipient, as carried on the message. */
export type MessageSmsRecipient = {
  contactId: string | null;
  name: string;
  status: SmsStatus;
  /** Why it was refused, blocked or failed, in words for staff. */
  reason: string | null;
};

export type MessageSms = { recipients: MessageSmsRecipient[] };

/** A reply by text answers the message last texted to that number. */
export type MessageInReplyTo = { id: string; body: string };

/** The texting fields of a staff-facing message (absent from live events). */
export type SmsMessageFields = {
  inReplyTo?: MessageInReplyTo | null;
  /** Null when the message was never texted; absent on messages that came from a live event. */
  sms?: MessageSms | null;
};

export type MessageWithSms = Message & SmsMessageFields;

export type SendMessageWithSmsInput = SendMessageInput & {
  /** Also text it to each client and third party (external matter conversations only). */
  sendAsSms?: boolean;
};

/** One text (an outbox row) of a message. */
export type SmsAttempt = {
  id: string;
  contactId: string | null;
  name: string;
  /** The number texted (E.164), or what was on file when it could not be. */
  to: string;
  status: SmsStatus;
  reason: string | null;
  /** country_not_allowed, no_email, no_mobile, invalid_number, not_a_mobile, no_sender_number, contact_disabled, opted_out, not_delivered, provider_rejected, provider_failed, expired. */
  reasonCode: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
};

export type MessageTexts = {
  messageId: string;
  /** The latest text per recipient. */
  recipients: SmsAttempt[];
  /** Every text of the message (resends included), newest first. */
  items: SmsAttempt[];
};

export type ResendSmsInput = { contactIds?: string[] };

/** One client or third party in "Send as SMS"'s plan: texted when `reason` is null. */
export type SmsPlanRecipient = {
  contactId: string;
  name: string;
  /** The number that would be texted, or what is on file; null without one. */
  to: string | null;
  /** contact_disabled, no_email, no_mobile, invalid_number, not_a_mobile, country_not_allowed, no_sender_number, opted_out. */
  reasonCode: string | null;
  /** Why not, in words (without the person's name), exactly as a send would record it. */
  reason: string | null;
};

/** Who "Send as SMS" would text in a conversation, decided by the server's own rules. */
export type SmsPlan = { conversationId: string; recipients: SmsPlanRecipient[] };

/** not_texted, ambiguous, conversation_closed. */
export type UnroutedReason = string;

export type UnroutedSms = {
  id: string;
  from: string;
  to: string;
  body: string;
  reason: UnroutedReason;
  receivedAt: string;
  contacts: Array<{ id: string; name: string }>;
  suggestedConversations: Array<{ id: string; title: string; lastTextedAt: string }>;
  assignedAt: string | null;
  assignedConversationId: string | null;
  assignedMessageId: string | null;
};

export type AssignUnroutedResult = { id: string; conversationId: string; message: MessageWithSms };

export type FirmSettings = {
  /** The firm's own number for texts (E.164); null: the deployment's default. */
  smsSenderNumber: string | null;
  /** ISO 3166 alpha-2 codes. */
  smsAllowedCountries: string[];
  unseenEmailDelayMinutes: number;
  /** The number texts come from now, or null: texting is off. */
  effectiveSmsSenderNumber: string | null;
};

export type UpdateFirmSettingsInput = {
  smsSenderNumber?: string | null;
  smsAllowedCountries?: string[];
  unseenEmailDelayMinutes?: number;
};

/** Live event on the staff stream: a text of this message changed status (ids only). */
export type SmsLiveEvent = { type: 'message.sms'; data: { messageId: string; conversationId: string } };
