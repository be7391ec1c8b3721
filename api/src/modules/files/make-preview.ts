import sharp from 'sharp';
import { renderPdfFirstPage } from './render-pdf-first-page.js';

/** A preview's longer side, in pixels: two CSS pixels per pixel of the apps' 240 px thumbnails. */
export const previewEdge = 480;
/**
 * Images with more pixels than this get no thumbnail (sharp refuses them from the header,
 * before decoding): a 20,000 × 20,000 "decompression bomb" would need 1.6 GB to decode.
 * 50 megapixels covers phone and camera photos.
 */
export const maxPreviewPixels = 50_000_000;
/** Files larger than this are not read for a preview (uploads may be up to 100 MB). */
export const maxPreviewInputBytes = 40 * 1024 * 1024;

// One libvips thread per image and no operation cache: previews are background work on a
// machine that serves requests; memory is given back after each.
sharp.concurrency(1);
sharp.cache(false);

export type TPreviewImage = { data: Buffer; contentType: 'image/webp'; width: number; height: number };

/** Why a file has no preview; these are final (a transient failure throws something else). */
export class PreviewRefused extends Error {
  constructor(readonly reason: 'unreadable' | 'too_many_pixels' | 'too_large' | 'timed_out') {
    super(reason);
  }
}

async function toWebp(input: Buffer, limitInputPixels: number): Promise<TPreviewImage> {
  const { data, info } = await sharp(input, { limitInputPixels, sequentialRead: true, failOn: 'error' })
    .rotate()
    .resize(previewEdge, previewEdge, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return { data, contentType: 'image/webp', width: info.width, height: info.height };
}

/**
 * A WebP thumbnail of an image (its first frame, turned upright, at most 480 px on its longer
 * side), or of a PDF's first page. Throws PreviewRefused for files it cannot or will not read.
 */
export async function makePreview(bytes: Buffer, contentType: string): Promise<TPreviewImage> {
  if (bytes.length > maxPreviewInputBytes) throw new PreviewRefused('too_large');
  if (contentType === 'application/pdf') {
    const page = await renderPdfFirstPage(bytes, previewEdge).catch((error: Error) => {
      throw new PreviewRefused(error.message === 'timed_out' ? 'timed_out' : 'unreadable');
    });
    return toWebp(page.png, previewEdge * previewEdge).catch(() => {
      throw new PreviewRefused('unreadable');
    });
  }
  return toWebp(bytes, maxPreviewPixels).catch((error: Error) => {
    throw new PreviewRefused(/pixel limit/iu.test(error.message) ? 'too_many_pixels' : 'unreadable');
  });
}
