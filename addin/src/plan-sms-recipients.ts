import type { Contact, Participant } from '@confer/ui';

/**
 * Countries sharing a calling code, for common codes. A rough guide before sending only: the
 * server decides with the full numbering plan, and says why when it refuses.
 */
const CALLING_CODES: Record<string, readonly string[]> = {
  '1': ['US', 'CA'],
  '7': ['RU', 'KZ'],
  '20': ['EG'],
  '27': ['ZA'],
  '30': ['GR'],
  '31': ['NL'],
  '32': ['BE'],
  '33': ['FR'],
  '34': ['ES'],
  '36': ['HU'],
  '39': ['IT'],
  '40': ['RO'],
  '41': ['CH'],
  '43': ['AT'],
  '44': ['GB', 'GG', 'JE', 'IM'],
  '45': ['DK'],
  '46': ['SE'],
  '47': ['NO'],
  '48': ['PL'],
  '49': ['DE'],
  '52': ['MX'],
  '55': ['BR'],
  '61': ['AU'],
  '64': ['NZ'],
  '65': ['SG'],
  '81': ['JP'],
  '86': ['CN'],
  '91': ['IN'],
  '351': ['PT'],
  '352': ['LU'],
  '353': ['IE'],
  '354': ['IS'],
  '356': ['MT'],
  '357': ['CY'],
  '358': ['FI'],
  '420': ['CZ'],
  '852': ['HK'],
  '971': ['AE'],
};

/**
 * The countries an international number (`+44 7700 900123`) may belong to, or null when the
 * number is not in international form or its calling code is not one we know.
 */
export function countriesOfNumber(number: string): readonly string[] | null {
  const digits = number.replace(/[\s().-]/g, '');
  if (!/^\+\d{6,15}$/.test(digits)) return null;
  for (const length of [3, 2, 1]) {
    const countries = CALLING_CODES[digits.slice(1, 1 + length)];
    if (countries) return countries;
  }
  return null;
}

export type SmsRecipientPlan = {
  contactId: string;
  name: string;
  /** The number that will be texted, when it can be. */
  mobile: string | null;
  /** Why this person will not be texted, or null. */
  reason: string | null;
};

/**
 * Who "Send as SMS" will text among the conversation's current clients and third parties, and
 * why the others cannot be: the same rules the server applies, as far as the app can see them
 * (`allowedCountries` only when known, i.e. for admins). Opt-outs are known only to the server.
 */
export function planSmsRecipients(
  participants: readonly Participant[],
  contacts: readonly Contact[],
  allowedCountries: readonly string[] | null,
): SmsRecipientPlan[] {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const plans: SmsRecipientPlan[] = [];
  for (const p of participants) {
    if (p.kind !== 'contact' || !p.contactId || p.leftAt) continue;
    const contact = byId.get(p.contactId);
    const name = contact?.name ?? p.name;
    const plan = (reason: string | null, mobile: string | null = null) =>
      plans.push({ contactId: p.contactId!, name, mobile, reason });
    if (!contact) plan(null);
    else if (!contact.active) plan('disabled');
    else if (!contact.email) plan('no email address (texts need one for sign-in)');
    else if (!contact.mobile) plan('no mobile number');
    else {
      const countries = allowedCountries ? countriesOfNumber(contact.mobile) : null;
      const allowed = !countries || countries.some((c) => allowedCountries!.includes(c));
      plan(allowed ? null : `texts to this country are not allowed (${countries!.join(', ')})`, contact.mobile);
    }
  }
  return plans;
}

/** One sentence for the composer: who will be texted. */
export function describeSmsPlan(plans: readonly SmsRecipientPlan[]): string {
  const textable = plans.filter((p) => p.reason === null).map((p) => p.name);
  if (plans.length === 0) return 'No clients or third parties in this conversation to text.';
  if (textable.length === 0) return 'No one here can be texted.';
  return `Will be texted to ${joinNames(textable)}.`;
}

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
