// Pure texting logic of the staff app: who "Send as SMS" will text, the status line, the live
// event, and the firm settings form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeSmsPlan } from '../src/sms/describe-sms-plan.ts';
import { hasSmsProblem, summarizeSmsStatus } from '../src/sms/summarize-sms-status.ts';
import { parseSmsEvent } from '../src/sms/parse-sms-event.ts';
import { parseCountryCodes, readFirmSettingsForm } from '../src/admin/firm-settings-form.ts';

describe('describeSmsPlan', () => {
  test('names who will be texted (the server says who cannot be)', () => {
    const plans = [
      { name: 'Jordan Ellis', reason: null },
      { name: 'Sam Ellis', reason: 'no mobile number' },
      { name: 'Ines Roux', reason: null },
    ];
    assert.equal(describeSmsPlan(plans), 'Will be texted to Jordan Ellis and Ines Roux.');
    assert.equal(describeSmsPlan(plans.slice(0, 1)), 'Will be texted to Jordan Ellis.');
  });

  test('nobody to text', () => {
    assert.equal(describeSmsPlan([]), 'No clients or third parties in this conversation to text.');
    assert.equal(describeSmsPlan([{ name: 'Sam', reason: 'opted out' }]), 'No one here can be texted.');
  });
});

describe('summarizeSmsStatus', () => {
  test('one recipient: Sending, Sent, Delivered or Failed', () => {
    assert.equal(summarizeSmsStatus([{ status: 'sending' }]), 'Text: Sending');
    assert.equal(summarizeSmsStatus([{ status: 'sent' }]), 'Text: Sent');
    assert.equal(summarizeSmsStatus([{ status: 'delivered' }]), 'Text: Delivered');
    assert.equal(summarizeSmsStatus([{ status: 'failed' }]), 'Text: Failed');
    // refused before sending and blocked by an opt-out are failures, with their reason on click
    assert.equal(summarizeSmsStatus([{ status: 'refused' }]), 'Text: Failed');
    assert.equal(summarizeSmsStatus([{ status: 'opted_out' }]), 'Text: Failed');
    assert.equal(summarizeSmsStatus([]), '');
  });

  test('several: counts, failures first', () => {
    const recipients = [
      { status: 'delivered' },
      { status: 'failed' },
      { status: 'refused' },
      { status: 'sending' },
      { status: 'delivered' },
    ] as const;
    assert.equal(summarizeSmsStatus(recipients), 'Texts: 2 failed, 1 sending, 2 delivered');
    assert.equal(hasSmsProblem(recipients), true);
    assert.equal(hasSmsProblem([{ status: 'opted_out' }]), true);
    assert.equal(hasSmsProblem([{ status: 'sent' }]), false);
  });
});

describe('parseSmsEvent', () => {
  test('reads message.sms with its ids and ignores anything else', () => {
    assert.deepEqual(parseSmsEvent({ type: 'message.sms', data: '{"messageId":"m","conversationId":"c"}' }), {
      type: 'message.sms',
      data: { messageId: 'm', conversationId: 'c' },
    });
    assert.equal(parseSmsEvent({ type: 'message.created', data: '{"messageId":"m","conversationId":"c"}' }), null);
    assert.equal(parseSmsEvent({ type: 'message.sms', data: '{"messageId":1}' }), null);
    assert.equal(parseSmsEvent({ type: 'message.sms', data: 'not json' }), null);
    assert.equal(parseSmsEvent({ type: 'message.sms', data: 'null' }), null);
  });
});

describe('firm settings form', () => {
  test('country codes: commas or spaces, upper case, no repeats', () => {
    assert.deepEqual(parseCountryCodes(' gb, IE  us;gb '), ['GB', 'IE', 'US']);
    assert.deepEqual(parseCountryCodes(''), []);
  });

  test('a valid form becomes the PATCH body; an empty sender number removes it', () => {
    assert.deepEqual(
      readFirmSettingsForm({ smsSenderNumber: ' ', smsAllowedCountries: 'gb, ie', unseenEmailDelayMinutes: '30' }),
      {
        input: { smsSenderNumber: null, smsAllowedCountries: ['GB', 'IE'], unseenEmailDelayMinutes: 30 },
        errors: null,
      },
    );
  });

  test('every bad field is named', () => {
    const read = readFirmSettingsForm({
      smsSenderNumber: '07700',
      smsAllowedCountries: 'GB, England',
      unseenEmailDelayMinutes: '0',
    });
    assert.equal(read.input, null);
    assert.deepEqual(Object.keys(read.errors ?? {}).sort(), [
      'smsAllowedCountries',
      'smsSenderNumber',
      'unseenEmailDelayMinutes',
    ]);
    assert.match(read.errors?.smsAllowedCountries ?? '', /ENGLAND/);
    assert.equal(
      readFirmSettingsForm({ smsSenderNumber: '', smsAllowedCountries: ' ', unseenEmailDelayMinutes: '1.5' }).errors
        ?.smsAllowedCountries,
      'list at least one country',
    );
  });
});
