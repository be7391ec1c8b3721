import { formatFileSize, type UploadLimits } from '@confer/ui';

/** Why these files cannot be sent in one message under the deployment's limits, or null when they can. */
export function checkFileLimits(files: readonly File[], limits: UploadLimits): string | null {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const maxMb = Math.round(limits.maxBytes / (1024 * 1024));
  if (files.length > limits.maxFiles) {
    return `You can send up to ${limits.maxFiles} files at a time; ${files.length} are selected. Remove some, or send them in more than one message.`;
  }
  if (total > limits.maxBytes) {
    return `You can send up to ${maxMb} MB at a time; these files add up to ${formatFileSize(total)}. Remove some, or send them in more than one message.`;
  }
  return null;
}

/** Characters as people count them (code points), as the server does. */
export const countChars = (text: string) => Array.from(text).length;
