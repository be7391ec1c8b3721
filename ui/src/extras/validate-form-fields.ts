import type { FormField } from '../extras-types.js';

export const FORM_KEY_PATTERN = /^[a-z0-9_]{1,40}$/;
export const FORM_LIMITS = { fields: 50, label: 200, options: 50, title: 200 } as const;

/** "Date of birth?" → "date_of_birth", unique among `taken`. */
export function makeFieldKey(label: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const base =
    label
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'question';
  let key = base;
  for (let n = 2; used.has(key); n += 1) key = `${base}_${n}`;
  return key;
}

export type FormDefinitionError = { index: number | null; message: string };

/** What the server would refuse in a new form: the title, 1..50 fields, keys, labels and choice options. */
export function validateFormDefinition(title: string, fields: readonly FormField[]): FormDefinitionError[] {
  const errors: FormDefinitionError[] = [];
  if (!title.trim()) errors.push({ index: null, message: 'Give the form a title.' });
  if (title.trim().length > FORM_LIMITS.title) errors.push({ index: null, message: 'The title is too long.' });
  if (fields.length === 0) errors.push({ index: null, message: 'Add at least one question.' });
  if (fields.length > FORM_LIMITS.fields) {
    errors.push({ index: null, message: `A form has at most ${FORM_LIMITS.fields} questions.` });
  }
  const keys = new Set<string>();
  fields.forEach((field, index) => {
    const label = field.label.trim();
    if (!label) errors.push({ index, message: 'Write the question.' });
    else if (label.length > FORM_LIMITS.label) errors.push({ index, message: 'The question is too long.' });
    if (!FORM_KEY_PATTERN.test(field.key)) errors.push({ index, message: 'The key may use a-z, 0-9 and _ only.' });
    else if (keys.has(field.key)) errors.push({ index, message: 'Two questions have the same key.' });
    keys.add(field.key);
    if (field.type === 'choice') {
      const options = (field.options ?? []).map((o) => o.trim());
      if (options.length === 0 || options.some((o) => !o)) {
        errors.push({ index, message: 'List the choices, one per line.' });
      } else if (new Set(options).size !== options.length) {
        errors.push({ index, message: 'Each choice must be different.' });
      } else if (options.length > FORM_LIMITS.options) {
        errors.push({ index, message: `At most ${FORM_LIMITS.options} choices.` });
      }
    }
  });
  return errors;
}
