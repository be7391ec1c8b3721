import type { TFormAnswers, TFormFieldDefinition } from '../../db/schema.js';
import type { TFieldError } from '../../shared/field-errors.js';

const isDate = (value: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
};

const maxLength = { short_text: 1000, long_text: 20_000, choice: 200, date: 10 } as const;

/** Is the answer there (a required field)? A checkbox must be ticked, a file field have a file. */
export function isAnswered(value: TFormAnswers[string] | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().length > 0;
  return value.fileIds.length > 0;
}

/**
 * Checks answers against the form: no unknown keys, each value of its field's type (dates
 * real YYYY-MM-DD, choices one of the options, files uploaded for this request) and, when
 * `complete`, every required field answered. Empty strings are allowed in drafts.
 */
export function checkAnswers(
  fields: TFormFieldDefinition[],
  answers: TFormAnswers,
  options: { complete: boolean; uploadedFileIds: Set<string> },
): TFieldError[] {
  const errors: TFieldError[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) errors.push({ field: key, message: 'is not a field of this form' });
  }
  for (const field of fields) {
    const value = answers[field.key];
    if (value === undefined) {
      if (options.complete && field.required) errors.push({ field: field.key, message: 'is required' });
      continue;
    }
    const error = checkValue(field, value, options.uploadedFileIds);
    if (error) errors.push({ field: field.key, message: error });
    else if (options.complete && field.required && !isAnswered(value)) {
      errors.push({ field: field.key, message: field.type === 'checkbox' ? 'must be ticked' : 'is required' });
    }
  }
  return errors;
}

function checkValue(field: TFormFieldDefinition, value: TFormAnswers[string], uploaded: Set<string>): string | null {
  switch (field.type) {
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'file': {
      if (typeof value !== 'object') return 'must be { fileIds: [...] }';
      if (new Set(value.fileIds).size !== value.fileIds.length) return 'lists a file twice';
      return value.fileIds.every((id) => uploaded.has(id)) ? null : 'names a file not uploaded for this form';
    }
    default: {
      if (typeof value !== 'string') return 'must be text';
      if (Array.from(value).length > maxLength[field.type])
        return `must be at most ${maxLength[field.type]} characters`;
      if (value === '') return null;
      if (field.type === 'date' && !isDate(value)) return 'must be a date as YYYY-MM-DD';
      if (field.type === 'choice' && !(field.options ?? []).includes(value)) return 'must be one of the options';
      return null;
    }
  }
}
