import { ApiProblem, type Message, type ProblemDocument } from '@confer/ui';
import { t } from '../messages';

export type UploadProgress = { loaded: number; total: number };

/**
 * Sends files (and text) as one message of a conversation: multipart/form-data to
 * `POST /api/v1/conversations/:id/uploads`, with `source=outlook` so the matter's copies are
 * marked as from Outlook. XMLHttpRequest rather than fetch, for upload progress.
 */
export function uploadToConversation(options: {
  conversationId: string;
  files: File[];
  body: string;
  token: string | null;
  idempotencyKey: string;
  onProgress: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}): Promise<Message> {
  return new Promise<Message>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    if (options.body) form.append('body', options.body);
    form.append('source', 'outlook');
    for (const file of options.files) form.append('files', file, file.name);
    xhr.open('POST', `/api/v1/conversations/${encodeURIComponent(options.conversationId)}/uploads`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Idempotency-Key', options.idempotencyKey);
    if (options.token) xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(text) as Message);
        } catch {
          reject(new Error(t.outlook.unreadableAnswer));
        }
        return;
      }
      let problem: Partial<ProblemDocument> = {};
      try {
        problem = JSON.parse(text) as Partial<ProblemDocument>;
      } catch {
        // not JSON
      }
      reject(new ApiProblem({ ...problem, status: xhr.status, title: problem.title ?? (xhr.statusText || undefined) }));
    };
    xhr.onerror = () => reject(new TypeError(t.outlook.uploadUnreachable));
    xhr.onabort = () => reject(new DOMException(t.outlook.uploadCancelled, 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Per-file progress from one multipart upload: the body carries the files in order, so the
 * bytes sent so far fill the first file, then the next. (Multipart headers are small next to
 * the files; the last file reaches 100 % only when the server has answered.)
 */
export function progressPerFile(sizes: number[], progress: UploadProgress): number[] {
  const totalFiles = sizes.reduce((a, b) => a + b, 0);
  const overhead = Math.max(0, progress.total - totalFiles);
  let sent = Math.max(0, progress.loaded - overhead / 2);
  return sizes.map((size) => {
    if (size === 0) return sent >= 0 ? 1 : 0;
    const part = Math.min(size, sent);
    sent -= part;
    return Math.min(0.99, part / size);
  });
}
