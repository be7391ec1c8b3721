import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { TConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import { queryRows } from '../db/query-rows.js';
import type { BlobStore } from '../integrations/blob-storage/blob-store.js';
import type { MessageProviders } from '../integrations/acs/providers.js';
import type { Logger } from '../logger.js';
import { keepIdempotencyKeysHours } from '../http/run-idempotent.js';
import { deleteKeysBefore } from '../modules/idempotency/repository.js';
import { createNotifier } from '../modules/notifications/notifier.js';
import { expireStaleOutbox, listOverdueOutbox } from '../modules/notifications/outbox-repository.js';
import { sendOutbox, type TSendOutboxJob } from '../modules/notifications/send-outbox.js';
import { processUnseenBatch } from '../modules/notifications/unseen-emails.js';
import { listDueBatches } from '../modules/notifications/unseen-repository.js';
import { listStaleEvents } from '../modules/webhooks/repository.js';
import { expireHeldReplies } from '../modules/sms/held-replies.js';
import { processAcsEvent } from '../modules/webhooks/service.js';
import { generatePreview, type TMakeFilePreviewJob } from '../modules/files/generate-preview.js';
import { expireStalePreviews, listStalePreviews } from '../modules/files/previews-repository.js';
import { runAcknowledgementStep } from '../modules/acknowledgements/run-step.js';
import { listDueDeferredReminders, listDueSteps } from '../modules/acknowledgements/repository.js';
import type { TStepJob } from '../modules/acknowledgements/service.js';
import { queueNames, type JobQueue } from './job-queue.js';
import { sweepAbandonedUploads } from './sweep-abandoned-uploads.js';

export type TBackgroundDeps = {
  db: Db;
  blobs: BlobStore;
  config: TConfig;
  clock: Clock;
  sealKey: Buffer;
  logger: Logger;
  jobs: JobQueue;
  providers: MessageProviders;
};

export type BackgroundJobs = {
  /** One sweep now (tests; the timer asks for one every `sweepEveryMs`). */
  sweepNow(): Promise<void>;
  /** One upload sweep now (tests; it is scheduled every minute, asked for at start and one threshold after). */
  sweepUploadsNow(): Promise<number>;
  /** Stops asking for sweeps; the workers stop with the job queue. */
  stop(): void;
};

const errorOf = (error: unknown) => ({
  name: (error as Error)?.name,
  message: String((error as Error)?.message).slice(0, 200),
});

/**
 * The workers: sending outbox rows, applying ACS events, deciding new-message emails, making
 * file previews, and
 * the periodic sweep that re-enqueues whatever is overdue (a crash between a commit and its
 * job, retries exhausted during a long outage) so nothing is lost.
 */
export async function startBackgroundJobs(deps: TBackgroundDeps): Promise<BackgroundJobs> {
  const { db, jobs, logger, clock } = deps;
  const notifier = createNotifier(deps.sealKey, jobs);
  const logged =
    <T>(queue: string, fn: (data: T) => Promise<void>) =>
    async (job: { data: T }) => {
      try {
        await fn(job.data);
      } catch (error) {
        logger.warn({ queue, err: errorOf(error) }, 'job failed; it will be retried');
        throw error;
      }
    };

  await jobs.work<TSendOutboxJob>(
    queueNames.sendOutbox,
    (job) => sendOutbox({ db, sealKey: deps.sealKey, providers: deps.providers, jobs, logger }, job),
    { workers: jobs.options.sendWorkers },
  );
  await jobs.work<{ eventId: string }>(
    queueNames.acsEvent,
    logged(queueNames.acsEvent, (data) =>
      processAcsEvent({ db, sealKey: deps.sealKey, config: deps.config, clock, notifier, logger }, data.eventId),
    ),
  );
  await jobs.work<{ firmId: string; batchId: string }>(
    queueNames.unseenEmail,
    logged(queueNames.unseenEmail, (data) =>
      processUnseenBatch({ db, config: deps.config, clock, notifier }, data.firmId, data.batchId),
    ),
  );
  // one preview at a time per process: background work beside the requests (make-preview.ts)
  await jobs.work<TMakeFilePreviewJob>(
    queueNames.makeFilePreview,
    logged(queueNames.makeFilePreview, (data) => generatePreview({ db, blobs: deps.blobs, logger }, data)),
  );

  await jobs.work<TStepJob>(
    queueNames.acknowledgementStep,
    logged(queueNames.acknowledgementStep, (data) =>
      runAcknowledgementStep({ db, config: deps.config, clock, notifier, jobs }, data),
    ),
  );

  const stale = jobs.options.staleAfterSeconds;
  const sweepNow = async () => {
    const expired = await expireStaleOutbox(db);
    if (expired > 0) logger.warn({ expired }, 'gave up on unsent emails or texts');
    for (const row of await listOverdueOutbox(db, stale, 500)) {
      await jobs.enqueue(queueNames.sendOutbox, { outboxId: row.id, firmId: row.firm_id }, { singletonKey: row.id });
    }
    for (const event of await listStaleEvents(db, stale, 500)) {
      await jobs.enqueue(queueNames.acsEvent, { eventId: event.id }, { singletonKey: event.id });
    }
    for (const batch of await listDueBatches(db, clock.now(), 500)) {
      await jobs.enqueue(
        queueNames.unseenEmail,
        { firmId: batch.firm_id, batchId: batch.id },
        { singletonKey: batch.id },
      );
    }
    // previews whose job was lost or never asked for (generated documents, form files)
    const gaveUp = await expireStalePreviews(db);
    if (gaveUp > 0) logger.warn({ gaveUp }, 'gave up on file previews');
    for (const row of await listStalePreviews(db, stale, 500)) {
      await jobs.enqueue(
        queueNames.makeFilePreview,
        { firmId: row.firm_id, versionId: row.version_id },
        { singletonKey: row.version_id },
      );
    }
    // acknowledge-by steps whose job did not run by their time (lost, or the app's clock was moved)
    const lateSince = new Date(clock.now().getTime() - stale * 1000);
    for (const step of await listDueSteps(db, lateSince, 500)) {
      await jobs.enqueue(queueNames.acknowledgementStep, step);
    }
    // reminders held back by a client's quiet hours, due by the app's clock
    for (const reminder of await listDueDeferredReminders(db, lateSince, 500)) {
      await jobs.enqueue(queueNames.acknowledgementStep, reminder);
    }
    // text replies held 24 hours without a choice of matter go to the unrouted inbox
    await expireHeldReplies({ db, config: deps.config, clock, notifier });
    // Idempotency-Key records past their retention (what their requests created stays)
    await deleteKeysBefore(db, new Date(clock.now().getTime() - keepIdempotencyKeysHours * 3_600_000), 1000);
  };
  await jobs.work(queueNames.sweep, logged(queueNames.sweep, sweepNow));

  // Uploads whose request died (a crash, a lost instance) left staged blocks: they go once
  // silent for `abandonedAfterMs`, measured on the database's clock like their heartbeats.
  const sweepUploadsNow = async () => {
    const [row] = await queryRows<{ now: Date | string }>(db, sql`select clock_timestamp() as now`);
    const silentSince = new Date(new Date(row!.now).getTime() - deps.config.uploads.abandonedAfterMs);
    return sweepAbandonedUploads({ db, blobs: deps.blobs, logger }, silentSince);
  };
  await jobs.work(
    queueNames.sweepUploads,
    logged(queueNames.sweepUploads, async () => {
      await sweepUploadsNow();
    }),
  );
  await jobs.schedule(queueNames.sweepUploads, '* * * * *');
  await jobs.enqueue(queueNames.sweepUploads, {});
  // Uploads a killed process left are silent long enough one threshold after this start at
  // the latest: sweep them then, rather than up to a minute later at the schedule's next tick.
  await jobs.enqueue(
    queueNames.sweepUploads,
    {},
    { startAfterSeconds: Math.ceil(deps.config.uploads.abandonedAfterMs / 1000) + 5 },
  );
  const timer = setInterval(() => {
    jobs
      .enqueue(queueNames.sweep, {}, { singletonKey: 'sweep' })
      .catch((error: unknown) => logger.warn({ err: errorOf(error) }, 'could not ask for a sweep'));
  }, jobs.options.sweepEveryMs);
  timer.unref();
  return { sweepNow, sweepUploadsNow, stop: () => clearInterval(timer) };
}
