import { ApiProblem } from './api-problem.js';
import type { Message, MatterDocument, ProblemDocument } from './api-types.js';
import type { HttpMethod, RequestOptions } from './create-api-client.js';
import type {
  ConversationFiles,
  DocumentDetails,
  DocumentShare,
  RunningUpload,
  UploadProgressEvent,
} from './files-types.js';

export * from './files-types.js';
export { progressPerFile } from './upload-progress.js';
export { useWindowFileDrop } from './use-window-file-drop.js';

type Request = <T>(method: HttpMethod, path: string, opts?: RequestOptions) => Promise<T>;
type Sig = { signal?: AbortSignal };

const id = (value: string) => encodeURIComponent(value);

/** Staff file calls that send JSON, over the API client's `request`. */
export function createFilesApi(request: Request) {
  return {
    listMatterDocuments: (matterId: string, o: Sig = {}) =>
      request<{ items: MatterDocument[] }>('GET', `/matters/${id(matterId)}/documents`, o),
    /** A document with all its versions (newest first), comments and shares. */
    getDocument: (documentId: string, o: Sig = {}) =>
      request<DocumentDetails>('GET', `/documents/${id(documentId)}`, o),
    listConversationFiles: (conversationId: string, o: Sig = {}) =>
      request<ConversationFiles>('GET', `/conversations/${id(conversationId)}/files`, o),
    shareDocument: (conversationId: string, documentId: string) =>
      request<DocumentShare>('POST', `/conversations/${id(conversationId)}/shares`, { body: { documentId } }),
    revokeShare: (shareId: string) => request<DocumentShare>('POST', `/shares/${id(shareId)}/revoke`),
    exportConversation: (conversationId: string) =>
      request<MatterDocument>('POST', `/conversations/${id(conversationId)}/export`),
    /** The conversation's tamper-evident record: a PDF and its JSON manifest, both into the matter's documents. */
    exportRecord: (conversationId: string) =>
      request<{ pdf: MatterDocument; manifest: MatterDocument; verification: { intact: boolean; entries: number } }>(
        'POST',
        `/conversations/${id(conversationId)}/record/export`,
      ),
    /**
     * A message carrying copies of matter documents (their current versions); the text may be
     * empty unless `sendAsSms` also texts it to the clients and third parties.
     */
    sendWithDocuments: (
      conversationId: string,
      input: { body: string; documentIds: string[]; sendAsSms?: boolean },
      idempotencyKey: string,
    ) =>
      request<Message>('POST', `/conversations/${id(conversationId)}/messages`, {
        body: input,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
  };
}
export type FilesApi = ReturnType<typeof createFilesApi>;

export type MultipartUploadInput = {
  /** Path under /api/v1, e.g. `/conversations/<id>/uploads`. */
  path: string;
  files: readonly File[];
  fields?: Record<string, string>;
  token: string | null;
  idempotencyKey?: string;
  onProgress?: (progress: UploadProgressEvent) => void;
  baseUrl?: string;
};

function problemOf(xhr: XMLHttpRequest): ApiProblem {
  let problem: Partial<ProblemDocument> = {};
  try {
    problem = JSON.parse(xhr.responseText) as Partial<ProblemDocument>;
  } catch {
    // not JSON
  }
  return new ApiProblem({ ...problem, status: xhr.status, title: problem.title ?? (xhr.statusText || undefined) });
}

/**
 * A multipart POST with upload progress (XMLHttpRequest: fetch reports none). Text fields go
 * first, then the files in order, which is what per-file progress assumes. The promise rejects
 * with an ApiProblem, a TypeError (network) or an AbortError (after `abort()`).
 */
export function uploadMultipart<T>(input: MultipartUploadInput): RunningUpload<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(input.fields ?? {})) form.append(name, value);
    for (const file of input.files) form.append('files', file, file.name);
    xhr.open('POST', `${(input.baseUrl ?? '').replace(/\/+$/, '')}/api/v1${input.path}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (input.idempotencyKey) xhr.setRequestHeader('Idempotency-Key', input.idempotencyKey);
    if (input.token) xhr.setRequestHeader('authorization', `Bearer ${input.token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) input.onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(problemOf(xhr));
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new Error('The server sent an unreadable answer'));
      }
    };
    xhr.onerror = () => reject(new TypeError('The upload could not reach Confer'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export type ConversationUploadInput = Omit<MultipartUploadInput, 'path' | 'fields'> & {
  body: string;
  /** Matter documents attached as copies in the same message. */
  documentIds?: readonly string[];
  /** Also text the message to the clients and third parties (the text must not be empty). */
  sendAsSms?: boolean;
};

/**
 * Sends text, files and copies of matter documents as one message, optionally also as a text:
 * `POST /conversations/:id/uploads`.
 */
export function uploadToConversation(conversationId: string, input: ConversationUploadInput): RunningUpload<Message> {
  const { body, documentIds, sendAsSms, ...rest } = input;
  const fields: Record<string, string> = {};
  if (body) fields.body = body;
  if (documentIds?.length) fields.documentIds = documentIds.join(',');
  if (sendAsSms) fields.sendAsSms = 'true';
  return uploadMultipart<Message>({ ...rest, path: `/conversations/${id(conversationId)}/uploads`, fields });
}

/** Adds files to a matter's documents: `POST /matters/:id/documents`. */
export function uploadMatterDocuments(
  matterId: string,
  input: Omit<MultipartUploadInput, 'path' | 'fields' | 'idempotencyKey'>,
): RunningUpload<{ items: MatterDocument[] }> {
  return uploadMultipart({ ...input, path: `/matters/${id(matterId)}/documents` });
}

/** A new version of a matter document (one file): `POST /documents/:id/versions`. Live shares show it at once. */
export function uploadDocumentVersion(
  documentId: string,
  input: Omit<MultipartUploadInput, 'path' | 'fields' | 'idempotencyKey' | 'files'> & { file: File },
): RunningUpload<MatterDocument> {
  const { file, ...rest } = input;
  return uploadMultipart({ ...rest, files: [file], path: `/documents/${id(documentId)}/versions` });
}
