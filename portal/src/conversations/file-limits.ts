import { formatFileSize } from '@confer/ui';
import { PORTAL_LIMITS } from '@confer/ui';

/** Why these files cannot be sent in one message, or null when they can. */
export function checkFileLimits(files: readonly File[]): string | null {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const maxMb = Math.round(PORTAL_LIMITS.bytesPerSend / (1024 * 1024));
  if (files.length > PORTAL_LIMITS.filesPerSend) {
    return `You can send up to ${PORTAL_LIMITS.filesPerSend} files at a time; ${files.length} are selected. Remove some, or send them in more than one message.`;
  }
  if (total > PORTAL_LIMITS.bytesPerSend) {
    return `You can send up to ${maxMb} MB at a time; these files add up to ${formatFileSize(total)}. Remove some, or send them in more than one message.`;
  }
  return null;
}

/** Characters as people count them (code points), as the server does. */
export const countChars = (text: string) => Array.from(text).length;
