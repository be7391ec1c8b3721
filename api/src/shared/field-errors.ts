import { AppError } from '../errors.js';

export type TFieldError = { field: string; message: string };

/** A 400 naming each offending field, in the same problem shape as schema validation. */
export function fieldErrors(errors: TFieldError[], location = 'body'): AppError {
  const listed = errors.map((e) => ({ location, field: e.field, message: e.message }));
  return new AppError('validation_failed', 400, listed.map((e) => `${location}.${e.field}: ${e.message}`).join('; '), {
    errors: listed,
  });
}
