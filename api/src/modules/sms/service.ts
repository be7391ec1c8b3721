import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { recordAudit } from '../audit/record-audit.js';
import { getContact } from '../contacts/repository.js';
import { getVisibleConversation, listParticipants } from '../conversations/repository.js';
import { assertNotArchived, requireActiveParticipant, requireVisibleConversation } from '../conversations/service.js';
import { getFirm, type TFirm } from '../firms/repository.js';
import { postMessage } from '../messages/post-message.js';
import * as messages from '../messages/repository.js';
import { withReadBy } from '../messages/with-read-by.js';
import { statusOf } from './summarize-texts.js';
import type { Notifier } from '../notifications/notifier.js';
import { announceSmsStatus } from '../notifications/send-outbox.js';
import { listMessageTexts, type TSmsRecipientRow } from '../notifications/outbox-repository.js';
import { hashToken, newToken } from '../portal-auth/tokens.js';
import { isOptedOut, optedOutDetail } from './opt-out-repository.js';
import { plainTextForSms } from './plain-text-for-sms.js';
import { countryName, countryOf, notMobileKind, toE164 } from './phone.js';
import * as repo from './repository.js';

export type TSmsDeps = { db: Db; config: TConfig; clock: Clock; notifier: Notifier };

/** Quick-reply links work for 7 days. */
export const quickReplyValidDays = 7;
/** A reply by text is routed only to a conversation that texted the number within this window. */
export const routingWindowDays = 90;
/** Embedded mode without ACS: the number the phone simulator shows texts as coming from. */
export const devSenderNumber = '+447400000000';

export const quickReplyUrl = (baseUrl: string, token: string) => `${baseUrl}/portal/#reply=${token}`;

