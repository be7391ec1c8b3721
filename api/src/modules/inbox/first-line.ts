import { plainTextForSms } from '../sms/plain-text-for-sms.js';

const MAX = 140;

/** A message's first non-blank line as plain text (links as words), trimmed to 140 characters. */
export function firstLine(body: string): string {
  const line =
    plainTextForSms(body)
      .split(/\r?\n/u)
      .map((l) => l.replace(/\s+/gu, ' ').trim())
      .find((l) => l.length > 0) ?? '';
  const chars = Array.from(line);
  return chars.length > MAX
    ? `${chars
        .slice(0, MAX - 1)
        .join('')
        .trimEnd()}…`
    : line;
}
