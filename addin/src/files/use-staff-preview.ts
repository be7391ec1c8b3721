import { useContext, useEffect, useRef, useState } from 'react';
import { fetchStaffPreview, type FilePreview, type FileRef } from '@confer/ui';
import { useGetToken } from '../auth/use-token';
import { MessagingContext } from '../conversations/use-messaging';

/**
 * A message file's preview as it is now: its state from the message, updated live by
 * `file.preview` events, and once ready an object URL of the WebP fetched with the staff token
 * (an `<img>` cannot send the bearer token). Null preview: the file has none.
 */
export function useStaffPreview(file: FileRef): { preview: FilePreview | null; src: string | null } {
  const store = useContext(MessagingContext);
  const getToken = useGetToken();
  const [live, setLive] = useState<FilePreview | null>(null);
  const [src, setSrc] = useState<string | null>(null);
  const versionId = useRef(file.versionId);
  versionId.current = file.versionId;
  useEffect(
    () =>
      store?.events.subscribe((event) => {
        if (event.type === 'file.preview' && event.data.versionId === versionId.current) setLive(event.data.preview);
      }),
    [store],
  );
  // an event that came before this file was shown (the send's answer can arrive after it)
  const preview = live ?? store?.previewOf(file.versionId) ?? file.preview;
  const ready = preview?.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    let url: string | null = null;
    void (async () => {
      try {
        const blob = await fetchStaffPreview(file.versionId, { token: await getToken(), signal: controller.signal });
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      } catch {
        // no thumbnail then: the file's row still opens and downloads it
      }
    })();
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [ready, file.versionId, getToken]);
  return { preview, src };
}
