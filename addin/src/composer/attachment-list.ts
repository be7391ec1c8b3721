import { t } from '../messages';

/** A file picked or dropped for the next message. */
export type AttachmentItem = { key: string; file: File };

/** A matter document to send as a copy of its current version. */
export type PickedDocument = { id: string; name: string; size: number };

/** How much one send may carry: the deployment's limits from /me (useUploadLimits). */
export type SendLimits = { maxFiles: number; maxBytes: number };

let counter = 0;
const nextKey = () => `att-${Date.now().toString(36)}-${(counter += 1)}`;

/** Adds files after those already there (the same file may be added twice: it is sent twice). */
export function addAttachments(items: readonly AttachmentItem[], files: readonly File[]): AttachmentItem[] {
  return [...items, ...files.map((file) => ({ key: nextKey(), file }))];
}

/** Adds matter documents not picked yet, keeping the order. */
export function addDocuments(picked: readonly PickedDocument[], added: readonly PickedDocument[]): PickedDocument[] {
  const seen = new Set(picked.map((d) => d.id));
  return [...picked, ...added.filter((d) => !seen.has(d.id) && seen.add(d.id))];
}

const MB = 1024 * 1024;

/**
 * Why these files cannot go in one message or upload, or null when they can. Said before
 * sending, so nothing is uploaded only to be refused.
 */
export function checkAttachmentLimits(
  sizes: readonly number[],
  limits: SendLimits,
  unit: 'message' | 'upload' = 'message',
): string | null {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (sizes.length > limits.maxFiles) {
    return t.composer.tooManyFiles(unit, limits.maxFiles, sizes.length);
  }
  if (total > limits.maxBytes) {
    return t.composer.filesTooLarge(unit, Math.round(limits.maxBytes / MB), (total / MB).toFixed(1));
  }
  return null;
}

/** "3 files", "1 file". */
export const countFiles = (n: number) => t.composer.countFiles(n);
