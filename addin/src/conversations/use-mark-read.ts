import { useEffect, useRef, useState } from 'react';
import type { UnreadCounts } from '@confer/ui';
import { checkDocumentAttended } from '../files/check-document-attended';
import { useApi } from '../common/use-api';

type UseMarkReadOptions = {
  conversationId: string;
  /** The newest message loaded (null while loading or when empty). */
  newestSeq: number | null;
  /** The end of the message list is on screen. */
  endVisible: boolean;
  /** False when reading is not possible (not a participant, still loading). */
  enabled: boolean;
  onCounts: (counts: UnreadCounts) => void;
};

/** Tells the server how far I have read, once the newest message is actually in view of an attended page. */
export function useMarkRead({ conversationId, newestSeq, endVisible, enabled, onCounts }: UseMarkReadOptions) {
  const api = useApi();
  const [attended, setAttended] = useState(checkDocumentAttended);
  const sentSeq = useRef(0);
  const countsRef = useRef(onCounts);
  useEffect(() => {
    countsRef.current = onCounts;
  });

  useEffect(() => {
    const update = () => setAttended(checkDocumentAttended());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);

  useEffect(() => {
    if (!enabled || !endVisible || !attended || newestSeq == null || newestSeq <= sentSeq.current) return;
    const seq = newestSeq;
    sentSeq.current = seq;
    api.markConversationRead(conversationId, { seq }).then(
      (counts) => countsRef.current(counts),
      (error: unknown) => {
        if (sentSeq.current === seq) sentSeq.current = 0; // try again on the next change
        console.warn('Could not mark the conversation as read', error);
      },
    );
  }, [api, conversationId, newestSeq, endVisible, attended, enabled]);
}
