/** Files that get a thumbnail (images) or a first-page preview (PDFs), by their sniffed type. */
const withPreview = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
  'application/pdf',
]);

export const hasPreview = (contentType: string) => withPreview.has(contentType);

/** What a message's file says of its preview: pending until made, then ready or failed. */
export type TFilePreview = { status: 'pending' | 'ready' | 'failed'; width: number | null; height: number | null };
