import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FormField } from '../src/extras-types.js';
import {
  compactAnswers,
  errorsByField,
  isValidDate,
  validateFormAnswers,
} from '../src/extras/validate-form-answers.js';
import { makeFieldKey, validateFormDefinition } from '../src/extras/validate-form-fields.js';

const fields: FormField[] = [
  { key: 'full_name', label: 'Full name', type: 'short_text', required: true },
  { key: 'notes', label: 'Anything else', type: 'long_text', required: false },
  { key: 'born', label: 'Date of birth', type: 'date', required: true },
  { key: 'funding', label: 'Funding', type: 'choice', required: true, options: ['Mortgage', 'Cash'] },
  { key: 'agree', label: 'I confirm', type: 'checkbox', required: true },
  { key: 'id_document', label: 'Photo ID', type: 'file', required: true },
];

describe('validateFormAnswers', () => {
  test('a complete, well-typed submission passes', () => {
    const answers = {
      full_name: 'Jordan Ellis',
      born: '1990-02-28',
      funding: 'Cash',
      agree: true,
      id_document: { fileIds: ['f1'] },
    };
    assert.deepEqual(validateFormAnswers(fields, answers, { uploadedFileIds: ['f1'] }), []);
  });

  test('every missing required answer is named, an unticked required box included', () => {
    const errors = validateFormAnswers(fields, { full_name: '  ', agree: false }, { uploadedFileIds: [] });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['full_name', 'born', 'funding', 'agree', 'id_document'],
    );
    assert.equal(errors.find((e) => e.field === 'agree')?.message, 'Tick this box to continue.');
  });

  test('a draft may leave questions out but not give wrong types', () => {
    assert.deepEqual(validateFormAnswers(fields, { full_name: 'J' }, { uploadedFileIds: [], partial: true }), []);
    const errors = validateFormAnswers(
      fields,
      { born: '2026-02-30', funding: 'Loan', id_document: { fileIds: ['not-mine'] }, extra: 'x' },
      { uploadedFileIds: ['f1'], partial: true },
    );
    assert.deepEqual(
      errors.map((e) => [e.field, e.message]),
      [
        ['born', 'Enter a valid date.'],
        ['funding', 'Choose one of the options.'],
        ['id_document', 'Upload the file again.'],
        ['extra', 'This form has no such question.'],
      ],
    );
  });

  test('dates must be real calendar days in YYYY-MM-DD', () => {
    assert.equal(isValidDate('2024-02-29'), true);
    assert.equal(isValidDate('2023-02-29'), false);
    assert.equal(isValidDate('2024-2-9'), false);
    assert.equal(isValidDate('29/02/2024'), false);
  });
});

describe('compactAnswers and errorsByField', () => {
  test('blank text and empty file lists are not sent; unknown keys are dropped; short text is trimmed', () => {
    assert.deepEqual(
      compactAnswers(fields, {
        full_name: ' Jordan ',
        notes: '  ',
        born: '',
        agree: false,
        id_document: { fileIds: [] },
        stray: 'x',
      }),
      { full_name: 'Jordan', agree: false },
    );
  });

  test('server errors map to the question they name', () => {
    assert.deepEqual(
      errorsByField([
        { field: 'answers.born', message: 'Invalid date.' },
        { field: 'full_name', message: 'Required.' },
      ]),
      { born: 'Invalid date.', full_name: 'Required.' },
    );
  });
});

describe('form definitions', () => {
  test('keys are made from labels and kept unique', () => {
    assert.equal(makeFieldKey('Date of birth?'), 'date_of_birth');
    assert.equal(makeFieldKey('Date of birth', ['date_of_birth']), 'date_of_birth_2');
    assert.equal(makeFieldKey('¿¿'), 'question');
  });

  test('refuses a form without title or questions, duplicate keys and choices without options', () => {
    assert.deepEqual(
      validateFormDefinition('', []).map((e) => e.message),
      ['Give the form a title.', 'Add at least one question.'],
    );
    const errors = validateFormDefinition('Intake', [
      { key: 'a', label: 'A', type: 'short_text', required: false },
      { key: 'a', label: 'B', type: 'choice', required: true, options: ['Yes', 'Yes'] },
      { key: 'c', label: 'C', type: 'choice', required: true, options: [] },
    ]);
    assert.deepEqual(errors, [
      { index: 1, message: 'Two questions have the same key.' },
      { index: 1, message: 'Each choice must be different.' },
      { index: 2, message: 'List the choices, one per line.' },
    ]);
  });
});
