import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in E.164, or undefined. ACS events write numbers with or without the
 * leading `+` (`15555550100`, `+15555550100`): both are read as international.
 */
export function toE164(raw: string): string | undefined {
  const trimmed = raw.trim();
  const withPlus = /^\d{7,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const parsed = parsePhoneNumberFromString(withPlus);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** The ISO country of an E.164 number (for +1 and others shared by several, the one it belongs to). */
export function countryOf(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

export const isCountryCode = (code: string) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
export const countryName = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

const stopWords = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT']);
const startWords = new Set(['START', 'UNSTOP']);

/**
 * A whole message that is a keyword (any case, surrounding spaces and a final full stop or
 * exclamation mark ignored): `stop` opts the number out, `start` back in, `help` asks who
 * is texting. Anything else is a reply.
 */
export function keywordOf(text: string): 'stop' | 'start' | 'help' | undefined {
  const word = text
    .trim()
    .replace(/[.!]+$/u, '')
    .replace(/\s+/gu, ' ')
    .toUpperCase();
  if (stopWords.has(word)) return 'stop';
  if (startWords.has(word)) return 'start';
  if (word === 'HELP') return 'help';
  return undefined;
}
