import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import { getFirm } from '../firms/repository.js';
import { keepUnrouted, postTextAsReply, type TInboundDeps, type TInboundText } from './file-reply.js';
import * as held from './held-replies-repository.js';
import type { THeldReply, TMatterChoice } from './held-replies-repository.js';
import { choiceConfirmationText, matterChoiceText, maxMatterChoices, readChoice } from './matter-choice-text.js';
import * as repo from './repository.js';

/** A held reply goes to the unrouted inbox when no matter is chosen within this time. */
export const holdHours = 24;

export type TInboundSms = TInboundText & { providerMessageId: string };

const textOf = (row: THeldReply): TInboundText => ({
  eventId: row.eventId,
  from: row.fromNumber,
  to: row.toNumber,
  body: row.body,
  receivedAt: row.receivedAt,
});

/**
 * The open conversations of the one firm a reply could be for, most recently texted first,
 * with the sender still in them: at most `maxMatterChoices` (the most recent). Empty when
 * the conversations concerned are more than one firm's (then the text is unrouted as before).
 */
export async function matterChoicesFor(
  tx: Db,
  firmIds: string[],
  sms: { from: string; to: string },
  since: Date,
): Promise<{ firmId: string; choices: TMatterChoice[] } | undefined> {
  if (firmIds.length !== 1) return undefined;
  const firmId = firmIds[0]!;
  const choices: TMatterChoice[] = [];
  for (const choice of await held.listMatterChoices(tx, firmId, sms.from, sms.to, since, 20)) {
    if (await repo.findParticipantByMobile(tx, firmId, choice.conversationId, sms.from)) choices.push(choice);
    if (choices.length === maxMatterChoices) break;
  }
  return { firmId, choices };
}

/** Opens a hold with this text and texts the sender the numbered list, once. */
export async function openHold(
  deps: TInboundDeps,
  tx: Db,
  sms: TInboundSms,
  firmId: string,
  choices: TMatterChoice[],
): Promise<void> {
  const firm = await getFirm(tx, firmId);
  const id = randomUUID();
  const row = await held.insertHeldReply(tx, firmId, {
    id,
    holdId: id,
    eventId: sms.eventId,
    providerMessageId: sms.providerMessageId,
    fromNumber: sms.from,
    toNumber: sms.to,
    body: sms.body,
    receivedAt: sms.receivedAt,
    candidates: choices.map((c) => c.conversationId),
    expiresAt: new Date(deps.clock.now().getTime() + holdHours * 3_600_000),
  });
  if (!row) return; // this event's text is already held
  const outboxId = await deps.notifier.queueSms(tx, {
    firmId,
    to: sms.from,
    from: sms.to,
    kind: 'sms_matter_list',
    text: matterChoiceText(firm?.name ?? 'Confer', choices),
  });
  await held.recordListText(tx, firmId, id, { outboxId });
}

/** Texts the list again, worded as a reminder: at most once per hold. */
async function remindOnce(deps: TInboundDeps, tx: Db, opener: THeldReply): Promise<boolean> {
  if (opener.listResentAt) return false;
  const firm = await getFirm(tx, opener.firmId);
  const choices = await held.getMatterChoices(tx, opener.firmId, opener.candidates);
  await deps.notifier.queueSms(tx, {
    firmId: opener.firmId,
    to: opener.fromNumber,
    from: opener.toNumber,
    kind: 'sms_matter_list',
    text: matterChoiceText(firm?.name ?? 'Confer', choices, true),
  });
  await held.recordListText(tx, opener.firmId, opener.id, { resentAt: deps.clock.now() });
  return true;
}

/** Moves the held texts to the unrouted inbox of their firm (never lost, never twice). */
export async function releaseHeld(
  deps: TInboundDeps,
  tx: Db,
  rows: THeldReply[],
  reason: 'expired' | 'opted_out' | 'conversation_closed',
  options: { tellSender: boolean },
): Promise<void> {
  for (const [i, row] of rows.entries()) {
    await keepUnrouted(
      deps,
      tx,
      textOf(row),
      [row.firmId],
      reason === 'conversation_closed' ? 'conversation_closed' : 'ambiguous',
      { tellSender: options.tellSender && i === 0 },
    );
    await held.closeHeldReply(tx, row.firmId, row.id, { state: 'unrouted', reason });
  }
}

