import type { Db } from '../../db/connect.js';
import { getFirm } from '../firms/repository.js';
import {
  findSmsByProviderMessageId,
  getOutboxRow,
  lockTextForReport,
  recordDeliveryReport,
} from '../notifications/outbox-repository.js';
import { announceSmsStatus } from '../notifications/send-outbox.js';
import { decideDeliveryReport, readDeliveryStatus, reportTime } from './delivery-status.js';
import { keepUnrouted, postTextAsReply, type TInboundDeps } from './file-reply.js';
import { lockOpenHold } from './held-replies-repository.js';
import { answerHold, expireHoldsOf, matterChoicesFor, openHold, releaseHeld } from './held-replies.js';
import { isOptedOut, setOptOut } from './opt-out-repository.js';
import { toE164 } from './phone.js';
import { readKeyword } from './read-keyword.js';
import * as repo from './repository.js';
import { routingWindowDays } from './service.js';

export type { TInboundDeps } from './file-reply.js';

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
 * the words are also routed as a reply (the number stays opted out). STOP also ends a hold:
 * its held texts go to the unrouted inbox. A reply is posted into the contact's conversation,
 * via `sms`, answering the message last texted there, when exactly one conversation texted
 * the number (from the number it was sent to) in the last 3 months. When several open
 * conversations of one firm did, the text is held and the sender asked which matter it is for
 * (`held-replies.ts`). Otherwise it is kept in the unrouted inbox of the firms it may concern,
 * and the sender is told (at most once a day, never after opting out) to use the link in the
 * original text.
 */
export async function receiveSms(deps: TInboundDeps, tx: Db, sms: TSmsReceived, eventId: string): Promise<TOutcome> {
  const request = readKeyword(sms.message);
  if (!request) return routeReply(deps, tx, sms, eventId, { tellSender: true });
  const answered = await answerKeyword(deps, tx, sms, request.keyword);
  if (request.keyword === 'stop') {
    // STOP wins over a hold: nothing more is texted, and the held texts are kept for the admins
    const open = await lockOpenHold(tx, sms.from, sms.to);
    await releaseHeld(deps, tx, open, 'opted_out', { tellSender: false });
  }
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
  const text = { eventId, from: sms.from, to: sms.to, body: sms.message, receivedAt: sms.receivedTimestamp };
  const open = await expireHoldsOf(deps, tx, await lockOpenHold(tx, sms.from, sms.to));
  if (open.length > 0) return answerHold(deps, tx, { ...text, providerMessageId: sms.messageId }, open);
  const since = new Date(now.getTime() - days(routingWindowDays));
  const texted = await repo.findTextedConversations(tx, sms.from, sms.to, since);
  let reason = texted.length === 0 ? 'not_texted' : 'ambiguous';
  if (texted.length === 1) {
    const { firmId, conversationId } = texted[0]!;
    if (await postTextAsReply(tx, now, { firmId, conversationId }, text)) return { outcome: 'routed', firmId };
    reason = 'conversation_closed';
  }
  const firms =
    texted.length > 0
      ? [...new Set(texted.map((t) => t.firmId))]
      : await repo.findFirmsForNumber(tx, sms.from, sms.to, since);
  if (texted.length > 1 && Array.from(sms.message.trim()).length > 0 && !(await isOptedOut(tx, sms.from))) {
    const offer = await matterChoicesFor(tx, firms, sms, since);
    if (offer && offer.choices.length > 1) {
      await openHold(deps, tx, { ...text, providerMessageId: sms.messageId }, offer.firmId, offer.choices);
      return { outcome: 'held', firmId: offer.firmId };
    }
  }
  await keepUnrouted(deps, tx, text, firms, reason, options);
  return { outcome: firms.length > 0 ? 'unrouted' : 'unattributed', firmId: firms.length === 1 ? firms[0]! : null };
}

/** Reads an event's phone number (with or without `+`) as E.164; undefined if it is not one. */
export const eventNumber = (raw: string) => toE164(raw);
