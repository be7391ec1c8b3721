import type { FirmSettings, UpdateFirmSettingsInput } from '@confer/ui';
import { t } from '../messages';

export type FirmSettingsForm = {
  smsSenderNumber: string;
  smsAllowedCountries: string;
  unseenEmailDelayMinutes: string;
};

export type FirmSettingsField = keyof FirmSettingsForm;

export function toFirmSettingsForm(settings: FirmSettings): FirmSettingsForm {
  return {
    smsSenderNumber: settings.smsSenderNumber ?? '',
    smsAllowedCountries: settings.smsAllowedCountries.join(', '),
    unseenEmailDelayMinutes: String(settings.unseenEmailDelayMinutes),
  };
}

/** "gb, IE  us" → ["GB", "IE", "US"]: split on commas and spaces, upper case, no repeats. */
export function parseCountryCodes(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(codes)];
}

/**
 * The PATCH body for the form, or the fields' errors. Checks only the shape here; the server
 * checks the rest (real country codes, phone numbers) and its messages are shown by field.
 */
export function readFirmSettingsForm(
  form: FirmSettingsForm,
):
  | { input: UpdateFirmSettingsInput; errors: null }
  | { input: null; errors: Partial<Record<FirmSettingsField, string>> } {
  const errors: Partial<Record<FirmSettingsField, string>> = {};
  const sender = form.smsSenderNumber.trim();
  if (sender && !/^\+[\d\s()-]{6,}$/.test(sender)) {
    errors.smsSenderNumber = t.admin.senderNumberInvalid;
  }
  const countries = parseCountryCodes(form.smsAllowedCountries);
  if (countries.length === 0) errors.smsAllowedCountries = t.admin.listACountry;
  else {
    const bad = countries.filter((c) => !/^[A-Z]{2}$/.test(c));
    if (bad.length > 0) errors.smsAllowedCountries = t.admin.notCountryCodes(bad.join(', '));
  }
  const delayText = form.unseenEmailDelayMinutes.trim();
  const delay = Number(delayText);
  if (!/^\d+$/.test(delayText) || delay < 1 || delay > 1440) {
    errors.unseenEmailDelayMinutes = t.admin.delayInvalid;
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: { smsSenderNumber: sender || null, smsAllowedCountries: countries, unseenEmailDelayMinutes: delay },
    errors: null,
  };
}
