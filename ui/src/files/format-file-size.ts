const UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * A file size as both apps show it: "1 byte", "512 bytes", "3.4 KB", "12 KB", "100 MB"
 * (1 KB = 1,024 bytes, as Windows and Outlook count, and as the upload limits are stated).
 * One decimal below 10 of a unit, whole numbers from 10.
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes.toLocaleString('en')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.9 KB rounds to 1024 KB: say 1 MB instead.
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded.toLocaleString('en')} ${UNITS[unit]}`;
}
