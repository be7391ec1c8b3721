import type { Clock } from '../../src/clock.js';

/** A clock tests can move: real time unless set, then fixed until moved again. */
export type TestClock = Clock & { set(at: Date): void; advance(ms: number): void; reset(): void };

export function createTestClock(): TestClock {
  let fixed: Date | undefined;
  return {
    now: () => (fixed ? new Date(fixed) : new Date()),
    set: (at) => {
      fixed = new Date(at);
    },
    advance: (ms) => {
      fixed = new Date((fixed ?? new Date()).getTime() + ms);
    },
    reset: () => {
      fixed = undefined;
    },
  };
}
