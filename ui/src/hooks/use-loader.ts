import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

/** What a loader shows: loading (nothing yet), ready (data) or error. */
export type LoadState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

export type Loader<T> = {
  state: LoadState<T>;
  /** The last answer for the current deps (kept on screen while reloading). */
  data: T | undefined;
  error: unknown;
  /** A run is under way (first load or reload). */
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile; clears a shown error. */
  reload: () => void;
  /** Replaces the data after a change made here (no reload needed). */
  setData: (data: T) => void;
};

type Inner<T> = { deps: DependencyList; data: T | undefined; ready: boolean; error: unknown; loading: boolean };

const EMPTY = { data: undefined, ready: false, error: undefined, loading: true } as const;

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((value, index) => Object.is(value, b[index]));

/**
 * Runs `load` whenever `deps` change and whenever `reload` is called. The answer of an older
 * run never overwrites a newer one; runs are aborted when superseded or unmounted. Data from
 * other deps is never shown; a reload keeps the current data until the new answer arrives.
 */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loader<T> {
  const [inner, setInner] = useState<Inner<T>>(() => ({ deps, ...EMPTY }));
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    setInner((previous) =>
      sameDeps(previous.deps, deps) ? { ...previous, error: undefined, loading: true } : { deps, ...EMPTY },
    );
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setInner({ deps, data, ready: true, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setInner((previous) => ({ ...previous, deps, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const setData = useCallback(
    (data: T) => setInner((previous) => ({ ...previous, data, ready: true, error: undefined, loading: false })),
    [],
  );
  const current: Omit<Inner<T>, 'deps'> = sameDeps(inner.deps, deps) ? inner : EMPTY;
  const state: LoadState<T> =
    current.error !== undefined
      ? { status: 'error', error: current.error }
      : current.ready
        ? { status: 'ready', data: current.data as T }
        : { status: 'loading' };
  return { state, data: current.data, error: current.error, loading: current.loading, reload, setData };
}
