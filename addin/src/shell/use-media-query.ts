import { useCallback, useSyncExternalStore } from 'react';

/** From this width Home and the open conversation sit side by side (two panes). */
export const TWO_PANES = '(min-width: 900px)';

/** From this width a third pane shows the open conversation's matter, people and files. */
export const THREE_PANES = '(min-width: 1280px)';

/** Whether a CSS media query matches now, re-rendering when that changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
