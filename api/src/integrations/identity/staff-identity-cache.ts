import type { StaffContext } from './staff-context.js';

export type StaffIdentityCache = {
  /** The active staff member a verified token's (tenant, object id) resolved to, while fresh. */
  get(tenantId: string, objectId: string): StaffContext | undefined;
  /**
   * Starts a lookup: remembers its result only if nothing was forgotten meanwhile, so a
   * lookup that read the row before a change committed never brings the old state back.
   */
  begin(): (tenantId: string, objectId: string, staff: StaffContext) => void;
  /** Forgets one staff member (disabled, role changed), or everyone. */
  forget(staffId?: string): void;
  size(): number;
};

/**
 * Token → staff identity, resolved once and kept for `ttlMs` (at most 60 s) in a bounded
 * map (oldest dropped first), so a request does not read the firm and staff rows again. Only
 * active staff are kept. Disabling someone or changing their role forgets them at once on
 * every instance (the staff service notifies, the event hub relays; see staff-notice), and
 * everything is forgotten when the notice connection was lost.
 */
export function createStaffIdentityCache(options: { ttlMs?: number; max?: number; now?: () => number } = {}) {
  const ttlMs = Math.min(options.ttlMs ?? 60_000, 60_000);
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const byToken = new Map<string, { staff: StaffContext; expiresAt: number }>();
  let generation = 0;
  const keyOf = (tenantId: string, objectId: string) => `${tenantId.toLowerCase()}/${objectId.toLowerCase()}`;

  const cache: StaffIdentityCache = {
    get(tenantId, objectId) {
      const key = keyOf(tenantId, objectId);
      const hit = byToken.get(key);
      if (!hit) return undefined;
      if (hit.expiresAt <= now()) {
        byToken.delete(key);
        return undefined;
      }
      return hit.staff;
    },
    begin() {
      const started = generation;
      return (tenantId, objectId, staff) => {
        if (generation !== started) return;
        const key = keyOf(tenantId, objectId);
        byToken.delete(key);
        byToken.set(key, { staff, expiresAt: now() + ttlMs });
        while (byToken.size > max) byToken.delete(byToken.keys().next().value as string);
      };
    },
    forget(staffId) {
      generation++;
      if (staffId === undefined) {
        byToken.clear();
        return;
      }
      for (const [key, hit] of byToken) if (hit.staff.staffId === staffId) byToken.delete(key);
    },
    size: () => byToken.size,
  };
  return cache;
}
