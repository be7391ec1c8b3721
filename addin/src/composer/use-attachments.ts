import { useCallback, useMemo, useRef, useState } from 'react';
import {
  isAbortError,
  progressPerFile,
  uploadToConversation,
  useWindowFileDrop,
  useUploadLimits,
  type Message,
} from '@confer/ui';
import {
  addAttachments,
  addDocuments,
  checkAttachmentLimits,
  type AttachmentItem,
  type PickedDocument,
} from './attachment-list';
import { createIdempotencyKey } from './create-idempotency-key';
import { useFilesApi } from '../files/use-files-api';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

/** The upload under way: which files, bytes sent so far, and how to stop it. */
type Sending = { keys: string[]; loaded: number; total: number; abort: () => void };

export type Attachments = {
  items: AttachmentItem[];
  documents: PickedDocument[];
  /** Per item key, 0..1 while its upload runs. */
  progress: ReadonlyMap<string, number>;
  uploading: boolean;
  /** Anything to send besides text. */
  hasAny: boolean;
  limitError: string | null;
  error: unknown;
  notice: string | null;
  dragging: boolean;
  addFiles: (files: File[]) => void;
  addDocuments: (documents: PickedDocument[]) => void;
  /** Removes a file; while it uploads, stops the upload (the rest stay, ready to send again). */
  removeItem: (key: string) => void;
  removeDocument: (id: string) => void;
  cancelUpload: () => void;
  /**
   * Sends the text with everything attached as one message (with `sendAsSms`, also texted to the
   * clients and third parties); true when it was sent. `conversationId` sends to another
   * conversation than the hook's (the new-message dialog creates its conversation on send).
   */
  send: (body: string, options?: { sendAsSms?: boolean; conversationId?: string }) => Promise<boolean>;
};

/**
 * Files and matter documents for the next message of a conversation: picked, dropped anywhere
 * on the window (while `dropEnabled`), checked against the per-send limits, and sent with the
 * text as one message: a multipart upload with per-file progress when there are files, else a
 * JSON send. One Idempotency-Key per draft (text and SMS choice), kept for a retry after a failure.
 */
export function useAttachments(options: {
  conversationId: string;
  dropEnabled: boolean;
  onSent: (message: Message) => void;
}): Attachments {
  const { conversationId, onSent } = options;
  const getToken = useGetToken();
  const filesApi = useFilesApi();
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const [documents, setDocuments] = useState<PickedDocument[]>([]);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const draft = useRef<{ key: string; body: string; sendAsSms: boolean } | null>(null);
  const sendingRef = useRef<Sending | null>(null);
  sendingRef.current = sending;

  const draftChanged = useCallback(() => {
    draft.current = null;
    setError(null);
    setNotice(null);
  }, []);

  const addFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      setItems((current) => addAttachments(current, files));
      draftChanged();
    },
    [draftChanged],
  );

  const dragging = useWindowFileDrop(options.dropEnabled, addFiles);

  const removeItem = useCallback(
    (key: string) => {
      if (sendingRef.current?.keys.includes(key)) sendingRef.current.abort();
      setItems((current) => current.filter((item) => item.key !== key));
      draftChanged();
    },
    [draftChanged],
  );

  const addPicked = useCallback(
    (added: PickedDocument[]) => {
      setDocuments((current) => addDocuments(current, added));
      draftChanged();
    },
    [draftChanged],
  );

  const removeDocument = useCallback(
    (id: string) => {
      setDocuments((current) => current.filter((d) => d.id !== id));
      draftChanged();
    },
    [draftChanged],
  );

  const uploadLimits = useUploadLimits();
  const limitError = checkAttachmentLimits(
    items.map((item) => item.file.size),
    uploadLimits,
  );

  const progress = useMemo(() => {
    const map = new Map<string, number>();
    if (!sending) return map;
    const sendingItems = items.filter((item) => sending.keys.includes(item.key));
    const values = progressPerFile(
      sendingItems.map((item) => item.file.size),
      sending.loaded,
      sending.total,
    );
    sendingItems.forEach((item, i) => map.set(item.key, values[i] ?? 0));
    return map;
  }, [items, sending]);

  const send = async (
    typed: string,
    options: { sendAsSms?: boolean; conversationId?: string } = {},
  ): Promise<boolean> => {
    if (sendingRef.current || limitError) return false;
    const target = options.conversationId ?? conversationId;
    const body = /\S/u.test(typed) ? typed : '';
    const sendAsSms = options.sendAsSms === true;
    setError(null);
    setNotice(null);
    if (sendAsSms && !body) {
      setNotice(t.composer.aTextCannotCarry);
      return false;
    }
    const sentItems = items;
    const sentDocuments = documents;
    const documentIds = sentDocuments.map((d) => d.id);
    if (!draft.current || draft.current.body !== body || draft.current.sendAsSms !== sendAsSms) {
      draft.current = { key: createIdempotencyKey(), body, sendAsSms };
    }
    const key = draft.current.key;
    try {
      if (sentItems.length > 0) {
        const upload = uploadToConversation(target, {
          body,
          documentIds,
          sendAsSms,
          files: sentItems.map((item) => item.file),
          token: await getToken(),
          idempotencyKey: key,
          onProgress: ({ loaded, total }) => setSending((s) => (s ? { ...s, loaded, total } : s)),
        });
        const total = sentItems.reduce((sum, item) => sum + item.file.size, 0);
        const running = { keys: sentItems.map((item) => item.key), loaded: 0, total, abort: upload.abort };
        sendingRef.current = running;
        setSending(running);
        onSent(await upload.promise);
        const sentKeys = new Set(running.keys);
        setItems((current) => current.filter((item) => !sentKeys.has(item.key)));
      } else {
        onSent(
          await filesApi.sendWithDocuments(
            target,
            { body, documentIds, ...(sendAsSms ? { sendAsSms: true } : {}) },
            key,
          ),
        );
      }
      const sentIds = new Set(sentDocuments.map((d) => d.id));
      setDocuments((current) => current.filter((d) => !sentIds.has(d.id)));
      draft.current = null;
      return true;
    } catch (err) {
      if (isAbortError(err)) setNotice(t.composer.uploadCancelledYourMessage);
      else setError(err);
      return false;
    } finally {
      sendingRef.current = null;
      setSending(null);
    }
  };

  return {
    items,
    documents,
    progress,
    uploading: sending !== null,
    hasAny: items.length > 0 || documents.length > 0,
    limitError,
    error,
    notice,
    dragging,
    addFiles,
    addDocuments: addPicked,
    removeItem,
    removeDocument,
    cancelUpload: () => sendingRef.current?.abort(),
    send,
  };
}
