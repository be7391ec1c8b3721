import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DrillContext } from './drill.js';

const run = promisify(execFile);

export type OwnPostgres = {
  /** Superuser URL of the cluster's postgres database. */
  url: string;
  /** `pg_ctl stop -m immediate` (a crash, as far as clients can tell), or another mode. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  running(): Promise<boolean>;
};

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  return join(root, version, 'bin');
}

/**
 * A PostgreSQL cluster of the drill's own (initdb in a temporary directory, loopback only, on
 * `port`), which it may stop and start at will; never the shared server. Run as the postgres
 * user (through su when the drill runs as root: initdb refuses root).
 */
export async function startOwnPostgres(d: DrillContext, port: number): Promise<OwnPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'confer-drill-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = async (args: string[]) => {
    const command = [join(bin, args[0]!), ...args.slice(1)].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    if (asRoot) return run('su', ['postgres', '-c', command], { timeout: 120_000 });
    return run(join(bin, args[0]!), args.slice(1), { timeout: 120_000 });
  };
  await pg(['initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c max_connections=100 -c fsync=off -k ${dir}`;
  const start = async () => {
    await pg(['pg_ctl', '-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  };
  const status = async () =>
    pg(['pg_ctl', '-D', data, 'status']).then(
      () => true,
      () => false,
    );
  await start();
  d.onCleanup(async () => {
    if (await status()) await pg(['pg_ctl', '-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async (mode = 'immediate') => {
      await pg(['pg_ctl', '-D', data, '-m', mode, 'stop']);
    },
    start,
    running: status,
  };
}
