import { useEffect, useRef, useState } from 'react';
import { portalClient } from '../session/portal-client';
import { usePortal } from '../shell/portal-context';

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * Marks the conversation read up to its newest message while the messages are on screen
 * and the page is visible, then refreshes the unread badges.
 */
export function useMarkRead(conversationId: string, newestSeq: number | null, active: boolean) {
  const { conversations } = usePortal();
  const { reload } = conversations;
  const visible = useDocumentVisible();
  const sent = useRef(0);

  useEffect(() => {
    if (!active || !visible || newestSeq === null || newestSeq <= sent.current) return;
    sent.current = newestSeq;
    portalClient.markRead(conversationId, newestSeq).then(
      () => reload(),
      () => {
        sent.current = 0; // try again with the next change
      },
    );
  }, [conversationId, newestSeq, active, visible, reload]);
}
