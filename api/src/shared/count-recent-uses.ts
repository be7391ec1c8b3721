import type { Clock } from '../clock.js';

export type TRecentUses = {
  /** Records a use by `key` and answers whether it is within the limit, and if not, when it will be. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
};

/**
 * A sliding-window limit held in this process: at most `limit` uses per `windowMs` per key.
 * For limits that protect a paid provider from one person's bursts (several instances each
 * allow the limit); limits that guard sign-in are kept in the database instead.
 */
export function countRecentUses(options: { limit: number; windowMs: number; clock: Clock }): TRecentUses {
  const uses = new Map<string, number[]>();
  return {
    take(key) {
      const now = options.clock.now().getTime();
      const recent = (uses.get(key) ?? []).filter((at) => at > now - options.windowMs);
      if (recent.length >= options.limit) {
        uses.set(key, recent);
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + options.windowMs - now) / 1000)),
        };
      }
      recent.push(now);
      uses.set(key, recent);
      // forget keys nobody used within the window, so the map stays as small as the active set
      if (uses.size > 1000)
        for (const [k, v] of uses) if (v.every((at) => at <= now - options.windowMs)) uses.delete(k);
      return { allowed: true };
    },
  };
}
