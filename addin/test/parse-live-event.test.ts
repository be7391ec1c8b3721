// The staff app's live event parser: which server-sent events become typed events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLiveEvent } from '../src/shell/parse-live-event.ts';

const raw = (type: string, data: unknown) => ({ id: '1', type, data: JSON.stringify(data) });
const FORM_REQUEST_ID = '5d0c3a52-4f7e-4c55-9d3e-0d2b4f0e8a11';
const MATTER_ID = '0b6f8e4c-2a51-4f63-8a7c-3e9d1c2b7f40';

describe('parseLiveEvent', () => {
  test('a submitted intake form becomes a form.submitted event with its request and matter', () => {
    const event = parseLiveEvent(raw('form.submitted', { formRequestId: FORM_REQUEST_ID, matterId: MATTER_ID }));
    assert.deepEqual(event, {
      type: 'form.submitted',
      data: { formRequestId: FORM_REQUEST_ID, matterId: MATTER_ID },
    });
  });

  test('a form.submitted event without its matter or request id is dropped', () => {
    assert.equal(parseLiveEvent(raw('form.submitted', { formRequestId: FORM_REQUEST_ID })), null);
    assert.equal(parseLiveEvent(raw('form.submitted', { matterId: MATTER_ID })), null);
    assert.equal(parseLiveEvent(raw('form.submitted', { formRequestId: 7, matterId: MATTER_ID })), null);
    assert.equal(parseLiveEvent({ id: '1', type: 'form.submitted', data: 'not json' }), null);
  });

  test('conversation events still need their conversation, and resync needs nothing', () => {
    assert.equal(parseLiveEvent(raw('conversation.updated', { matterId: MATTER_ID })), null);
    assert.deepEqual(parseLiveEvent(raw('conversation.updated', { conversationId: 'c1' })), {
      type: 'conversation.updated',
      data: { conversationId: 'c1' },
    });
    assert.deepEqual(parseLiveEvent({ id: '1', type: 'resync', data: '' }), { type: 'resync', data: {} });
  });

  test('unknown types are dropped', () => {
    assert.equal(parseLiveEvent(raw('form.viewed', { formRequestId: FORM_REQUEST_ID, matterId: MATTER_ID })), null);
  });
});
