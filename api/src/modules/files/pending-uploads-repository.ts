import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { pendingUploads } from '../../db/schema.js';

export async function insertPendingUpload(db: Db, firmId: string, blobName: string): Promise<void> {
  await db.insert(pendingUploads).values({ firmId, blobName });
}

export async function deletePendingUploads(db: Db, firmId: string, blobNames: string[]): Promise<void> {
  if (blobNames.length === 0) return;
  await db
    .delete(pendingUploads)
    .where(and(eq(pendingUploads.firmId, firmId), inArray(pendingUploads.blobName, blobNames)));
}

/** A running upload's heartbeat (see keep-uploads-alive.ts). */
export async function touchPendingUploads(db: Db, firmId: string, blobNames: string[]): Promise<void> {
  if (blobNames.length === 0) return;
  await db
    .update(pendingUploads)
    .set({ lastActiveAt: sql`clock_timestamp()` })
    .where(and(eq(pendingUploads.firmId, firmId), inArray(pendingUploads.blobName, blobNames)));
}

/**
 * The sweep job's view: uploads not heard from since `silentSince`, every firm, in key order
 * after `after` (a page at a time, so a row the sweep could not clear does not hold up the rest).
 */
export async function listAbandonedUploads(
  db: Db,
  silentSince: Date,
  limit: number,
  after?: { firmId: string; blobName: string },
) {
  return db
    .select({ firmId: pendingUploads.firmId, blobName: pendingUploads.blobName })
    .from(pendingUploads)
    .where(
      and(
        lt(pendingUploads.lastActiveAt, silentSince),
        after
          ? sql`(${pendingUploads.firmId}, ${pendingUploads.blobName}) > (${after.firmId}::uuid, ${after.blobName})`
          : undefined,
      ),
    )
    .orderBy(asc(pendingUploads.firmId), asc(pendingUploads.blobName))
    .limit(limit);
}

/** Removes a swept upload's row, unless its upload has been heard from since `silentSince`. */
export async function deleteAbandonedUpload(
  db: Db,
  firmId: string,
  blobName: string,
  silentSince: Date,
): Promise<boolean> {
  const rows = await db
    .delete(pendingUploads)
    .where(
      and(
        eq(pendingUploads.firmId, firmId),
        eq(pendingUploads.blobName, blobName),
        lt(pendingUploads.lastActiveAt, silentSince),
      ),
    )
    .returning({ blobName: pendingUploads.blobName });
  return rows.length > 0;
}
