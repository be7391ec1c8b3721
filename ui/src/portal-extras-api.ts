import { ApiProblem } from './api-problem.js';
import type { ProblemDocument } from './api-types.js';
import type {
  FormAnswers,
  FormRequest,
  FormUploadedFile,
  PortalCalendarEvent,
  PortalInvoiceList,
} from './extras-types.js';
import { PORTAL_API_PREFIX, type PortalUploadProgress } from './portal-api.js';

type Sig = { signal?: AbortSignal };
type Items<T> = { items: T[] };

/** The portal client's `request` (`createPortalClient(...).request`): cookie session, CSRF header on writes. */
export type PortalRequest = <T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  opts?: Sig & { body?: unknown; headers?: Record<string, string>; query?: Record<string, string | undefined> },
) => Promise<T>;

export type PortalExtrasOptions = {
  request: PortalRequest;
  /** The CSRF token of the current session, sent with uploads. */
  getCsrfToken: () => string | null | undefined;
  /** Called for any 401 `not_signed_in` answer to an upload. */
  onNotSignedIn?: (problem: ApiProblem) => void;
  /** Origin of the API; '' means same origin. */
  baseUrl?: string;
};

/**
 * The list of the contact's upcoming events. The same path is the live stream when asked for
 * `text/event-stream`; the client's JSON `Accept` header gets the list.
 */
export const PORTAL_EVENTS_LIST_PATH = '/events';

export type FormFileUpload = {
  promise: Promise<FormUploadedFile>;
  abort: () => void;
};

const id = (value: string) => encodeURIComponent(value);

/** Link of an event's calendar file (text/calendar, downloaded as an attachment). */
export function portalEventIcsUrl(eventId: string, baseUrl = ''): string {
  return `${baseUrl.replace(/\/+$/, '')}${PORTAL_API_PREFIX}/events/${id(eventId)}/ics`;
}

/** Link of an invoice's PDF (downloaded as an attachment). */
export function portalInvoicePdfUrl(invoiceId: string, baseUrl = ''): string {
  return `${baseUrl.replace(/\/+$/, '')}${PORTAL_API_PREFIX}/invoices/${id(invoiceId)}/pdf`;
}

function problemOf(status: number, statusText: string, text: string, contentType: string): ApiProblem {
  if (contentType.includes('json') && text) {
    try {
      return new ApiProblem({ ...(JSON.parse(text) as Partial<ProblemDocument>), status });
    } catch {
      // fall through to a generic problem
    }
  }
  return new ApiProblem({ status, title: statusText || undefined });
}

/** Portal calls for events, intake forms, invoices and the extended To do. */
export function createPortalExtrasApi(options: PortalExtrasOptions) {
  const { request } = options;
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');

  /** Uploads one file for a form's file field, with progress and cancel. */
  function uploadFormFile(
    requestId: string,
    file: File,
    onProgress?: (progress: PortalUploadProgress) => void,
  ): FormFileUpload {
    const xhr = new XMLHttpRequest();
    const promise = new Promise<FormUploadedFile>((resolve, reject) => {
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.open('POST', `${baseUrl}${PORTAL_API_PREFIX}/forms/${id(requestId)}/files`);
      xhr.setRequestHeader('accept', 'application/json, application/problem+json');
      const csrf = options.getCsrfToken();
      if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
      };
      xhr.onload = () => {
        const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(text) as FormUploadedFile);
          } catch (error) {
            reject(error instanceof Error ? error : new Error('The server sent an unreadable answer'));
          }
          return;
        }
        const problem = problemOf(xhr.status, xhr.statusText, text, xhr.getResponseHeader('content-type') ?? '');
        if (problem.status === 401 && problem.code === 'not_signed_in') options.onNotSignedIn?.(problem);
        reject(problem);
      };
      xhr.onerror = () => reject(new TypeError('The upload could not reach the server'));
      xhr.ontimeout = () => reject(new TypeError('The upload timed out'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      xhr.send(form);
    });
    return { promise, abort: () => xhr.abort() };
  }

  return {
    uploadFormFile,
    listEvents: (o: Sig = {}) => request<Items<PortalCalendarEvent>>('GET', PORTAL_EVENTS_LIST_PATH, o),
    listForms: (o: Sig = {}) => request<Items<FormRequest>>('GET', '/forms', o),
    getForm: (requestId: string, o: Sig = {}) => request<FormRequest>('GET', `/forms/${id(requestId)}`, o),
    saveFormDraft: (requestId: string, answers: FormAnswers) =>
      request<FormRequest>('PUT', `/forms/${id(requestId)}/draft`, { body: { answers } }),
    submitForm: (requestId: string, answers: FormAnswers) =>
      request<FormRequest>('POST', `/forms/${id(requestId)}/submit`, { body: { answers } }),
    listInvoices: (o: Sig = {}) => request<PortalInvoiceList>('GET', '/invoices', o),
  };
}

export type PortalExtrasApi = ReturnType<typeof createPortalExtrasApi>;
