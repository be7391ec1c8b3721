import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithFullPlan, type NumberType } from 'libphonenumber-js/max';

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

const notMobile: Partial<Record<NumberType & string, string>> = {
  FIXED_LINE: 'a landline',
  TOLL_FREE: 'a toll-free number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  UAN: 'a non-geographic number',
  VOICEMAIL: 'a voicemail number',
  PAGER: 'a pager',
};

/**
 * What an E.164 number is when it cannot take texts ("a landline"), by the full numbering
 * plan; undefined for mobiles, numbers that may be either (US and Canada), and numbers whose
 * kind the plan does not say.
 */
export function notMobileKind(e164: string): string | undefined {
  const type = parseWithFullPlan(e164)?.getType();
  return type ? notMobile[type] : undefined;
}
