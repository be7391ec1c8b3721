import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import { insertPendingUpload } from './pending-uploads-repository.js';
import type { TStagedFile } from './receive-upload.js';
import { insertDocumentsFromUpload, type TDocumentSource, type TVersionRow } from './repository.js';

/**
 * Writes bytes the server made (an export, a form's answers) to a new blob, recorded as a
 * pending upload until the caller records the document, like an upload. The result goes to
 * `insertDocumentsFromUpload` in the caller's transaction.
 */
export async function stageGeneratedFile(
  deps: { db: Db; blobs: BlobStore },
  firmId: string,
  file: { bytes: Buffer; name: string; contentType: string; blobContentType?: string },
): Promise<TStagedFile> {
  const blobName = `${firmId}/${randomUUID()}`;
  await insertPendingUpload(deps.db, firmId, blobName);
  await deps.blobs.container.getBlockBlobClient(blobName).uploadData(file.bytes, {
    blobHTTPHeaders: { blobContentType: file.blobContentType ?? file.contentType },
  });
  return {
    field: 'generated',
    blobName,
    name: file.name,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    contentType: file.contentType,
    blockIds: [],
  };
}

/** Stores one generated file as a matter document (one version) and returns that version. */
export async function storeGeneratedDocument(
  deps: { db: Db; blobs: BlobStore },
  firmId: string,
  file: { bytes: Buffer; name: string; contentType: string; blobContentType?: string },
  meta: { matterId: string; source: TDocumentSource; staffId?: string | null; contactId?: string | null },
): Promise<TVersionRow> {
  const staged = await stageGeneratedFile(deps, firmId, file);
  const [version] = await deps.db.transaction((tx) =>
    insertDocumentsFromUpload(tx, firmId, [staged], { ...meta, onMatter: true }),
  );
  return version!;
}
