/** Where the API reads the time for rules that depend on it (code and session expiry). */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