/**
 * A text from a number whose replies are held. A number from the list routes every held text,
 * in order, into that conversation (the number itself is not posted) and confirms by a short
 * text; any other number, or words, re-texts the list once per hold; words are held too.
 */
export async function answerHold(
  deps: TInboundDeps,
  tx: Db,
  sms: TInboundSms,
  rows: THeldReply[],
): Promise<{ outcome: string; firmId: string }> {
  const opener = rows.find((r) => r.id === r.holdId) ?? rows[0]!;
  const { firmId } = opener;
  const choice = readChoice(sms.body);
  if (choice === undefined) {
    await held.insertHeldReply(tx, firmId, {
      holdId: opener.holdId,
      eventId: sms.eventId,
      providerMessageId: sms.providerMessageId,
      fromNumber: sms.from,
      toNumber: sms.to,
      body: sms.body,
      receivedAt: sms.receivedAt,
      candidates: opener.candidates,
      expiresAt: opener.expiresAt,
    });
    await remindOnce(deps, tx, opener);
    return { outcome: 'held', firmId };
  }
  if (choice < 1 || choice > opener.candidates.length) {
    return { outcome: (await remindOnce(deps, tx, opener)) ? 'held_choice_out_of_range' : 'no_change', firmId };
  }
  const conversationId = opener.candidates[choice - 1]!;
  const now = deps.clock.now();
  const posted: string[] = [];
  for (const row of rows) {
    const messageId = await postTextAsReply(tx, now, { firmId, conversationId }, textOf(row));
    if (!messageId) break;
    posted.push(messageId);
    await held.closeHeldReply(tx, firmId, row.id, { state: 'routed', reason: 'chosen', conversationId, messageId });
  }
  if (posted.length < rows.length) {
    // the conversation closed (or the sender left) since the list was sent: kept for the admins
    await releaseHeld(deps, tx, rows.slice(posted.length), 'conversation_closed', { tellSender: true });
    return { outcome: 'held_unrouted', firmId };
  }
  const firm = await getFirm(tx, firmId);
  const [chosen] = await held.getMatterChoices(tx, firmId, [conversationId]);
  await deps.notifier.queueSms(tx, {
    firmId,
    to: sms.from,
    from: sms.to,
    kind: 'sms_matter_chosen',
    text: choiceConfirmationText(firm?.name ?? 'Confer', chosen!),
  });
  return { outcome: 'held_routed', firmId };
}

/** Holds of this number unanswered past their time go to the unrouted inbox first. */
export async function expireHoldsOf(deps: TInboundDeps, tx: Db, rows: THeldReply[]): Promise<THeldReply[]> {
  const now = deps.clock.now().getTime();
  const due = rows.filter((r) => r.expiresAt.getTime() <= now);
  if (due.length > 0) await releaseHeld(deps, tx, due, 'expired', { tellSender: true });
  return rows.filter((r) => r.expiresAt.getTime() > now);
}

/** The sweep: every hold unanswered for `holdHours` goes to the unrouted inbox, each in its own transaction. */
export async function expireHeldReplies(deps: TInboundDeps & { db: Db }, limit = 500): Promise<number> {
  let expired = 0;
  for (const hold of await held.listExpiredHolds(deps.db, deps.clock.now(), limit)) {
    await deps.db.transaction(async (tx) => {
      const rows = await held.lockHold(tx, hold.firm_id, hold.hold_id);
      const due = rows.filter((r) => r.expiresAt.getTime() <= deps.clock.now().getTime());
      if (due.length === 0) return;
      await releaseHeld(deps, tx, due, 'expired', { tellSender: true });
      expired += due.length;
    });
  }
  return expired;
}
