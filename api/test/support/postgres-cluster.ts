import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../src/integrations/blob-storage/start-azurite.js';

export type PostgresCluster = {
  url: string;
  /** `pg_ctl stop -m immediate`: every backend dies at once, as in a crash. */
  crash(): void;
  /** Starts the stopped server and waits until it accepts connections. */
  start(): void;
  /** Stops the server and deletes its files. */
  destroy(): void;
};

/** The newest PostgreSQL server binaries installed (Debian's layout, else PATH). */
function findBinaries(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
}

/**
 * A PostgreSQL server of a test's own (initdb in a temporary directory, a free loopback
 * port, trust authentication), for tests that must stop and start a real server without
 * touching the one the other tests share. PostgreSQL refuses to run as root: as root it runs
 * as the `postgres` user.
 */
export async function createPostgresCluster(): Promise<PostgresCluster> {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'confer-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await findFreePort();
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const quoted = [join(bin, program), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    if (asRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' });
    else execFileSync(join(bin, program), args, { stdio: 'pipe' });
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']),
    start,
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
