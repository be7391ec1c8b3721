import type { Db } from '../db/connect.js';
import type { BlobStore } from '../integrations/blob-storage/blob-store.js';
import type { Logger } from '../logger.js';
import { clearStagedBlocks } from '../modules/files/clear-staged-blocks.js';
import { deleteAbandonedUpload, listAbandonedUploads } from '../modules/files/pending-uploads-repository.js';

/** Uploads one run looks at, at most (the job runs every minute: the rest wait for the next). */
export const sweepUploadsPerRun = 1000;
const page = 100;

/**
 * Removes the staged blocks of uploads that never finished: a crash, a client that vanished,
 * a request refused mid-stream whose cleanup failed. A running upload marks itself alive
 * (keep-uploads-alive.ts), so only uploads silent since `silentSince` go. Only staged,
 * never-committed blocks are removed (`clearStagedBlocks`): a blob with committed content is
 * left as it is. Each upload is handled on its own: one that fails keeps its row (the next
 * run tries again) and the run goes on with the others. Runs as the `sweep-uploads` job
 * (background-jobs.ts). Returns how many uploads it swept.
 */
export async function sweepAbandonedUploads(
  deps: { db: Db; blobs: BlobStore; logger?: Logger },
  silentSince: Date,
): Promise<number> {
  let swept = 0;
  let failed = 0;
  let seen = 0;
  let after: { firmId: string; blobName: string } | undefined;
  while (seen < sweepUploadsPerRun) {
    const rows = await listAbandonedUploads(deps.db, silentSince, Math.min(page, sweepUploadsPerRun - seen), after);
    for (const row of rows) {
      seen += 1;
      try {
        const outcome = await clearStagedBlocks(deps.blobs, row.blobName);
        await deleteAbandonedUpload(deps.db, row.firmId, row.blobName, silentSince);
        swept += 1;
        // ids only: the blob name is `<firm>/<uuid>`, chosen by the server
        deps.logger?.info(
          { firmId: row.firmId, blobName: row.blobName, outcome },
          outcome === 'cleared'
            ? 'swept an abandoned upload: its staged blocks are removed'
            : 'swept an abandoned upload: its blob was committed and is kept',
        );
      } catch (error) {
        failed += 1;
        deps.logger?.warn(
          {
            firmId: row.firmId,
            blobName: row.blobName,
            err: { name: (error as Error)?.name, message: String((error as Error)?.message).slice(0, 200) },
          },
          'could not sweep an abandoned upload; the next sweep tries again',
        );
      }
    }
    if (rows.length < page) break;
    after = rows.at(-1);
  }
  if (swept > 0 || failed > 0) deps.logger?.info({ swept, failed }, 'swept abandoned uploads');
  return swept;
}
