// Pure acknowledge-by logic of the staff app: the live events and the deadline offered first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAcknowledgementEvent } from '../src/acknowledgements/parse-acknowledgement-event.ts';
import { defaultDeadline } from '../src/acknowledgements/default-deadline.ts';

describe('parseAcknowledgementEvent', () => {
  test('when a request changes or a deadline passes, then the event names the message and its conversation', () => {
    assert.deepEqual(
      parseAcknowledgementEvent({ type: 'acknowledgement.changed', data: '{"messageId":"m","conversationId":"c"}' }),
      { type: 'acknowledgement.changed', conversationId: 'c', messageId: 'm' },
    );
    assert.deepEqual(
      parseAcknowledgementEvent({ type: 'acknowledgement.task', data: '{"messageId":"m","conversationId":"c"}' }),
      { type: 'acknowledgement.task', conversationId: 'c', messageId: 'm' },
    );
  });
  test('when the event is another kind or malformed, then it is ignored', () => {
    assert.equal(
      parseAcknowledgementEvent({ type: 'message.sms', data: '{"messageId":"m","conversationId":"c"}' }),
      null,
    );
    assert.equal(parseAcknowledgementEvent({ type: 'acknowledgement.changed', data: '{"messageId":1}' }), null);
    assert.equal(parseAcknowledgementEvent({ type: 'acknowledgement.changed', data: 'not json' }), null);
    assert.equal(parseAcknowledgementEvent({ type: 'acknowledgement.changed', data: 'null' }), null);
  });
});

describe('defaultDeadline', () => {
  test('when the composer opens the option, then it offers tomorrow at 17:00 in the browser zone', () => {
    assert.equal(defaultDeadline(new Date(2026, 11, 31, 9, 30)), '2027-01-01T17:00');
    assert.equal(defaultDeadline(new Date(2026, 1, 28, 23, 59)), '2026-03-01T17:00');
  });
});
