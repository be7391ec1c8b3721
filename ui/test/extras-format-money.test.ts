import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { currencyDigits, formatMoney, isInvoiceOverdue, parseAmount } from '../src/extras/format-money.js';

describe('formatMoney', () => {
  test('formats per currency with the currency’s own digits', () => {
    assert.equal(formatMoney('1250.00', 'GBP', 'en-GB'), '£1,250.00');
    assert.equal(formatMoney('1250', 'JPY', 'en-GB'), 'JP¥1,250');
    assert.equal(formatMoney('1250.5', 'EUR', 'de-DE').replace(/\s/g, ' '), '1.250,50 €');
    assert.equal(formatMoney('12.345', 'KWD', 'en-GB').replace(/\s/g, ' '), 'KWD 12.345');
  });

  test('an unknown or malformed currency still shows the amount and the code', () => {
    assert.equal(formatMoney('10.00', 'X1', 'en-GB'), '10.00 X1');
    assert.equal(formatMoney('abc', 'GBP', 'en-GB'), 'abc GBP');
  });
});

describe('parseAmount', () => {
  test('accepts amounts within the currency’s digits and pads them', () => {
    assert.equal(currencyDigits('GBP'), 2);
    assert.equal(currencyDigits('JPY'), 0);
    assert.deepEqual(parseAmount(' 1,250.5 ', 'GBP'), { ok: true, amount: '1250.50' });
    assert.deepEqual(parseAmount('1250', 'GBP'), { ok: true, amount: '1250.00' });
    assert.deepEqual(parseAmount('007', 'JPY'), { ok: true, amount: '7' });
    assert.deepEqual(parseAmount('1.234', 'KWD'), { ok: true, amount: '1.234' });
  });

  test('refuses zero, negatives, text and too many digits', () => {
    assert.equal(parseAmount('0.00', 'GBP').ok, false);
    assert.equal(parseAmount('-5', 'GBP').ok, false);
    assert.equal(parseAmount('ten', 'GBP').ok, false);
    assert.equal(parseAmount('', 'GBP').ok, false);
    assert.deepEqual(parseAmount('10.005', 'GBP'), {
      ok: false,
      message: 'GBP amounts have at most 2 decimal places.',
    });
    assert.deepEqual(parseAmount('10.5', 'JPY'), { ok: false, message: 'JPY amounts have no decimal places.' });
  });
});

describe('isInvoiceOverdue', () => {
  test('only outstanding invoices past their due day are overdue', () => {
    assert.equal(isInvoiceOverdue({ status: 'outstanding', dueDate: '2026-03-03' }, '2026-03-04'), true);
    assert.equal(isInvoiceOverdue({ status: 'outstanding', dueDate: '2026-03-04' }, '2026-03-04'), false);
    assert.equal(isInvoiceOverdue({ status: 'paid', dueDate: '2026-01-01' }, '2026-03-04'), false);
  });
});
