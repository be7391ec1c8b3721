import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.js';
import type { MessageProviders } from '../../integrations/acs/providers.js';
import { PermanentSendError } from '../../integrations/acs/send-contract.js';
import { unseal } from '../../integrations/secrets/seal.js';
import type { JobQueue, TJob } from '../../jobs/job-queue.js';
import type { Logger } from '../../logger.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { listEventRecipients } from '../conversations/repository.js';
import { isOptedOut, optedOutDetail } from '../sms/opt-out-repository.js';
import {
  advanceOutboxStatus,
  claimOutbox,
  releaseOutbox,
  wipeOutboxContent,
  type TOutboxRow,
} from './outbox-repository.js';

export type TSendOutboxDeps = {
  db: Db;
  sealKey: Buffer;
  providers: MessageProviders;
  jobs: JobQueue;
  logger: Logger;
};

export type TSendOutboxJob = { outboxId: string; firmId: string | null };

/** A claim outlasts any single provider call (they time out after a minute). */
const claimSeconds = 120;

/**
 * Tells the staff in a text's conversation that its delivery status changed (ids only), in
 * the caller's transaction when given one.
 */
export async function announceSmsStatus(db: Db, row: Pick<TOutboxRow, 'firmId' | 'conversationId' | 'messageId'>) {
  if (!row.firmId || !row.conversationId || !row.messageId) return;
  const { firmId, conversationId, messageId } = row;
  const inTransaction = <T>(fn: (tx: Db) => Promise<T>) =>
    (db as unknown) instanceof PgTransaction ? fn(db) : db.transaction((tx) => fn(tx));
  await inTransaction(async (tx) => {
    const recipients = await listEventRecipients(tx, firmId, conversationId);
    await publishEvent(tx, {
      firmId,
      type: 'message.sms',
      conversationId,
      staffIds: recipients.staffIds,
      payload: { messageId, conversationId },
    });
  });
}

/**
 * One hand-over of one outbox row to its provider. The row is claimed first, so two jobs for
 * the same row never send at once, and a row already sent is skipped. A transient failure
 * puts the row back to pending and throws (pg-boss retries with backoff); a permanent one
 * marks it failed. Provider idempotency (the outbox id as ACS's Operation-Id and SMS
 * repeatability id) covers a retry after a success whose answer was lost.
 */
export async function sendOutbox(deps: TSendOutboxDeps, job: TJob<TSendOutboxJob>): Promise<void> {
  const { db, jobs, providers } = deps;
  const { outboxId, firmId } = job.data;
  const { retryDelaySeconds, staleAfterSeconds } = jobs.options;
  const retriesLeft = job.retryCount < job.retryLimit;
  // the latest the next pg-boss retry starts (its backoff has jitter up to 2x), plus the stale delay
  const nextAttemptInSeconds = retriesLeft
    ? retryDelaySeconds * 2 ** (job.retryCount + 1) + staleAfterSeconds
    : staleAfterSeconds;
  const row = await claimOutbox(db, firmId, outboxId, { claimSeconds, nextAttemptInSeconds });
  if (!row) return;
  const usesAcs = (row.channel === 'email' ? providers.email : providers.sms) === 'acs';

  const finish = async (change: Parameters<typeof advanceOutboxStatus>[3]) => {
    const changed = await advanceOutboxStatus(db, firmId, outboxId, change);
    if (!changed && change.wipe) {
      // a delivery report got there first: still drop the content
      await wipeOutboxContent(db, firmId, outboxId);
    }
    if (changed && row.channel === 'sms') await announceSmsStatus(db, changed);
  };

  if (!row.sealed) {
    await finish({ status: 'failed', reason: 'no_content', detail: 'Nothing to send' });
    return;
  }
  const answersKeyword = row.kind === 'sms_keyword_reply' || row.kind === 'sms_help_reply';
  if (row.channel === 'sms' && !answersKeyword && (await isOptedOut(db, row.toAddress))) {
    await finish({
      status: 'opted_out',
      reason: 'opted_out',
      detail: optedOutDetail,
      wipe: true,
    });
    return;
  }
  try {
    const result =
      row.channel === 'email'
        ? await providers.sendEmail({
            outboxId,
            to: row.toAddress,
            ...unseal<{ subject: string; text: string; html: string }>(deps.sealKey, row.sealed),
          })
        : await providers.sendSms({
            outboxId,
            firmId: row.firmId,
            from: row.fromAddress ?? '',
            to: row.toAddress,
            text: unseal<{ text: string }>(deps.sealKey, row.sealed).text,
            firstAttemptAt: row.firstAttemptAt ?? new Date(),
          });
    await finish({
      status: 'sent',
      providerMessageId: result.providerMessageId,
      wipe: usesAcs,
    });
  } catch (error) {
    if (error instanceof PermanentSendError) {
      await finish({ status: 'failed', reason: error.reason, detail: error.detail, wipe: usesAcs });
      return;
    }
    await releaseOutbox(db, firmId, outboxId);
    deps.logger.warn(
      {
        outboxId,
        channel: row.channel,
        attempt: row.attempts,
        retriesLeft,
        err: { name: (error as Error).name, message: String((error as Error).message).slice(0, 200) },
      },
      'send failed; it will be retried',
    );
    throw error;
  }
}
