import type { ApiProblem } from './api-problem.js';
import type {
  FormAnswers,
  FormRequest,
  FormUploadedFile,
  PortalCalendarEvent,
  PortalInvoiceList,
} from './extras-types.js';
import { PORTAL_API_PREFIX, type PortalUploadProgress } from './portal-api.js';
import { postPortalForm } from './post-portal-form.js';

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

export type FormFileUpload = {
  promise: Promise<FormUploadedFile>;
  abort: () => void;
};

const id = (value: string) => encodeURIComponent(value);

/** Link of an event's calendar file (text/calendar, downloaded as an attachment). */
export function portalEventIcsUrl(eventId: string, baseUrl = ''): string {
  return `${baseUrl.replace(/\/+$/, '')}${PORTAL_API_PREFIX}/calendar-events/${id(eventId)}/ics`;
}

/** Link of an invoice's PDF (downloaded as an attachment). */
export function portalInvoicePdfUrl(invoiceId: string, baseUrl = ''): string {
  return `${baseUrl.replace(/\/+$/, '')}${PORTAL_API_PREFIX}/invoices/${id(invoiceId)}/pdf`;
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
    const form = new FormData();
    form.append('file', file, file.name);
    return postPortalForm<FormUploadedFile>(new XMLHttpRequest(), {
      url: `${baseUrl}${PORTAL_API_PREFIX}/forms/${id(requestId)}/files`,
      form,
      csrfToken: options.getCsrfToken(),
      onProgress,
      onProblem: (problem) => {
        if (problem.status === 401 && problem.code === 'not_signed_in') options.onNotSignedIn?.(problem);
      },
    });
  }

  return {
    uploadFormFile,
    listEvents: (o: Sig = {}) => request<Items<PortalCalendarEvent>>('GET', '/calendar-events', o),
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
