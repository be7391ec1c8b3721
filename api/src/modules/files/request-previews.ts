import type { Db } from '../../db/connect.js';
import { queueNames, type JobQueue } from '../../jobs/job-queue.js';
import { hasPreview } from './preview-types.js';

/**
 * Asks for the previews of versions just recorded (their rows were written pending with them):
 * one make-file-preview job each, inserted in the same transaction, so the job exists if and
 * only if the upload commits. The upload does not wait for the preview. Without a job queue
 * (or for paths that do not ask) the sweep enqueues pending previews after a minute.
 */
export async function requestPreviews(
  jobs: JobQueue | undefined,
  tx: Db,
  firmId: string,
  versions: { id: string; contentType: string }[],
): Promise<void> {
  if (!jobs) return;
  for (const v of versions) {
    if (hasPreview(v.contentType)) {
      await jobs.enqueue(queueNames.makeFilePreview, { firmId, versionId: v.id }, { singletonKey: v.id }, tx);
    }
  }
}
