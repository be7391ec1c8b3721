/** How a file can be shown in the apps' viewers: a PDF or image in the page, text as text, or not at all. */
export type PreviewKind = 'pdf' | 'image' | 'text';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Plain-text files by name: the server records them as application/octet-stream (no magic bytes). */
const TEXT_EXTENSIONS = /\.(txt|text|csv|tsv|md|log|json|xml|eml|ics|vcf)$/i;
/** Larger text is offered for download only. */
export const MAX_TEXT_PREVIEW_BYTES = 1024 * 1024;

export function previewKindOf(file: { name: string; contentType: string; size?: number }): PreviewKind | null {
  if (file.contentType === 'application/pdf') return 'pdf';
  if (IMAGE_TYPES.has(file.contentType)) return 'image';
  const texty =
    file.contentType.startsWith('text/') ||
    ((file.contentType === 'application/octet-stream' || file.contentType === 'application/x-empty') &&
      TEXT_EXTENSIONS.test(file.name));
  if (texty && (file.size === undefined || file.size <= MAX_TEXT_PREVIEW_BYTES)) return 'text';
  return null;
}

/** Whether Print can hand the file to the browser's print dialog (PDFs and images). */
export const isPrintable = (kind: PreviewKind | null) => kind === 'pdf' || kind === 'image';

/**
 * The text of a file to show as text (never as HTML), or null when it is not UTF-8 text
 * (a NUL byte, or bytes that are not UTF-8): then only Download is offered.
 */
export function decodePreviewText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}
