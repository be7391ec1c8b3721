import { useCallback, useRef, useState } from 'react';
import { PORTAL_LIMITS, isAbortError, type PortalMessage } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { usePortal } from '../shell/portal-context';
import { checkFileLimits, countChars } from './file-limits';
import { t } from '../messages';

export type SendingState = {
  files: File[];
  loaded: number;
  total: number;
  /** Cancels a file upload; absent for a text-only send. */
  abort?: () => void;
};

export type Composer = {
  text: string;
  files: File[];
  sending: SendingState | null;
  error: unknown;
  notice: string | null;
  limitError: string | null;
  chars: number;
  tooLong: boolean;
  canSend: boolean;
  setText: (text: string) => void;
  addFiles: (files: File[]) => void;
  removeFile: (index: number) => void;
  send: () => Promise<void>;
  cancel: () => void;
};

/**
 * The reply being written: text, files to attach, and sending with one Idempotency-Key per
 * draft (kept for retries after a failure; a new one once the draft changes or is sent).
 */
export function useComposer(conversationId: string, onSent: (message: PortalMessage) => void): Composer {
  const [text, setTextState] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState<SendingState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const keyRef = useRef<string | null>(null);

  const chars = countChars(text.trim());
  const tooLong = chars > PORTAL_LIMITS.messageChars;
  const { session } = usePortal();
  const limitError = checkFileLimits(files, session.uploads);
  const canSend = !sending && !tooLong && !limitError && (/\S/u.test(text) || files.length > 0);

  const draftChanged = () => {
    keyRef.current = null;
    setError(null);
    setNotice(null);
  };

  const setText = useCallback((value: string) => {
    setTextState(value);
    draftChanged();
  }, []);

  const addFiles = useCallback((added: File[]) => {
    if (added.length === 0) return;
    setFiles((current) => [...current, ...added]);
    draftChanged();
  }, []);

  const removeFile = useCallback((index: number) => {
    setFiles((current) => current.filter((_file, i) => i !== index));
    draftChanged();
  }, []);

  const send = async () => {
    if (!canSend) return;
    keyRef.current ??= crypto.randomUUID();
    const idempotencyKey = keyRef.current;
    const body = text.trim();
    setError(null);
    setNotice(null);
    try {
      let message: PortalMessage;
      if (files.length > 0) {
        const sent = files;
        const upload = portalClient.uploadFiles(conversationId, {
          body,
          files: sent,
          idempotencyKey,
          onProgress: ({ loaded, total }) => setSending((s) => (s ? { ...s, loaded, total } : s)),
        });
        setSending({ files: sent, loaded: 0, total: sent.reduce((sum, f) => sum + f.size, 0), abort: upload.abort });
        message = await upload.promise;
      } else {
        setSending({ files: [], loaded: 0, total: 0 });
        message = await portalClient.sendMessage(conversationId, { body }, { idempotencyKey });
      }
      keyRef.current = null;
      setTextState('');
      setFiles([]);
      onSent(message);
    } catch (err) {
      if (isAbortError(err)) setNotice(t.conversations.sendingCancelledYourMessage);
      else setError(err);
    } finally {
      setSending(null);
    }
  };

  const cancel = () => sending?.abort?.();

  return {
    text,
    files,
    sending,
    error,
    notice,
    limitError,
    chars,
    tooLong,
    canSend,
    setText,
    addFiles,
    removeFile,
    send,
    cancel,
  };
}
