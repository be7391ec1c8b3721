import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: drills start Confer from its built product (`api/dist`, via scripts/start.mjs). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Counts are multiplied by DRILLS_SCALE (default 1, the figures). A smaller scale is
 * for development on a busy machine; the pass lines stay the same, and every drill prints the
 * scale it ran at.
 */
export const scale = (() => {
  const value = Number(process.env.DRILLS_SCALE ?? '1');
  return Number.isFinite(value) && value > 0 ? Math.min(value, 1) : 1;
})();

export const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * scale));

/**
 * Loopback ports: Confer on DRILLS_PORT (3927), the rest just above it. Drills run one at a
 * time, so each may use all of them.
 */
const base = Number(process.env.DRILLS_PORT ?? '3927');
const high = Number(process.env.DRILLS_PORT_RANGE ?? '39270');
export const ports = {
  confer: base,
  azurite: high + 1,
  postgres: high + 2,
  beacon: high + 3,
  proxy: high + 4,
  acs: high + 5,
};

/** A PostgreSQL server (superuser URL) to create each drill's database on; PGlite when unset. */
export const serverDatabaseUrl = process.env.DRILLS_DATABASE_URL || undefined;

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
