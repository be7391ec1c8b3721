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
export * from './sms-types.js';
export { createSmsApi, type SmsApi } from './sms-api.js';
export { createAcknowledgementsApi, type AcknowledgementsApi } from './acknowledgements-api.js';
export { fieldErrorsOf } from './problem-field-errors.js';
export * from './quick-reply-api.js';
export * from './extras/index.js';
export * from './files-api.js';
export * from './files/index.js';
export { UploadLimitsProvider, useUploadLimits, type UploadLimits } from './upload-limits.js';
export { useLoader, type LoadState, type Loader } from './hooks/use-loader.js';
export { useDebouncedValue } from './hooks/use-debounced-value.js';
