import { readdirSync, readFileSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Database } from '../../api/src/db/connect.js';

/** Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s. */
const ticksPerSecond = 100;

function cpuTicksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * Where the CPU goes during a window: the busy time of this process's main thread (the API,
 * and PGlite when it is the database) from event-loop utilisation, and the CPU time of the
 * PostgreSQL server's processes (backends, WAL writer...) when the server runs on this
 * machine. Best effort: null where it cannot be known.
 */
export async function createCpuProbe(database: Database) {
  let postmaster: number | undefined;
  if (database.pool) {
    try {
      const { rows } = await database.pool.query<{ pid: number }>('select pg_backend_pid() as pid');
      const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
      postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      postmaster = undefined; // a remote server, or /proc is not readable
    }
  }
  const dbTicks = (): Map<number, number> | undefined => {
    if (postmaster === undefined) return undefined;
    const out = new Map<number, number>();
    for (const pid of childrenOf(postmaster)) {
      try {
        out.set(pid, cpuTicksOf(pid));
      } catch {
        // gone
      }
    }
    return out;
  };
  return {
    start() {
      const elu: EventLoopUtilization = performance.eventLoopUtilization();
      const before = dbTicks();
      const started = performance.now();
      return {
        /** Milliseconds of API main-thread busy time and of PostgreSQL CPU during the window. */
        stop(): { wallMs: number; apiBusyMs: number; dbCpuMs: number | null } {
          const used = performance.eventLoopUtilization(elu);
          const after = dbTicks();
          let dbCpuMs: number | null = null;
          if (before && after) {
            let ticks = 0;
            for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
            dbCpuMs = (ticks / ticksPerSecond) * 1000;
          }
          return { wallMs: performance.now() - started, apiBusyMs: used.active, dbCpuMs };
        },
      };
    },
  };
}
