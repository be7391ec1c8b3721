import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem } from '../src/api-problem.js';
import { fieldErrorsOf } from '../src/problem-field-errors.js';

test('validation errors by top-level field, first message each; other errors give none', () => {
  const problem = new ApiProblem({
    status: 400,
    code: 'validation_failed',
    errors: [
      { location: 'body', field: 'smsAllowedCountries.1', message: 'each must be an ISO 3166 country code such as GB' },
      { location: 'body', field: 'smsAllowedCountries.2', message: 'second message' },
      { location: 'body', field: 'smsSenderNumber', message: 'must be a phone number' },
      { location: 'body', field: '(root)', message: 'ignored' },
    ],
  });
  assert.deepEqual(fieldErrorsOf(problem), {
    smsAllowedCountries: 'each must be an ISO 3166 country code such as GB',
    smsSenderNumber: 'must be a phone number',
  });
  assert.deepEqual(fieldErrorsOf(new Error('x')), {});
  assert.deepEqual(fieldErrorsOf(new ApiProblem({ status: 500 })), {});
});
