import type { ProblemDocument, ProblemFieldError } from './api-types.js';

/** Thrown by the API client for any non-2xx response (problem+json or not). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: ProblemFieldError[];

  constructor(problem: Partial<ProblemDocument> & { status: number }) {
    const title = problem.title ?? `Request failed with status ${problem.status}`;
    super(problem.detail ?? title);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.code = problem.code ?? `http_${problem.status}`;
    this.title = title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** A short, human-readable sentence for an error of any kind, safe to show as plain text. */
export function describeError(error: unknown): string {
  if (error instanceof ApiProblem) {
    const fields = error.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
    const main = error.detail ?? error.title;
    return fields.length > 0 ? `${main} (${fields.join('; ')})` : main;
  }
  if (error instanceof TypeError) return 'Could not reach the Confer server. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
