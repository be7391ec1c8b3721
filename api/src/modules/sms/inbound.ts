import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { getConversation } from '../conversations/repository.js';
import { getFirm } from '../firms/repository.js';
import { postMessage } from '../messages/post-message.js';
import type { Notifier } from '../notifications/notifier.js';
import {
  findSmsByProviderMessageId,
  getOutboxRow,
  lockTextForReport,
  recordDeliveryReport,
} from '../notifications/outbox-repository.js';
import { announceSmsStatus } from '../notifications/send-outbox.js';
import { decideDeliveryReport, readDeliveryStatus, reportTime } from './delivery-status.js';
import { setOptOut } from './opt-out-repository.js';
import { toE164 } from './phone.js';
import { readKeyword } from './read-keyword.js';
import * as repo from './repository.js';
import { routingWindowDays } from './service.js';

export type TInboundDeps = { config: TConfig; clock: Clock; notifier: Notifier };

/** `Microsoft.Communication.SMSReceived` data, numbers already in E.164. */
export type TSmsReceived = {
  messageId: string;
  from: string;
  to: string;
  message: string;
  receivedTimestamp: Date;
};

/** `Microsoft.Communication.SMSDeliveryReportReceived` data. */
export type TSmsDeliveryReport = {
  messageId: string;
  from: string;
  to: string;
  deliveryStatus: string;
  deliveryStatusDetails: string | null;
  receivedTimestamp: Date;
  attemptTimestamps: Date[];
  tag: string | null;
};

export type TOutcome = { outcome: string; firmId: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const days = (n: number) => n * 24 * 3_600_000;
const clip = (s: string, max: number) => {
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max).join('') : s;
};

/**
 * Applies a delivery report to its text, as `decideDeliveryReport` rules: by the report's own
 * time, whatever order reports are applied in, and never moving a delivered text. A status
 * Confer does not know changes nothing (outcome `unknown_delivery_status`; the event is kept).
 * The tag (`firmId:outboxId`) finds the row; without one, the ACS message id does.
 */
export async function applyDeliveryReport(tx: Db, report: TSmsDeliveryReport): Promise<TOutcome> {
  let target: { id: string; firmId: string | null } | undefined;
  const [firmPart, idPart] = (report.tag ?? '').split(':');
  if (idPart && uuidPattern.test(idPart) && (firmPart === '' || uuidPattern.test(firmPart ?? ''))) {
    const row = await getOutboxRow(tx, firmPart || null, idPart);
    if (row && (!row.providerMessageId || row.providerMessageId === report.messageId)) {
      target = { id: row.id, firmId: row.firmId };
    }
  }
  target ??= await findSmsByProviderMessageId(tx, report.messageId);
  if (!target) return { outcome: 'unknown_message', firmId: null };
  const reported = readDeliveryStatus(report.deliveryStatus);
  if (reported === 'unknown') return { outcome: 'unknown_delivery_status', firmId: target.firmId };
  const text = await lockTextForReport(tx, target.firmId, target.id);
  if (!text) return { outcome: 'unknown_message', firmId: null };
  const decision = decideDeliveryReport(text, { status: reported, at: reportTime(report) });
  if (!decision) return { outcome: 'no_change', firmId: target.firmId };
  const changed = await recordDeliveryReport(tx, target.firmId, target.id, {
    status: decision.status,
    providerStatus: clip(report.deliveryStatus, 100),
    providerStatusAt: decision.at,
    providerMessageId: report.messageId,
    reason: decision.status === 'failed' ? 'not_delivered' : null,
    detail:
      decision.status === 'failed'
        ? `not delivered: ${clip(report.deliveryStatusDetails || report.deliveryStatus, 200)}`
        : null,
  });
  if (!changed || changed.status === text.status) return { outcome: 'no_change', firmId: target.firmId };
  await announceSmsStatus(tx, changed);
  return { outcome: `status_${changed.status}`, firmId: target.firmId };
}

/** The firm a keyword or an unroutable text most likely concerns: the owner of the number, or the one firm that texted it. */
async function likelyFirm(tx: Db, sms: TSmsReceived, since: Date) {
  const owners = await repo.findFirmsBySenderNumber(tx, sms.to);
  if (owners.length === 1) return owners[0]!;
  const firms = await repo.findFirmsForNumber(tx, sms.from, sms.to, since);
  if (firms.length !== 1) return undefined;
  const firm = await getFirm(tx, firms[0]!);
  return firm ? { id: firm.id, name: firm.name } : undefined;
}

