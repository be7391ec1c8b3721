/** Is this an ISO 4217 code the runtime knows (upper case, e.g. GBP)? */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

/** How many minor digits the currency has: GBP 2, JPY 0, BHD 3 (from Intl). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * "1250.5" GBP → 125050. Refuses (returns a reason) anything but a plain positive decimal
 * with at most the currency's minor digits, and amounts too large to count exactly.
 */
export function toMinorUnits(amount: string, currency: string): number | { error: string } {
  const digits = minorDigits(currency);
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(amount);
  if (!m) return { error: 'must be a decimal number such as 1250.00' };
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    return {
      error:
        digits === 0
          ? `${currency} has no minor units: use a whole number`
          : `${currency} allows at most ${digits} decimal places`,
    };
  }
  const minor = BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0n) return { error: 'must be more than zero' };
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { error: 'is too large' };
  return Number(minor);
}

/** 125050 GBP → "1250.50"; 1500 JPY → "1500". */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
