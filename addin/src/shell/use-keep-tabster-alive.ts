import { useFocusFinders } from '@fluentui/react-components';

/**
 * Keeps Fluent's focus manager (tabster) alive for the whole app. Fluent reference-counts it:
 * when the last component using it unmounts (say Home, with its dialogs, on navigation), it
 * is disposed before its pending "un-hide" runs, and the `aria-hidden` a dialog put on the
 * rest of the app stays there for good. Any tabster hook holds a reference; this one is small.
 */
export function useKeepTabsterAlive(): void {
  useFocusFinders();
}
