import { isApiProblem } from './api-problem.js';

/**
 * The validation messages of a problem+json answer by top-level field (`smsAllowedCountries.1`
 * counts for `smsAllowedCountries`), first message per field. Empty for other errors.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  if (!isApiProblem(error)) return byField;
  for (const e of error.errors) {
    const field = e.field.split('.')[0] ?? e.field;
    if (!field || field === '(root)') continue;
    byField[field] ??= e.message;
  }
  return byField;
}
