import { formatFileSize, type UploadLimits } from '@confer/ui';
import { t } from '../messages';

/** Why these files cannot be sent in one message under the deployment's limits, or null when they can. */
export function checkFileLimits(files: readonly File[], limits: UploadLimits): string | null {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const maxMb = Math.round(limits.maxBytes / (1024 * 1024));
  if (files.length > limits.maxFiles) {
    return t.conversations.tooManyFiles(limits.maxFiles, files.length);
  }
  if (total > limits.maxBytes) {
    return t.conversations.filesTooLarge(maxMb, formatFileSize(total));
  }
  return null;
}

/** Characters as people count them (code points), as the server does. */
export const countChars = (text: string) => Array.from(text).length;