async function answerKeyword(deps: TInboundDeps, tx: Db, sms: TSmsReceived, keyword: 'stop' | 'start' | 'help') {
  const since = new Date(deps.clock.now().getTime() - days(routingWindowDays));
  const firm = await likelyFirm(tx, sms, since);
  const who = firm ? `${firm.name} (sent with Confer)` : 'Confer secure messaging';
  const reply = (text: string, kind: 'sms_keyword_reply' | 'sms_help_reply' = 'sms_keyword_reply') =>
    deps.notifier.queueSms(tx, { firmId: firm?.id ?? null, to: sms.from, from: sms.to, text, kind });
  if (keyword === 'help') {
    // at most one answer an hour: an auto-responder must not start a loop
    const recent = await repo.countTextsTo(
      tx,
      sms.from,
      'sms_help_reply',
      new Date(deps.clock.now().getTime() - 3_600_000),
    );
    if (recent === 0) {
      await reply(
        `Texts from ${who}. To read and reply securely, use the link in our message. Text STOP to opt out, START to opt back in.`,
        'sms_help_reply',
      );
    }
    return { outcome: 'help', firmId: firm?.id ?? null };
  }
  const optedOut = keyword === 'stop';
  const changed = await setOptOut(tx, {
    phoneNumber: sms.from,
    optedOut,
    at: sms.receivedTimestamp,
    firmId: firm?.id ?? null,
  });
  // one confirmation per change of state: a second STOP (or a late duplicate) sends nothing
  if (changed) {
    await reply(
      optedOut
        ? `You will get no more texts from ${who}. Text START to get them again.`
        : `You will get texts from ${who} again. Text STOP to opt out.`,
    );
  }
  return { outcome: changed ? (optedOut ? 'opted_out' : 'opted_in') : 'no_change', firmId: firm?.id ?? null };
}

/**
 * A text from a phone. Keywords and requests (`readKeyword`: STOP or a clear request to stop,
 * START, HELP) are answered and not posted, unless the text says more than the request: then
 * the words are also routed as a reply (the number stays opted out). A reply is posted into
 * the contact's conversation, via `sms`, answering the message last texted there, when
 * exactly one conversation texted the number (from the number it was sent to) in the last 3
 * months. Otherwise it is kept in the unrouted inbox of the firms it may concern, and the
 * sender is told (at most once a day, never after opting out) to use the link in the
 * original text.
 */
export async function receiveSms(deps: TInboundDeps, tx: Db, sms: TSmsReceived, eventId: string): Promise<TOutcome> {
  const request = readKeyword(sms.message);
  if (!request) return routeReply(deps, tx, sms, eventId, { tellSender: true });
  const answered = await answerKeyword(deps, tx, sms, request.keyword);
  if (!request.withMessage) return answered;
  // "Stop, I have found another firm": opted out, and the words still reach the conversation
  const routed = await routeReply(deps, tx, sms, eventId, { tellSender: false });
  return { outcome: `${answered.outcome}+${routed.outcome}`, firmId: routed.firmId ?? answered.firmId };
}

async function routeReply(
  deps: TInboundDeps,
  tx: Db,
  sms: TSmsReceived,
  eventId: string,
  options: { tellSender: boolean },
): Promise<TOutcome> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - days(routingWindowDays));
  const texted = await repo.findTextedConversations(tx, sms.from, sms.to, since);
  let reason = texted.length === 0 ? 'not_texted' : 'ambiguous';
  if (texted.length === 1) {
    const { firmId, conversationId } = texted[0]!;
    const conversation = await getConversation(tx, firmId, conversationId);
    const sender = await repo.findParticipantByMobile(tx, firmId, conversationId, sms.from);
    const body = clip(sms.message.trim(), 2000);
    if (conversation && !conversation.archivedAt && sender && body) {
      const inReplyTo = await repo.findLastTextedMessage(tx, firmId, conversationId, sms.from);
      await postMessage(tx, {
        firmId,
        conversationId,
        conversationKind: conversation.kind,
        author: { contactId: sender.contactId },
        authorParticipantId: sender.participantId,
        body,
        via: 'sms',
        idempotencyKey: `sms:${eventId}`,
        inReplyToMessageId: inReplyTo ?? undefined,
        now,
      });
      return { outcome: 'routed', firmId };
    }
    reason = 'conversation_closed';
  }
  const firms =
    texted.length > 0
      ? [...new Set(texted.map((t) => t.firmId))]
      : await repo.findFirmsForNumber(tx, sms.from, sms.to, since);
  for (const firmId of firms) {
    await repo.insertUnroutedSms(tx, firmId, {
      eventId,
      fromNumber: sms.from,
      toNumber: sms.to,
      body: clip(sms.message, 4000),
      reason,
      receivedAt: sms.receivedTimestamp,
    });
  }
  if (options.tellSender && (await repo.wasEverTexted(tx, sms.from))) {
    const recent = await repo.countTextsTo(tx, sms.from, 'sms_reply_notice', new Date(now.getTime() - days(1)));
    if (recent === 0) {
      const firm = firms.length === 1 ? await getFirm(tx, firms[0]!) : undefined;
      await deps.notifier.queueSms(tx, {
        firmId: firm?.id ?? null,
        to: sms.from,
        from: sms.to,
        kind: 'sms_reply_notice',
        text: `${firm ? `${firm.name}: w` : 'W'}e could not add your text to a conversation. To reply, please use the link in the message you are answering.`,
      });
    }
  }
  return { outcome: firms.length > 0 ? 'unrouted' : 'unattributed', firmId: firms.length === 1 ? firms[0]! : null };
}

/** Reads an event's phone number (with or without `+`) as E.164; undefined if it is not one. */
export const eventNumber = (raw: string) => toE164(raw);
