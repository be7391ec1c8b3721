import type { Db } from '../../db/connect.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import type { Logger } from '../../logger.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { listEventRecipients } from '../conversations/repository.js';
import { makePreview, maxPreviewInputBytes, PreviewRefused, type TPreviewImage } from './make-preview.js';
import { getPreview, markPreviewFailed, markPreviewReady } from './previews-repository.js';
import { conversationsWithAttachment, getVersion } from './repository.js';

export type TMakeFilePreviewJob = { firmId: string; versionId: string };

/** The preview's blob: beside the file's own (`<firm>/<uuid>.preview`). */
export const previewBlobName = (blobName: string) => `${blobName}.preview`;

/**
 * The make-file-preview job: reads the file from Blob Storage, renders its preview and stores
 * it beside the blob, then marks it ready (or failed, with the reason) and tells everyone in
 * the conversations the file was sent to (`file.preview`). A file that cannot be read is a
 * final "failed"; a storage or database error throws, and pg-boss retries with backoff.
 */
export async function generatePreview(
  deps: { db: Db; blobs: BlobStore; logger: Logger },
  job: TMakeFilePreviewJob,
): Promise<void> {
  const { db, blobs } = deps;
  const { firmId, versionId } = job;
  const preview = await getPreview(db, firmId, versionId);
  const version = preview?.state === 'pending' ? await getVersion(db, firmId, versionId) : undefined;
  if (!version) return;
  let image: TPreviewImage | undefined;
  let reason: string | undefined;
  if (Number(version.size) > maxPreviewInputBytes) reason = 'too_large';
  else {
    const bytes = await blobs.container.getBlockBlobClient(version.blobName).downloadToBuffer();
    try {
      image = await makePreview(bytes, version.contentType);
    } catch (error) {
      if (!(error instanceof PreviewRefused)) throw error;
      reason = error.reason;
    }
  }
  const blobName = previewBlobName(version.blobName);
  if (image) {
    await blobs.container.getBlockBlobClient(blobName).uploadData(image.data, {
      blobHTTPHeaders: { blobContentType: image.contentType },
    });
  } else {
    deps.logger.info({ versionId, contentType: version.contentType, reason }, 'no preview for a file');
  }
  await db.transaction(async (tx) => {
    const changed = image
      ? await markPreviewReady(tx, firmId, versionId, {
          blobName,
          contentType: image.contentType,
          width: image.width,
          height: image.height,
          size: image.data.length,
        })
      : await markPreviewFailed(tx, firmId, versionId, reason ?? 'unreadable');
    if (!changed) return;
    const payload = {
      versionId,
      preview: image
        ? { status: 'ready', width: image.width, height: image.height }
        : { status: 'failed', width: null, height: null },
    };
    for (const conversationId of await conversationsWithAttachment(tx, firmId, versionId)) {
      const recipients = await listEventRecipients(tx, firmId, conversationId);
      await publishEvent(tx, { firmId, type: 'file.preview', conversationId, ...recipients, payload });
    }
  });
}
