import type { Db } from '../db/connect.js';
import type { BlobStore } from '../integrations/blob-storage/blob-store.js';
import type { Logger } from '../logger.js';
import { discardStagedFiles } from '../modules/files/receive-upload.js';
import { listAbandonedUploads } from '../modules/files/pending-uploads-repository.js';

/**
 * Removes the staged blocks (and any blob) of uploads that never finished: a crash, a
 * client that vanished, a request refused mid-stream whose cleanup failed. A running upload
 * marks itself alive (keep-uploads-alive.ts), so only uploads silent since `silentSince` go.
 * Runs as the `sweep-uploads` job (background-jobs.ts). Returns how many uploads it cleared.
 */
export async function sweepAbandonedUploads(
  deps: { db: Db; blobs: BlobStore; logger?: Logger },
  silentSince: Date,
): Promise<number> {
  let cleared = 0;
  for (let round = 0; round < 100; round++) {
    const rows = await listAbandonedUploads(deps.db, silentSince, 100);
    if (rows.length === 0) break;
    for (const row of rows) {
      await discardStagedFiles({ db: deps.db, blobs: deps.blobs, firmId: row.firmId }, [row.blobName]);
      cleared += 1;
    }
  }
  if (cleared > 0) deps.logger?.info({ cleared }, 'swept abandoned uploads');
  return cleared;
}
