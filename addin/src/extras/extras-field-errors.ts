import { isApiProblem } from '@confer/ui';

/** A 400's field messages by top-level body field (`attendeeContactIds.0` → `attendeeContactIds`). */
export function extrasFieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiProblem(error)) return out;
  for (const e of error.errors) {
    const key = e.field.split('.')[0] ?? '';
    if (key && !(key in out)) out[key] = e.message;
  }
  return out;
}
