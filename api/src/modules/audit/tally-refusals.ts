import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import type { Logger } from '../../logger.js';
import { recordAudits, type TAuditEntry } from './record-audit.js';

/** One refused request: who it came from, why, and which firm when the token named one. */
export type TRefusal = {
  action: string;
  reason: string;
  ip: string | undefined;
  firmId: string | null;
  requestId: string;
};

type TWindow = {
  action: string;
  reason: string;
  ip: string | null;
  firmId: string | null;
  minute: number;
  count: number;
  firstAt: number;
  lastAt: number;
  requestIds: string[];
  otherSources: boolean;
};

/**
 * Refusals counted in memory and written to the audit log as one row per (source, reason,
 * firm, minute) with a count, instead of one row per request, so a flood of bad tokens is
 * not a flood of writes. The audit log is insert-only, so a window is written once, when it
 * is complete: after its minute has closed (checked every `checkEveryMs`) or at `drain()`.
 */
export type RefusalTally = {
  count(refusal: TRefusal): void;
  /** Writes every window whose minute has closed (by the app's clock). */
  flushClosed(): Promise<void>;
  /** Stops the timer and writes every window, open or closed: the last step of a clean stop. */
  drain(): Promise<void>;
};

const minuteMs = 60_000;
/** Request ids kept per window, so a row can be matched to access-log lines. */
const requestIdsKept = 10;

export function createRefusalTally(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Distinct (source, reason, firm, minute) windows held at most; beyond it, one "other sources" window per reason and minute. */
  maxKeys?: number;
  checkEveryMs?: number;
}): RefusalTally {
  const maxKeys = deps.maxKeys ?? 10_000;
  const windows = new Map<string, TWindow>();
  let oldestMinute = Number.POSITIVE_INFINITY;
  let flushing: Promise<void> = Promise.resolve();

  const keyOf = (w: Pick<TWindow, 'minute' | 'action' | 'reason' | 'ip' | 'firmId' | 'otherSources'>) =>
    JSON.stringify([w.minute, w.action, w.reason, w.otherSources ? '*' : w.ip, w.firmId]);

  function add(w: TWindow) {
    const key = keyOf(w);
    const held = windows.get(key);
    if (held) {
      held.count += w.count;
      held.firstAt = Math.min(held.firstAt, w.firstAt);
      held.lastAt = Math.max(held.lastAt, w.lastAt);
      for (const id of w.requestIds) if (held.requestIds.length < requestIdsKept) held.requestIds.push(id);
    } else {
      windows.set(key, { ...w, requestIds: [...w.requestIds] });
    }
    oldestMinute = Math.min(oldestMinute, w.minute);
  }

  function count(refusal: TRefusal) {
    const at = deps.clock.now().getTime();
    const window: TWindow = {
      action: refusal.action,
      reason: refusal.reason,
      ip: refusal.ip ?? null,
      firmId: refusal.firmId,
      minute: Math.floor(at / minuteMs),
      count: 1,
      firstAt: at,
      lastAt: at,
      requestIds: refusal.requestId ? [refusal.requestId] : [],
      otherSources: false,
    };
    if (!windows.has(keyOf(window)) && windows.size >= maxKeys) {
      // a spray of addresses: counted together, so memory stays bounded
      window.ip = null;
      window.firmId = null;
      window.otherSources = true;
    }
    add(window);
  }

  const toEntry = (w: TWindow): TAuditEntry => ({
    firmId: w.firmId,
    actorKind: 'anonymous',
    action: w.action,
    outcome: 'refused',
    requestId: w.requestIds[0],
    ip: w.ip ?? undefined,
    details: {
      code: w.reason,
      count: w.count,
      windowStart: new Date(w.minute * minuteMs).toISOString(),
      firstAt: new Date(w.firstAt).toISOString(),
      lastAt: new Date(w.lastAt).toISOString(),
      requestIds: w.requestIds,
      ...(w.otherSources ? { otherSources: true } : {}),
    },
  });

  /** Takes the chosen windows out and writes them in one insert; on failure they go back, to be written later. */
  function flush(which: (w: TWindow) => boolean): Promise<void> {
    const run = flushing
      .catch(() => undefined)
      .then(async () => {
        const taken: TWindow[] = [];
        for (const [key, w] of windows) {
          if (!which(w)) continue;
          windows.delete(key);
          taken.push(w);
        }
        oldestMinute = Number.POSITIVE_INFINITY;
        for (const w of windows.values()) oldestMinute = Math.min(oldestMinute, w.minute);
        if (taken.length === 0) return;
        try {
          await recordAudits(deps.db, taken.map(toEntry));
        } catch (error) {
          for (const w of taken) add(w);
          deps.logger.warn(
            { err: error, windows: taken.length, refusals: taken.reduce((n, w) => n + w.count, 0) },
            'refusal counts could not be written to the audit log yet: kept for the next try',
          );
          throw error;
        }
      });
    flushing = run;
    return run;
  }

  const flushClosed = async () => {
    const current = Math.floor(deps.clock.now().getTime() / minuteMs);
    if (oldestMinute >= current) return;
    await flush((w) => w.minute < current);
  };

  const timer = setInterval(() => {
    // logged in flush; the windows are kept and retried on the next tick
    flushClosed().catch(() => undefined);
  }, deps.checkEveryMs ?? 1000);
  timer.unref();

  return {
    count,
    flushClosed,
    drain: async () => {
      clearInterval(timer);
      for (let attempt = 1; ; attempt++) {
        try {
          await flush(() => true);
          return;
        } catch {
          if (attempt >= 3) {
            // the one place counts can still be lost on a clean stop: say so, with the numbers
            deps.logger.error(
              {
                refusals: [...windows.values()].map((w) => ({
                  action: w.action,
                  reason: w.reason,
                  ip: w.ip,
                  firmId: w.firmId,
                  count: w.count,
                  windowStart: new Date(w.minute * minuteMs).toISOString(),
                })),
              },
              'refusal counts could not be written to the audit log at shutdown',
            );
            return;
          }
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    },
  };
}
