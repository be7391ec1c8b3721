import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import type { TVersionRow } from './repository.js';
import { contentDisposition } from './sanitize-file-name.js';

/** Types a browser may show inline, from a sandboxed frame; everything else downloads. */
const previewable = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const isPreviewable = (contentType: string) => previewable.has(contentType);

/**
 * Streams a version's blob through the API (the bytes never pass through memory whole).
 * Always nosniff; `attachment` unless an inline preview of a PDF or image was asked for, and
 * then with a CSP sandbox so the file cannot run script in our origin.
 */
export async function streamVersion(
  blobs: BlobStore,
  version: TVersionRow,
  inline: boolean,
  req: Request,
  res: Response,
): Promise<void> {
  const asInline = inline && isPreviewable(version.contentType);
  const download = await blobs.container.getBlockBlobClient(version.blobName).download(0, undefined, {
    abortSignal: AbortSignal.timeout(10 * 60 * 1000),
  });
  res.status(200);
  res.setHeader('Content-Type', asInline ? version.contentType : 'application/octet-stream');
  res.setHeader('Content-Length', String(version.size));
  res.setHeader('Content-Disposition', contentDisposition(asInline ? 'inline' : 'attachment', version.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${version.sha256}"`);
  if (asInline) {
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  }
  const body = download.readableStreamBody;
  if (!body) {
    res.end();
    return;
  }
  req.on('close', () => {
    if (!res.writableEnded) (body as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  });
  await pipeline(body, res).catch(() => {
    if (!res.writableEnded) res.destroy();
  });
}
