import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import { seal, unseal } from '../../integrations/secrets/seal.js';
import type { Logger } from '../../logger.js';
import { queueNames, type JobQueue } from '../../jobs/job-queue.js';
import { applyDeliveryReport, eventNumber, receiveSms, type TInboundDeps, type TOutcome } from '../sms/inbound.js';
import { eventTypes, parseDelivery, type ZDeliveryReportData, type ZSmsReceivedData } from './acs-events.js';
import * as repo from './repository.js';
import type { z } from 'zod';

export type TWebhookDeps = { db: Db; sealKey: Buffer; jobs?: JobQueue };

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export type TReceiveResult = { validationResponse: string } | { accepted: number; duplicates: number; ignored: number };

/**
 * Takes one Event Grid delivery (already authenticated): answers the subscription
 * validation handshake, or stores each SMS event once by its id (sealed) with a job to apply
 * it, in one transaction. Other event types are acknowledged and ignored.
 */
export async function receiveAcsEvents(deps: TWebhookDeps, body: unknown): Promise<TReceiveResult> {
  const events = parseDelivery(body);
  const validation = events.find((e) => e.type === eventTypes.validation);
  if (validation) return { validationResponse: (validation.data as { validationCode: string }).validationCode };
  let accepted = 0;
  let duplicates = 0;
  let ignored = 0;
  await deps.db.transaction(async (tx) => {
    for (const event of events) {
      if (event.type !== eventTypes.smsReceived && event.type !== eventTypes.deliveryReport) {
        ignored += 1;
        continue;
      }
      const stored = await repo.insertWebhookEvent(tx, {
        id: event.id,
        type: event.type,
        sealed: seal(deps.sealKey, event.data),
      });
      if (!stored) {
        duplicates += 1;
        continue;
      }
      accepted += 1;
      await deps.jobs?.enqueue(queueNames.acsEvent, { eventId: event.id }, { singletonKey: event.id }, tx);
    }
  });
  return { accepted, duplicates, ignored };
}

export type TProcessDeps = TInboundDeps & { db: Db; sealKey: Buffer; logger: Logger };

/**
 * Applies one stored event, once: the event row is locked and marked processed in the same
 * transaction as its effects, so a repeated job (or a concurrent one) finds nothing to do.
 */
export async function processAcsEvent(deps: TProcessDeps, eventId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const event = await repo.lockUnprocessedEvent(tx, eventId);
    if (!event) return;
    let result: TOutcome;
    if (event.type === eventTypes.smsReceived) {
      const data = unseal<z.infer<typeof ZSmsReceivedData>>(deps.sealKey, event.sealed);
      const from = eventNumber(data.from);
      // our own number: a short code or a number libphonenumber does not know is still ours
      const to = eventNumber(data.to) ?? (/^\+?\d{3,15}$/.test(data.to) ? `+${data.to.replace(/^\+/, '')}` : undefined);
      result =
        from && to
          ? await receiveSms(
              deps,
              tx,
              {
                messageId: data.messageId,
                from,
                to,
                message: data.message,
                receivedTimestamp: new Date(data.receivedTimestamp),
              },
              event.id,
            )
          : { outcome: 'invalid_number', firmId: null };
    } else if (event.type === eventTypes.deliveryReport) {
      const data = unseal<z.infer<typeof ZDeliveryReportData>>(deps.sealKey, event.sealed);
      result = await applyDeliveryReport(tx, {
        messageId: data.messageId,
        from: data.from,
        to: data.to,
        deliveryStatus: data.deliveryStatus,
        deliveryStatusDetails: data.deliveryStatusDetails ?? null,
        receivedTimestamp: new Date(data.receivedTimestamp),
        attemptTimestamps: (data.deliveryAttempts ?? []).map((a) => new Date(a.timestamp)),
        tag: data.tag ?? null,
      });
      if (result.outcome === 'unknown_delivery_status') {
        // kept with its event and not final; the status is ACS's word, never message text
        deps.logger.warn(
          { eventId: event.id, deliveryStatus: data.deliveryStatus.replace(/[^\w .-]/gu, '?').slice(0, 100) },
          'delivery report with a status Confer does not know: the text keeps its status',
        );
      }
    } else {
      result = { outcome: 'ignored', firmId: null };
    }
    await repo.markEventProcessed(tx, event.id, result.outcome, result.firmId);
  });
}
