/** One dispatched server-sent event. `id` is the stream's last event id at dispatch time ('' if none yet). */
export type ServerSentEvent = {
  id: string;
  type: string;
  data: string;
};

export type EventStreamParserHandlers = {
  onEvent: (event: ServerSentEvent) => void;
  /** A valid `retry:` field: the server's reconnection delay in milliseconds. */
  onRetry?: (delayMs: number) => void;
};

export type EventStreamParser = {
  /** Feeds decoded text; chunks may split lines (and `\r\n`) anywhere. */
  push: (chunk: string) => void;
  /** Drops a half-received event, its id included (call on reconnect). The last event id is kept. */
  reset: () => void;
  readonly lastEventId: string;
};

const LINE_END = /\r\n|\r|\n/g;

/**
 * Incremental `text/event-stream` parser following the WHATWG HTML "event stream interpretation"
 * rules: `field: value` lines, `:` comments, blank line dispatches, multi-line `data`, `id`
 * without NUL, digits-only `retry`. Pure: no I/O, so it is unit-tested on its own.
 */
export function createEventStreamParser(handlers: EventStreamParserHandlers): EventStreamParser {
  let buffer = '';
  let dataLines: string[] = [];
  let eventType = '';
  /** Committed at each blank line, as EventSource does: a half-received event never moves it. */
  let lastEventId = '';
  let idBuffer = '';
  let skipLeadingLf = false;

  function dispatch() {
    lastEventId = idBuffer;
    if (dataLines.length === 0) {
      eventType = '';
      return;
    }
    const event: ServerSentEvent = { id: lastEventId, type: eventType || 'message', data: dataLines.join('\n') };
    dataLines = [];
    eventType = '';
    handlers.onEvent(event);
  }

  function processLine(line: string) {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  }

  return {
    push(chunk: string) {
      let text = chunk;
      if (skipLeadingLf) {
        skipLeadingLf = false;
        if (text.startsWith('\n')) text = text.slice(1);
      }
      buffer += text;
      let start = 0;
      LINE_END.lastIndex = 0;
      for (let match = LINE_END.exec(buffer); match; match = LINE_END.exec(buffer)) {
        // A lone `\r` at the very end may be the first half of `\r\n` split across chunks.
        if (match[0] === '\r' && match.index === buffer.length - 1) skipLeadingLf = true;
        processLine(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    reset() {
      buffer = '';
      dataLines = [];
      eventType = '';
      idBuffer = lastEventId;
      skipLeadingLf = false;
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
