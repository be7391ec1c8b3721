// Pure texting logic of the staff app: who "Send as SMS" will text, the status line, the live
// event, and the firm settings form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Contact, Participant } from '@confer/ui';
import { countriesOfNumber, describeSmsPlan, planSmsRecipients } from '../src/plan-sms-recipients.ts';
import { hasSmsProblem, summarizeSmsStatus } from '../src/summarize-sms-status.ts';
import { parseSmsEvent } from '../src/parse-sms-event.ts';
import { parseCountryCodes, readFirmSettingsForm } from '../src/firm-settings-form.ts';

const participant = (id: string, name: string, extra: Partial<Participant> = {}): Participant => ({
  id: `p-${id}`,
  kind: 'contact',
  staffId: null,
  contactId: id,
  name,
  initials: name.slice(0, 2),
  contactKind: 'client',
  joinedAt: '2026-01-01T00:00:00Z',
  leftAt: null,
  ...extra,
});
const contact = (id: string, name: string, extra: Partial<Contact> = {}): Contact => ({
  id,
  name,
  email: `${id}@mail.example`,
  mobile: '+447700900101',
  kind: 'client',
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('planSmsRecipients', () => {
  test('texts current contacts with an email and a mobile; says why the others cannot be', () => {
    const participants = [
      participant('a', 'Jordan Ellis'),
      participant('b', 'Sam Ellis'),
      participant('c', 'Riya Kapoor'),
      participant('d', 'Daniel Okafor'),
      participant('e', 'Left Person', { leftAt: '2026-02-01T00:00:00Z' }),
      { ...participant('s', 'Alex Morgan'), kind: 'staff' as const, contactId: null, staffId: 's' },
      participant('f', 'Ines Roux'),
    ];
    const contacts = [
      contact('a', 'Jordan Ellis'),
      contact('b', 'Sam Ellis', { mobile: null }),
      contact('c', 'Riya Kapoor', { email: null }),
      contact('d', 'Daniel Okafor', { active: false }),
      contact('e', 'Left Person'),
      contact('f', 'Ines Roux', { mobile: '+33 6 12 34 56 78' }),
    ];
    const plans = planSmsRecipients(participants, contacts, ['GB']);
    assert.deepEqual(
      plans.map((p) => [p.name, p.reason]),
      [
        ['Jordan Ellis', null],
        ['Sam Ellis', 'no mobile number'],
        ['Riya Kapoor', 'no email address (texts need one for sign-in)'],
        ['Daniel Okafor', 'disabled'],
        ['Ines Roux', 'texts to this country are not allowed (FR)'],
      ],
    );
    assert.equal(describeSmsPlan(plans), 'Will be texted to Jordan Ellis.');
  });

  test('without the allowed countries (not an admin) the country is left to the server', () => {
    const plans = planSmsRecipients(
      [participant('f', 'Ines Roux'), participant('a', 'Jordan Ellis')],
      [contact('f', 'Ines Roux', { mobile: '+33612345678' }), contact('a', 'Jordan Ellis')],
      null,
    );
    assert.deepEqual(
      plans.map((p) => p.reason),
      [null, null],
    );
    assert.equal(describeSmsPlan(plans), 'Will be texted to Ines Roux and Jordan Ellis.');
  });

  test('nobody to text', () => {
    assert.equal(describeSmsPlan([]), 'No clients or third parties in this conversation to text.');
    const plans = planSmsRecipients([participant('b', 'Sam')], [contact('b', 'Sam', { mobile: null })], null);
    assert.equal(describeSmsPlan(plans), 'No one here can be texted.');
  });

  test('calling codes: longest match, shared codes, unknown and malformed numbers', () => {
    assert.deepEqual(countriesOfNumber('+353 87 123 4567'), ['IE']);
    assert.deepEqual(countriesOfNumber('+1 (202) 555-0100'), ['US', 'CA']);
    assert.deepEqual(countriesOfNumber('+447700900101'), ['GB', 'GG', 'JE', 'IM']);
    assert.equal(countriesOfNumber('07700 900101'), null);
    assert.equal(countriesOfNumber('+999123456789'), null);
  });
});

describe('summarizeSmsStatus', () => {
  test('one recipient: its status', () => {
    assert.equal(summarizeSmsStatus([{ status: 'sending' }]), 'Text: Sending');
    assert.equal(summarizeSmsStatus([{ status: 'delivered' }]), 'Text: Delivered');
    assert.equal(summarizeSmsStatus([{ status: 'opted_out' }]), 'Text: Opted out');
    assert.equal(summarizeSmsStatus([]), '');
  });

  test('several: counts, problems first', () => {
    const recipients = [{ status: 'delivered' }, { status: 'failed' }, { status: 'delivered' }] as const;
    assert.equal(summarizeSmsStatus(recipients), 'Texts: 1 failed, 2 delivered');
    assert.equal(hasSmsProblem(recipients), true);
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