const clip = (s: string, max: number) => {
  const chars = Array.from(s.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};

/** The firm's SMS number, else the deployment's, else (embedded mode without ACS) the simulator's. */
export function senderNumberOf(config: TConfig, firm: Pick<TFirm, 'smsSenderNumber'>): string | undefined {
  if (firm.smsSenderNumber) return firm.smsSenderNumber;
  if (config.acs.smsSender) return config.acs.smsSender;
  const acs = Boolean(config.acs.connectionString || config.acs.endpoint);
  return config.mode === 'embedded' && !acs ? devSenderNumber : undefined;
}

/** The countries a firm may text: its list, or its own country when the list is empty. */
export const allowedCountriesOf = (firm: Pick<TFirm, 'smsAllowedCountries' | 'country'>) =>
  firm.smsAllowedCountries.length > 0 ? firm.smsAllowedCountries : [firm.country];

/**
 * The text itself: who it is from, the message as plain text (links written out, shortened),
 * the personal reply link, how to stop.
 */
export function smsText(firmName: string, body: string, replyUrl: string): string {
  return `${firmName}: ${clip(plainTextForSms(body), 480)}\nReply securely: ${replyUrl}\nText STOP to opt out.`;
}

type TRefusal = { status: 'refused' | 'opted_out'; reason: string; detail: string };

/** Why a contact cannot be texted, or undefined (then their mobile reads as E.164). */
async function refusalFor(
  tx: Db,
  contact: { email: string | null; mobile: string | null; active: boolean },
  firm: TFirm,
  sender: string | undefined,
): Promise<TRefusal | undefined> {
  const refused = (reason: string, detail: string): TRefusal => ({ status: 'refused', reason, detail });
  if (!contact.active) return refused('contact_disabled', 'disabled');
  if (!contact.email) {
    return refused('no_email', 'no email address: texts need one (for sign-in and notifications)');
  }
  if (!contact.mobile) return refused('no_mobile', 'no mobile number');
  const e164 = toE164(contact.mobile);
  if (!e164) return refused('invalid_number', `${contact.mobile} is not a valid phone number`);
  const kind = notMobileKind(e164);
  if (kind) return refused('not_a_mobile', `${e164} is ${kind}, not a mobile: it cannot take texts`);
  const country = countryOf(e164);
  const allowed = allowedCountriesOf(firm);
  if (!country || !allowed.includes(country)) {
    return refused(
      'country_not_allowed',
      `texts to ${country ? countryName(country) : 'this country'} are not allowed: the firm texts only ${allowed
        .map(countryName)
        .join(', ')}`,
    );
  }
  if (!sender) return refused('no_sender_number', 'no SMS number is set up for the firm');
  if (await isOptedOut(tx, e164)) return { status: 'opted_out', reason: 'opted_out', detail: optedOutDetail };
  return undefined;
}

export type TTextPlan = {
  contactId: string;
  name: string;
  /** The number to text (E.164), or what is on file when it cannot be ('' without one). */
  to: string;
  refusal: TRefusal | undefined;
};

/**
 * Who a text of this conversation would go to, and why each other client or third party
 * cannot get one: the one place these rules live, for sending and for the composer's plan.
 */
async function planTexts(
  tx: Db,
  firm: TFirm,
  sender: string | undefined,
  conversationId: string,
  contactIds?: string[],
): Promise<TTextPlan[]> {
  const people = (await listParticipants(tx, firm.id, [conversationId])).filter(
    (p) => p.contactId && !p.leftAt && (!contactIds || contactIds.includes(p.contactId)),
  );
  const plans: TTextPlan[] = [];
  for (const person of people) {
    const contact = await getContact(tx, firm.id, person.contactId!);
    if (!contact) continue;
    plans.push({
      contactId: contact.id,
      name: contact.name,
      to: contact.mobile ? (toE164(contact.mobile) ?? contact.mobile) : '',
      refusal: await refusalFor(tx, contact, firm, sender),
    });
  }
  return plans;
}

/**
 * Texts a message to the active clients and third parties of its conversation (or the
 * listed ones), in the caller's transaction: one outbox row per recipient, each with its own
 * quick-reply link. Recipients who cannot be texted are recorded as refused (or opted out)
 * with the reason, so staff see why. A recipient with a text still waiting is skipped.
 * Answers how many texts were queued and how many refused.
 */
export async function textMessage(
  deps: Omit<TSmsDeps, 'db'>,
  tx: Db,
  input: { firmId: string; conversationId: string; messageId: string; body: string; contactIds?: string[] },
): Promise<{ queued: number; refused: number }> {
  const counts = { queued: 0, refused: 0 };
  const firm = await getFirm(tx, input.firmId);
  if (!firm) return counts;
  const sender = senderNumberOf(deps.config, firm);
  for (const plan of await planTexts(tx, firm, sender, input.conversationId, input.contactIds)) {
    if (await repo.findUnsentText(tx, input.firmId, input.messageId, plan.contactId)) continue;
    const common = {
      firmId: input.firmId,
      contactId: plan.contactId,
      conversationId: input.conversationId,
      messageId: input.messageId,
      to: plan.to,
    };
    if (plan.refusal) {
      await deps.notifier.recordUnsentSms(tx, { ...common, kind: 'sms_message', from: sender, ...plan.refusal });
      counts.refused += 1;
      continue;
    }
    await queueTextWithLink(deps, tx, { ...common, from: sender! }, (url) => smsText(firm.name, input.body, url));
    counts.queued += 1;
  }
  return counts;
}

/** Queues one text with its own quick-reply link to the message (`text` is given the link). */
async function queueTextWithLink(
  deps: Omit<TSmsDeps, 'db'>,
  tx: Db,
  sms: { firmId: string; contactId: string; conversationId: string; messageId: string; to: string; from: string },
  text: (replyUrl: string) => string,
): Promise<void> {
  const token = newToken();
  const outboxId = await deps.notifier.queueSms(tx, {
    ...sms,
    kind: 'sms_message',
    text: text(quickReplyUrl(deps.config.publicBaseUrl, token)),
  });
  await repo.insertQuickReplyLink(tx, sms.firmId, {
    tokenHash: hashToken(token),
    contactId: sms.contactId,
    conversationId: sms.conversationId,
    messageId: sms.messageId,
    outboxId,
    expiresAt: new Date(deps.clock.now().getTime() + quickReplyValidDays * 24 * 3_600_000),
  });
}

/** The text that tells a client of new messages: who from and their reply link, never the messages. */
export const newMessageSmsText = (firmName: string, replyUrl: string) =>
  `New message from ${firmName} in Confer: ${replyUrl}\nText STOP to opt out.`;

/**
 * Texts one contact a short notice with a quick-reply link to a message (new messages, a
 * reminder), when the texting rules allow (an active contact with an email, a mobile in an
 * allowed country, a sender number, not opted out). Answers false, recording nothing, when
 * they do not: the caller then emails instead. In the caller's transaction.
 */
export async function textNotice(
  deps: Omit<TSmsDeps, 'db'>,
  tx: Db,
  input: {
    firmId: string;
    contactId: string;
    conversationId: string;
    messageId: string;
    text: (replyUrl: string) => string;
  },
): Promise<boolean> {
  // one transaction is one connection: its queries go one after another
  const firm = await getFirm(tx, input.firmId);
  const contact = await getContact(tx, input.firmId, input.contactId);
  if (!firm || !contact) return false;
  const sender = senderNumberOf(deps.config, firm);
  if (await refusalFor(tx, contact, firm, sender)) return false;
  await queueTextWithLink(
    deps,
    tx,
    {
      firmId: input.firmId,
      contactId: contact.id,
      conversationId: input.conversationId,
      messageId: input.messageId,
      to: toE164(contact.mobile!)!,
      from: sender!,
    },
    input.text,
  );
  return true;
}

/**
 * The composer's "Send as SMS" plan: each current client and third party of a conversation,
 * with the number that would be texted or the reason it would not be, exactly as a send would
 * decide now (opt-outs included).
 */
export async function getSmsPlan(deps: TSmsDeps, ctx: StaffContext, conversationId: string) {
  const conversation = await requireVisibleConversation(deps.db, ctx, conversationId);
  assertTextableConversation(conversation);
  const firm = await getFirm(deps.db, ctx.firmId);
  if (!firm) throw notFound('Conversation');
  const plans = await planTexts(deps.db, firm, senderNumberOf(deps.config, firm), conversationId);
  return {
    conversationId,
    recipients: plans.map((p) => ({
      contactId: p.contactId,
      name: p.name,
      to: p.to || null,
      reasonCode: p.refusal?.reason ?? null,
      reason: p.refusal?.detail ?? null,
    })),
  };
}

/** Only external matter conversations (with clients and third parties) are texted. */
function assertTextableConversation(conversation: { kind: string }): void {
  if (conversation.kind !== 'external_matter') {
    throw new AppError(
      'sms_not_available',
      422,
      'Only messages in external matter conversations (with clients and third parties) can be sent as texts',
    );
  }
}

/** Checks before a message may be texted: an external matter conversation, and words to text. */
export function assertTextable(conversation: { kind: string }, body: string): void {
  assertTextableConversation(conversation);
  if (!/\S/u.test(body)) throw new AppError('sms_needs_text', 422, 'A text needs words: write a message to send');
}

function toRecipient(row: TSmsRecipientRow) {
  return {
    id: row.id,
    contactId: row.contactId,
    name: row.contactName ?? 'Unknown',
    to: row.toAddress,
    status: statusOf(row.status),
    reason: row.statusDetail,
    reasonCode: row.statusReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    failedAt: row.failedAt?.toISOString() ?? null,
  };
}

async function requireVisibleMessage(db: Db, ctx: StaffContext, messageId: string) {
  const row = await messages.getMessage(db, ctx.firmId, messageId);
  const conversation = row ? await getVisibleConversation(db, ctx.firmId, ctx.staffId, row.conversationId) : undefined;
  if (!row || !conversation) throw notFound('Message');
  return { row, conversation };
}

/** A message's texts for staff: the latest per recipient, and every attempt (resends included), newest first. */
export async function getMessageTexts(db: Db, ctx: StaffContext, messageId: string) {
  await requireVisibleMessage(db, ctx, messageId);
  const rows = await listMessageTexts(db, ctx.firmId, [messageId]);
  const seen = new Set<string>();
  const recipients = rows.filter((r) => {
    const key = r.contactId ?? r.toAddress;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { messageId, recipients: recipients.map(toRecipient), items: rows.map(toRecipient) };
}

/** "Resend as SMS": texts an existing staff message again (to everyone, or the listed contacts). */
export async function resendAsSms(deps: TSmsDeps, ctx: StaffContext, messageId: string, contactIds?: string[]) {
  const { row, conversation } = await requireVisibleMessage(deps.db, ctx, messageId);
  await requireActiveParticipant(deps.db, ctx, row.conversationId);
  assertNotArchived(conversation);
  assertTextable(conversation, row.body);
  if (!row.authorStaffId) {
    throw new AppError('sms_not_available', 422, "Only the firm's own messages can be sent as texts");
  }
  await deps.db.transaction(async (tx) => {
    await textMessage(deps, tx, {
      firmId: ctx.firmId,
      conversationId: row.conversationId,
      messageId,
      body: row.body,
      contactIds,
    });
    await announceSmsStatus(tx, { firmId: ctx.firmId, conversationId: row.conversationId, messageId });
  });
  return getMessageTexts(deps.db, ctx, messageId);
}

const requireAdmin = (ctx: StaffContext) => {
  if (ctx.role !== 'admin') throw new AppError('admin_required', 403, 'Only firm admins can do this');
};

/** The firm's unrouted texts, newest first, with who they may be from and where they might belong. */
export async function listUnrouted(deps: TSmsDeps, ctx: StaffContext, options: { includeAssigned: boolean }) {
  requireAdmin(ctx);
  const rows = await repo.listUnroutedSms(deps.db, ctx.firmId, {
    includeAssigned: options.includeAssigned,
    limit: 200,
  });
  const since = new Date(deps.clock.now().getTime() - routingWindowDays * 24 * 3_600_000);
  const items = [];
  for (const r of rows) {
    const suggested = [];
    // Only where the text could be filed: conversations that still accept messages, with the sender in them.
    for (const c of await repo.listTextedConversationsOfFirm(deps.db, ctx.firmId, r.fromNumber, since)) {
      const conversation = await getVisibleConversation(deps.db, ctx.firmId, ctx.staffId, c.conversation_id);
      if (
        conversation &&
        !conversation.archivedAt &&
        (await repo.findParticipantByMobile(deps.db, ctx.firmId, conversation.id, r.fromNumber))
      ) {
        suggested.push({
          id: c.conversation_id,
          title: c.title,
          lastTextedAt: new Date(c.last_texted_at).toISOString(),
        });
      }
    }
    items.push({
      id: r.id,
      from: r.fromNumber,
      to: r.toNumber,
      body: r.body,
      reason: r.reason,
      receivedAt: r.receivedAt.toISOString(),
      contacts: await repo.findContactsByMobile(deps.db, ctx.firmId, r.fromNumber),
      suggestedConversations: suggested,
      assignedAt: r.assignedAt?.toISOString() ?? null,
      assignedConversationId: r.assignedConversationId,
      assignedMessageId: r.assignedMessageId,
    });
  }
  return { items };
}

/**
 * Files an unrouted text into a conversation: posted as a message from the conversation's
 * contact with that mobile, via `sms`, answering the message last texted to the number there.
 */
export async function assignUnrouted(deps: TSmsDeps, ctx: StaffContext, id: string, conversationId: string) {
  requireAdmin(ctx);
  const conversation = await requireVisibleConversation(deps.db, ctx, conversationId);
  if (conversation.kind !== 'external_matter') {
    throw new AppError('sms_not_available', 422, 'Texts can only be filed in external matter conversations');
  }
  assertNotArchived(conversation);
  const result = await deps.db.transaction(async (tx) => {
    const row = await repo.lockUnroutedSms(tx, ctx.firmId, id);
    if (!row) throw notFound('Text');
    if (row.assignedAt) {
      throw new AppError('already_assigned', 409, 'This text has already been filed in a conversation', {
        conversationId: row.assignedConversationId,
        messageId: row.assignedMessageId,
      });
    }
    const sender = await repo.findParticipantByMobile(tx, ctx.firmId, conversationId, row.fromNumber);
    if (!sender) {
      throw new AppError(
        'no_matching_contact',
        422,
        'No client or third party in this conversation has the mobile number this text came from',
      );
    }
    const inReplyTo = await repo.findLastTextedMessage(tx, ctx.firmId, conversationId, row.fromNumber);
    const posted = await postMessage(tx, {
      firmId: ctx.firmId,
      conversationId,
      conversationKind: conversation.kind,
      author: { contactId: sender.contactId },
      authorParticipantId: sender.participantId,
      body: clip(row.body, 2000) || '(empty text)',
      via: 'sms',
      idempotencyKey: `sms:${row.eventId}`,
      inReplyToMessageId: inReplyTo ?? undefined,
      now: deps.clock.now(),
    });
    const message =
      posted ??
      (await messages.findMessageByIdempotencyKey(
        tx,
        ctx.firmId,
        { contactId: sender.contactId },
        `sms:${row.eventId}`,
      ));
    if (!message) throw new AppError('internal_error', 500, 'The text could not be filed');
    await repo.markUnroutedAssigned(tx, ctx.firmId, id, {
      staffId: ctx.staffId,
      conversationId,
      messageId: message.id,
    });
    return message;
  });
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'sms.assign_unrouted',
    outcome: 'success',
    targetKind: 'conversation',
    targetId: conversationId,
    details: { unroutedId: id, messageId: result.id },
  });
  const [message] = await withReadBy(deps.db, ctx.firmId, conversationId, [result]);
  return { id, conversationId, message: message! };
}
