import { ApiProblem } from './api-problem.js';
import type { ProblemDocument } from './api-types.js';

/** An error answer as an ApiProblem: its problem document when JSON, else just the status. */
export function problemFromAnswer(
  status: number,
  statusText: string,
  text: string,
  contentType: string,
  requestId?: string,
): ApiProblem {
  if (contentType.includes('json') && text) {
    try {
      return new ApiProblem({ requestId, ...(JSON.parse(text) as Partial<ProblemDocument>), status });
    } catch {
      // fall through to a generic problem
    }
  }
  return new ApiProblem({ status, title: statusText || undefined, requestId });
}

export type PortalFormPostOptions = {
  url: string;
  form: FormData;
  /** Sent before the CSRF header, e.g. an Idempotency-Key. */
  headers?: Record<string, string>;
  csrfToken: string | null | undefined;
  onProgress?: (progress: { loaded: number; total: number }) => void;
  /** Sees every problem answer before the promise rejects with it (e.g. to notice a sign-out). */
  onProblem?: (problem: ApiProblem) => void;
};

/**
 * POSTs multipart form data with `xhr` (for upload progress) to the portal API. The promise has the
 * JSON answer, or rejects with an ApiProblem, a TypeError (network) or an AbortError (`abort()`).
 */
export function postPortalForm<T>(
  xhr: XMLHttpRequest,
  options: PortalFormPostOptions,
): { promise: Promise<T>; abort: () => void } {
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', options.url);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(text) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error('The server sent an unreadable answer'));
        }
        return;
      }
      const problem = problemFromAnswer(
        xhr.status,
        xhr.statusText,
        text,
        xhr.getResponseHeader('content-type') ?? '',
        xhr.getResponseHeader('x-request-id') ?? undefined,
      );
      options.onProblem?.(problem);
      reject(problem);
    };
    xhr.onerror = () => reject(new TypeError('The upload could not reach the server'));
    xhr.ontimeout = () => reject(new TypeError('The upload timed out'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.send(options.form);
  });
  return { promise, abort: () => xhr.abort() };
}
