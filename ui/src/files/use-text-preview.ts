import { useEffect, useRef, useState } from 'react';
import { decodePreviewText } from './file-preview.js';

export type TextPreviewState =
  | { status: 'loading' }
  | { status: 'ready'; text: string }
  /** Not UTF-8 text after all: offer Download only. */
  | { status: 'not_text' }
  | { status: 'error'; error: unknown };

/** Fetches a file (with `load`) and decodes it for a text preview; shown as text, never as HTML. */
export function useTextPreview(load: (signal: AbortSignal) => Promise<Blob>): TextPreviewState {
  const [state, setState] = useState<TextPreviewState>({ status: 'loading' });
  const loadRef = useRef(load);
  useEffect(() => {
    const controller = new AbortController();
    loadRef
      .current(controller.signal)
      .then((blob) => blob.arrayBuffer())
      .then(
        (buffer) => {
          if (controller.signal.aborted) return;
          const text = decodePreviewText(new Uint8Array(buffer));
          setState(text === null ? { status: 'not_text' } : { status: 'ready', text });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', error });
        },
      );
    return () => controller.abort();
  }, []);
  return state;
}
