import { ApiProblem } from './api-problem.js';
import { saveBlob } from './files/print-file.js';
import type { ProblemDocument } from './api-types.js';
import type { RequestOptions, HttpMethod } from './create-api-client.js';
import type {
  CalendarEvent,
  CreateFormInput,
  CreateInvoiceInput,
  EventInput,
  FormRequest,
  IntakeForm,
  Invoice,
  UpdateInvoiceInput,
} from './extras-types.js';

/** The staff client's `request` (`createApiClient(...).request`). */
export type StaffRequest = <T>(method: HttpMethod, path: string, opts?: RequestOptions) => Promise<T>;

type Sig = { signal?: AbortSignal };
type Items<T> = { items: T[] };

const id = (value: string) => encodeURIComponent(value);

/** Staff calls for events, intake forms and invoices on matters. */
export function createExtrasApi(request: StaffRequest) {
  return {
    listMatterEvents: (matterId: string, o: Sig = {}) =>
      request<Items<CalendarEvent>>('GET', `/matters/${id(matterId)}/events`, o),
    createEvent: (matterId: string, input: EventInput) =>
      request<CalendarEvent>('POST', `/matters/${id(matterId)}/events`, { body: input }),
    updateEvent: (eventId: string, input: Partial<EventInput>) =>
      request<CalendarEvent>('PATCH', `/events/${id(eventId)}`, { body: input }),
    cancelEvent: (eventId: string) => request<CalendarEvent>('POST', `/events/${id(eventId)}/cancel`),

    listForms: (o: Sig = {}) => request<Items<IntakeForm>>('GET', '/forms', o),
    getForm: (formId: string, o: Sig = {}) => request<IntakeForm>('GET', `/forms/${id(formId)}`, o),
    createForm: (input: CreateFormInput) => request<IntakeForm>('POST', '/forms', { body: input }),
    sendFormRequest: (matterId: string, input: { formId: string; contactId: string }) =>
      request<FormRequest>('POST', `/matters/${id(matterId)}/form-requests`, { body: input }),
    listMatterFormRequests: (matterId: string, o: Sig = {}) =>
      request<Items<FormRequest>>('GET', `/matters/${id(matterId)}/form-requests`, o),
    getFormRequest: (requestId: string, o: Sig = {}) =>
      request<FormRequest>('GET', `/form-requests/${id(requestId)}`, o),

    listMatterInvoices: (matterId: string, o: Sig = {}) =>
      request<Items<Invoice>>('GET', `/matters/${id(matterId)}/invoices`, o),
    createInvoice: (matterId: string, input: CreateInvoiceInput) =>
      request<Invoice>('POST', `/matters/${id(matterId)}/invoices`, { body: input }),
    updateInvoice: (invoiceId: string, input: UpdateInvoiceInput) =>
      request<Invoice>('PATCH', `/invoices/${id(invoiceId)}`, { body: input }),

    /** A document with its latest version (to download it by version id). */
    getDocumentLatestVersion: async (documentId: string, o: Sig = {}) => {
      const details = await request<{ document: { id: string; name: string; latest: { id: string; name: string } } }>(
        'GET',
        `/documents/${id(documentId)}`,
        o,
      );
      return { versionId: details.document.latest.id, name: details.document.latest.name };
    },
  };
}

export type ExtrasApi = ReturnType<typeof createExtrasApi>;

type StaffFetchOptions = {
  /** The bearer token to send (the staff client's token source). */
  token: string | null;
  /** Origin of the API; '' means same origin. */
  baseUrl?: string;
};

async function problemOf(response: Response): Promise<ApiProblem> {
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = (await response.json()) as Partial<ProblemDocument>;
      return new ApiProblem({ ...body, status: response.status });
    } catch {
      // fall through to a generic problem
    }
  }
  return new ApiProblem({ status: response.status, title: response.statusText || undefined });
}

/** Uploads one file to a matter's documents (multipart) and returns the new document's id. */
export async function uploadMatterDocument(
  matterId: string,
  file: File,
  options: StaffFetchOptions,
): Promise<{ documentId: string; versionId: string }> {
  const form = new FormData();
  form.append('files', file, file.name);
  const response = await fetch(`${options.baseUrl ?? ''}/api/v1/matters/${id(matterId)}/documents`, {
    method: 'POST',
    headers: {
      accept: 'application/json, application/problem+json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: form,
  });
  if (!response.ok) throw await problemOf(response);
  const created = (await response.json()) as { items: Array<{ id: string; latest: { id: string } }> };
  const first = created.items[0];
  if (!first) throw new Error('The server kept no document from this upload.');
  return { documentId: first.id, versionId: first.latest.id };
}

/** A file version's bytes, fetched with the staff token (each fetch is an audited download). */
export async function fetchStaffFile(versionId: string, options: StaffFetchOptions & Sig): Promise<Blob> {
  const response = await fetch(`${options.baseUrl ?? ''}/api/v1/files/${id(versionId)}`, {
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    signal: options.signal,
  });
  if (!response.ok) throw await problemOf(response);
  return response.blob();
}

/** A file version's thumbnail or first-page preview (WebP), with the staff token; not an audited download. */
export async function fetchStaffPreview(versionId: string, options: StaffFetchOptions & Sig): Promise<Blob> {
  const response = await fetch(`${options.baseUrl ?? ''}/api/v1/files/${id(versionId)}/preview`, {
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    signal: options.signal,
  });
  if (!response.ok) throw await problemOf(response);
  return response.blob();
}

/** Downloads a file version with the staff token and saves it under `name`. */
export async function downloadStaffFile(versionId: string, name: string, options: StaffFetchOptions): Promise<void> {
  saveBlob(await fetchStaffFile(versionId, options), name);
}
