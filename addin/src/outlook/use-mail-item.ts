import { useCallback, useEffect, useState } from 'react';
import type { MailItem, OfficeHost } from '../office/office-host';

export type MailItemState =
  { status: 'loading' } | { status: 'ready'; item: MailItem | null } | { status: 'error'; error: unknown };

/** The open email, read again whenever Outlook selects another one under a pinned pane. */
export function useMailItem(host: OfficeHost | null) {
  const [state, setState] = useState<MailItemState>(host ? { status: 'loading' } : { status: 'ready', item: null });
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => host?.onItemChanged(refresh), [host, refresh]);

  useEffect(() => {
    if (!host) return;
    let active = true;
    host.readItem().then(
      (item) => active && setState({ status: 'ready', item }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, [host, version]);

  return { state, refresh };
}
