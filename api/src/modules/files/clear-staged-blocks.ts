import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';

export type TClearedBlob = 'cleared' | 'committed';

const storageErrorCode = (error: unknown) => (error as { code?: string } | undefined)?.code;

/**
 * Removes the staged (uncommitted) blocks of a blob that was never committed, and nothing
 * else. Blob Storage cannot delete staged blocks one by one: committing a block list drops
 * every staged block it does not name, so an empty list is committed, with `If-None-Match: *`
 * so that the commit is refused (409 `BlobAlreadyExists`) when the blob holds committed
 * content (an upload that finished, a generated document): such a blob is never emptied and
 * never deleted, and the answer is `committed`. The zero-byte blob the empty commit made is
 * then deleted only while it is still that blob (`If-Match` its ETag).
 */
export async function clearStagedBlocks(blobs: BlobStore, blobName: string): Promise<TClearedBlob> {
  const client = blobs.container.getBlockBlobClient(blobName);
  let etag: string | undefined;
  try {
    ({ etag } = await client.commitBlockList([], { conditions: { ifNoneMatch: '*' } }));
  } catch (error) {
    const code = storageErrorCode(error);
    if (code === 'BlobAlreadyExists' || code === 'ConditionNotMet') return 'committed';
    throw error;
  }
  try {
    await client.delete({ conditions: { ifMatch: etag } });
  } catch (error) {
    // gone already (another sweep), or committed since by its upload: its staged blocks are gone either way
    const code = storageErrorCode(error);
    if (code !== 'BlobNotFound' && code !== 'ConditionNotMet') throw error;
  }
  return 'cleared';
}
