/** Digits after the decimal point for a currency (GBP 2, JPY 0, KWD 3), as Intl knows them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "1250.00" GBP → "£1,250.00" in the reader's locale; an unknown currency falls back to "1,250.00 XYZ". */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

export type ParsedAmount = { ok: true; amount: string } | { ok: false; message: string };

/**
 * Reads an amount typed by staff ("1,250.5") for a currency: must be more than zero with at
 * most the currency's digits; returns it as the API wants it ("1250.50").
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const cleaned = text.trim().replace(/[\s,]/g, '');
  if (!cleaned) return { ok: false, message: 'Enter an amount.' };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { ok: false, message: 'Enter the amount as a number, like 1250.00.' };
  const digits = currencyDigits(currency);
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? `${currency} amounts have no decimal places.`
          : `${currency} amounts have at most ${digits} decimal ${digits === 1 ? 'place' : 'places'}.`,
    };
  }
  const amount = digits === 0 ? whole : `${whole}.${fraction.padEnd(digits, '0')}`;
  if (!/[1-9]/.test(amount)) return { ok: false, message: 'The amount must be more than zero.' };
  return { ok: true, amount };
}

/** True when an outstanding invoice's due date (YYYY-MM-DD) is before `today` (YYYY-MM-DD, local). */
export const isInvoiceOverdue = (invoice: { status: string; dueDate: string }, today: string) =>
  invoice.status === 'outstanding' && invoice.dueDate < today;

/** Today's date as YYYY-MM-DD in the reader's own time zone. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
