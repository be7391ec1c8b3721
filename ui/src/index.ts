export * from './api-types.js';
export { ApiProblem, isApiProblem, describeError } from './api-problem.js';
export { createApiClient } from './create-api-client.js';
export type { ApiClient, ApiClientOptions, HttpMethod, QueryValue, RequestOptions } from './create-api-client.js';
