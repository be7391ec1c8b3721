import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { filePreviews } from '../../db/schema.js';
import { hasPreview } from './preview-types.js';

export type TPreviewRow = typeof filePreviews.$inferSelect;

/** Records new versions' previews as pending (only files that can have one), in the caller's transaction. */
export async function insertPendingPreviews(
  tx: Db,
  firmId: string,
  versions: { id: string; contentType: string }[],
): Promise<string[]> {
  const ids = versions.filter((v) => hasPreview(v.contentType)).map((v) => v.id);
  if (ids.length === 0) return [];
  await tx
    .insert(filePreviews)
    .values(ids.map((versionId) => ({ firmId, versionId })))
    .onConflictDoNothing();
  return ids;
}

export async function getPreview(db: Db, firmId: string, versionId: string): Promise<TPreviewRow | undefined> {
  const rows = await db
    .select()
    .from(filePreviews)
    .where(and(eq(filePreviews.firmId, firmId), eq(filePreviews.versionId, versionId)))
    .limit(1);
  return rows[0];
}

/** Pending → ready with the rendered blob. False when it was no longer pending (made twice). */
export async function markPreviewReady(
  tx: Db,
  firmId: string,
  versionId: string,
  image: { blobName: string; contentType: string; width: number; height: number; size: number },
): Promise<boolean> {
  const rows = await tx
    .update(filePreviews)
    .set({ state: 'ready', ...image, reason: null, updatedAt: sql`clock_timestamp()` })
    .where(
      and(eq(filePreviews.firmId, firmId), eq(filePreviews.versionId, versionId), eq(filePreviews.state, 'pending')),
    )
    .returning({ versionId: filePreviews.versionId });
  return rows.length > 0;
}

/** Pending → failed, with the reason (kept for support; the apps show the file without a preview). */
export async function markPreviewFailed(tx: Db, firmId: string, versionId: string, reason: string): Promise<boolean> {
  const rows = await tx
    .update(filePreviews)
    .set({ state: 'failed', reason, updatedAt: sql`clock_timestamp()` })
    .where(
      and(eq(filePreviews.firmId, firmId), eq(filePreviews.versionId, versionId), eq(filePreviews.state, 'pending')),
    )
    .returning({ versionId: filePreviews.versionId });
  return rows.length > 0;
}

/**
 * Previews still pending this long after their upload, across firms (the sweep's system
 * work): their job was lost (a crash between commit and enqueue) or not asked for (generated
 * documents, form files).
 */
export async function listStalePreviews(db: Db, olderThanSeconds: number, limit: number) {
  return queryRows<{ firm_id: string; version_id: string }>(
    db,
    sql`select firm_id, version_id from file_previews
        where state = 'pending' and created_at < clock_timestamp() - make_interval(secs => ${olderThanSeconds})
        order by created_at limit ${limit}`,
  );
}

/** Gives up on previews pending for a day (their job kept failing): the file shows without one. */
export async function expireStalePreviews(db: Db): Promise<number> {
  const rows = await db
    .update(filePreviews)
    .set({ state: 'failed', reason: 'gave_up', updatedAt: sql`clock_timestamp()` })
    .where(
      and(eq(filePreviews.state, 'pending'), lt(filePreviews.createdAt, sql`clock_timestamp() - interval '1 day'`)),
    )
    .returning({ versionId: filePreviews.versionId });
  return rows.length;
}
