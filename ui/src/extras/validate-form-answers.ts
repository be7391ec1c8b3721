import type { FormAnswerValue, FormAnswers, FormField } from '../extras-types.js';

export type FormAnswerError = { field: string; message: string };

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isFileAnswer = (value: FormAnswerValue | undefined): value is { fileIds: string[] } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { fileIds?: unknown }).fileIds);

/** True when a field has no answer (a required checkbox must be ticked). */
export function isAnswerEmpty(field: FormField, value: FormAnswerValue | undefined): boolean {
  if (value === undefined) return true;
  switch (field.type) {
    case 'checkbox':
      return value !== true;
    case 'file':
      return !isFileAnswer(value) || value.fileIds.length === 0;
    default:
      return typeof value !== 'string' || value.trim() === '';
  }
}

function typeError(field: FormField, value: FormAnswerValue, uploaded: ReadonlySet<string>): string | null {
  switch (field.type) {
    case 'short_text':
    case 'long_text':
      return typeof value === 'string' ? null : 'Enter text.';
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? null : 'Enter a valid date.';
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value) ? null : 'Choose one of the options.';
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'Tick or untick the box.';
    case 'file':
      if (!isFileAnswer(value)) return 'Upload the file again.';
      return value.fileIds.every((id) => uploaded.has(id)) ? null : 'Upload the file again.';
  }
}

/**
 * What the server would refuse on submit (draft: `partial`, so missing required answers pass):
 * required answers, each answer's type, choices among the options, files uploaded to this
 * request, no unknown fields.
 */
export function validateFormAnswers(
  fields: readonly FormField[],
  answers: FormAnswers,
  options: { uploadedFileIds: Iterable<string>; partial?: boolean },
): FormAnswerError[] {
  const uploaded = new Set(options.uploadedFileIds);
  const errors: FormAnswerError[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const field of fields) {
    const value = answers[field.key];
    if (isAnswerEmpty(field, value)) {
      if (field.required && !options.partial) {
        errors.push({
          field: field.key,
          message: field.type === 'checkbox' ? 'Tick this box to continue.' : 'This question needs an answer.',
        });
      }
      if (value === undefined || field.type !== 'checkbox') continue;
    }
    const problem = typeError(field, value!, uploaded);
    if (problem) errors.push({ field: field.key, message: problem });
  }
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) errors.push({ field: key, message: 'This form has no such question.' });
  }
  return errors;
}

/** The answers worth sending: known fields only, without blank text or empty file lists. */
export function compactAnswers(fields: readonly FormField[], answers: FormAnswers): FormAnswers {
  const out: FormAnswers = {};
  for (const field of fields) {
    const value = answers[field.key];
    if (value === undefined) continue;
    if (field.type === 'checkbox') {
      if (typeof value === 'boolean') out[field.key] = value;
      continue;
    }
    if (isAnswerEmpty(field, value)) continue;
    out[field.key] = typeof value === 'string' && field.type !== 'long_text' ? value.trim() : value;
  }
  return out;
}

/** Server field errors (`errors[]` of a problem) by field key; `answers.name` and `name` both map to `name`. */
export function errorsByField(errors: ReadonlyArray<{ field: string; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const key = error.field.replace(/^answers\./, '');
    out[key] = out[key] ? `${out[key]} ${error.message}` : error.message;
  }
  return out;
}
