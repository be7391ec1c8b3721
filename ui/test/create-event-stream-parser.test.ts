import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEventStreamParser, type ServerSentEvent } from '../src/create-event-stream-parser.js';

function collect() {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  const parser = createEventStreamParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) });
  return { parser, events, retries };
}

describe('createEventStreamParser', () => {
  test('parses id, event and data blocks', () => {
    const { parser, events } = collect();
    parser.push('id: 7\nevent: message.created\ndata: {"a":1}\n\n');
    assert.deepEqual(events, [{ id: '7', type: 'message.created', data: '{"a":1}' }]);
    assert.equal(parser.lastEventId, '7');
  });

  test('joins multi-line data, defaults the type, keeps the id for later events', () => {
    const { parser, events } = collect();
    parser.push('id: 1\ndata: one\ndata: two\n\ndata:three\n\n');
    assert.deepEqual(events, [
      { id: '1', type: 'message', data: 'one\ntwo' },
      { id: '1', type: 'message', data: 'three' },
    ]);
  });

  test('handles chunks split anywhere, including inside CRLF', () => {
    const { parser, events } = collect();
    const stream = 'id: 42\r\nevent: resync\r\ndata: {}\r\n\r\n: keep-alive\r\n\r\nevent: x\rdata: y\r\r';
    for (const ch of stream) parser.push(ch);
    assert.deepEqual(events, [
      { id: '42', type: 'resync', data: '{}' },
      { id: '42', type: 'x', data: 'y' },
    ]);
  });

  test('ignores comments, unknown fields and events without data', () => {
    const { parser, events } = collect();
    parser.push(': hello\nfoo: bar\nevent: nothing\n\ndata: ok\n\n');
    assert.deepEqual(events, [{ id: '', type: 'message', data: 'ok' }]);
  });

  test('reports numeric retry only, and ids containing NUL are ignored', () => {
    const { parser, retries } = collect();
    parser.push('retry: 2500\nretry: soon\nid: a\0b\n\n');
    assert.deepEqual(retries, [2500]);
    assert.equal(parser.lastEventId, '');
  });

  test('reset drops a half-received event, its id included', () => {
    const { parser, events } = collect();
    parser.push('id: 5\ndata: whole\n\nid: 6\ndata: half');
    assert.equal(parser.lastEventId, '5');
    parser.reset();
    parser.push('\n\ndata: next\n\n');
    assert.deepEqual(events, [
      { id: '5', type: 'message', data: 'whole' },
      { id: '5', type: 'message', data: 'next' },
    ]);
  });
});
