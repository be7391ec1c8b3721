import type { Request, Response } from 'express';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import { getPreview, type TPreviewRow } from './previews-repository.js';

/** A readable file's preview, once made; 404 `no_preview` while pending, failed or for types that have none. */
export async function requireReadyPreview(db: Db, firmId: string, versionId: string): Promise<TPreviewRow> {
  const preview = await getPreview(db, firmId, versionId);
  if (preview?.state !== 'ready' || !preview.blobName) {
    throw new AppError('no_preview', 404, 'This file has no preview (yet)');
  }
  return preview;
}

/**
 * Sends a preview (a few kB of WebP we made). `Cache-Control: private, no-cache` with an ETag:
 * the browser keeps it but asks each time, so the request is authorised again every time
 * (a removed share or participant stops seeing it) and an unchanged preview costs a 304.
 */
export async function sendPreview(blobs: BlobStore, preview: TPreviewRow, req: Request, res: Response) {
  const etag = `"preview-${preview.versionId}-${preview.size ?? 0}"`;
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  const data = await blobs.container.getBlockBlobClient(preview.blobName!).downloadToBuffer();
  res.status(200);
  res.setHeader('Content-Type', preview.contentType ?? 'image/webp');
  res.setHeader('Content-Length', String(data.length));
  res.setHeader('Content-Disposition', 'inline; filename="preview.webp"');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.end(data);
}
