import { useCallback, useState } from 'react';

export type DialogState<T> = { value: T; open: boolean; key: number } | null;

/**
 * Open/closed state for a dialog that stays mounted after its first use. Fluent's Dialog must
 * see `open` turn false before it unmounts: unmounting an open Dialog leaves `aria-hidden`
 * on the rest of the app (tabster's modal bookkeeping), hiding it from screen readers and
 * blocking clicks. `key` changes on every opening, so each opening starts from fresh state.
 */
export function useDialogState<T = true>() {
  const [state, setState] = useState<DialogState<T>>(null);
  const open = useCallback((value: T) => setState((prev) => ({ value, open: true, key: (prev?.key ?? 0) + 1 })), []);
  const close = useCallback(() => setState((prev) => (prev ? { ...prev, open: false } : prev)), []);
  return { state, open, close };
}
