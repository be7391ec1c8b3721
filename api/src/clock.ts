/** Where the API reads the time for rules that depend on it (code and session expiry). */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/**
 * Embedded mode's clock: the system time plus an offset that `/dev/clock` moves, so drills
 * and demos can see expiry rules act (a code valid at 9:59 and refused at 10:01) in a
 * running process. Production never builds one: it reads `systemClock`.
 */
export type AdjustableClock = Clock & { offsetMs(): number; setOffset(ms: number): void };

export function createAdjustableClock(): AdjustableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    setOffset: (ms) => {
      offset = ms;
    },
  };
}

export const isAdjustable = (clock: Clock): clock is AdjustableClock =>
  typeof (clock as Partial<AdjustableClock>).setOffset === 'function';
