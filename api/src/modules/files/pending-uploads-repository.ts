import { and, eq, inArray, lt, sql } from 'drizzle-orm';
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

/** The sweep job's view: uploads not heard from since `silentSince`, every firm. */
export async function listAbandonedUploads(db: Db, silentSince: Date, limit: number) {
  return db
    .select({ firmId: pendingUploads.firmId, blobName: pendingUploads.blobName })
    .from(pendingUploads)
    .where(lt(pendingUploads.lastActiveAt, silentSince))
    .limit(limit);
}
