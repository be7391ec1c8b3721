export type EventHub<E> = {
  publish: (event: E) => void;
  subscribe: (listener: (event: E) => void) => () => void;
};

/** A minimal synchronous publish/subscribe channel. Listeners added during a publish wait for the next one. */
export function createEventHub<E>(): EventHub<E> {
  const listeners = new Set<(event: E) => void>();
  return {
    publish(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          console.error('Live event listener failed', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
