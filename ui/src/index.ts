export * from './api-types.js';
export { ApiProblem, isApiProblem, describeError } from './api-problem.js';
export { createApiClient } from './create-api-client.js';
export type { ApiClient, ApiClientOptions, HttpMethod, QueryValue, RequestOptions } from './create-api-client.js';
export { createEventStreamParser } from './create-event-stream-parser.js';
export type { EventStreamParser, EventStreamParserHandlers, ServerSentEvent } from './create-event-stream-parser.js';
export { openEventStream } from './open-event-stream.js';
export type {
  EventStream,
  EventStreamState,
  EventStreamStateDetail,
  OpenEventStreamOptions,
} from './open-event-stream.js';
export * from './portal-api.js';
