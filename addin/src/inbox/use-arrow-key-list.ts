import { useCallback, type KeyboardEvent } from 'react';

/**
 * Up and Down move focus between the links of a list (Home and End to its ends); Enter opens
 * the focused link as links do. Put the handler on the list element.
 */
export function useArrowKeyList(selector = 'a[data-conversation-id]') {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(selector));
      if (items.length === 0) return;
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next =
        event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? items.length - 1
            : event.key === 'ArrowDown'
              ? Math.min(items.length - 1, at + 1)
              : Math.max(0, at === -1 ? 0 : at - 1);
      event.preventDefault();
      items[next]?.focus();
    },
    [selector],
  );
}
