import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DrillAzurite } from './azurite.js';
import type { DrillDatabase } from './database.js';
import { waitUntil } from './drill.js';
import { portIsOpen } from './net.js';
import { repoRoot } from './settings.js';

export type ConferExit = { code: number | null; signal: NodeJS.Signals | null; at: number; expected: boolean };

export type Confer = {
  /** http://127.0.0.1:<port>, what the drill connects to. */
  url: string;
  /** http://localhost:<port>, the public origin (Origin header of portal requests). */
  origin: string;
  port: number;
  dataDir: string;
  pid(): number | undefined;
  running(): boolean;
  /** Every line Confer wrote to stdout and stderr since the drill began (all starts). */
  logLines: string[];
  /** Exits so far; `expected` false for the ones the drill did not cause. */
  exits: ConferExit[];
  /** Starts (again) and waits until /readyz answers 200. */
  start(): Promise<void>;
  /** Sends a signal now (SIGKILL: no cleanup at all) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, the way an operator stops it. */
  stop(): Promise<void>;
  /** Resident memory of the API process, bytes (Linux /proc). */
  rssBytes(): number | undefined;
};

const passThrough = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ', 'SystemRoot'];

/**
 * Confer from the built product, as `npm start` runs it (scripts/start.mjs → api/dist), in
 * embedded mode on loopback: its own data directory (PGlite files, dev signing key, seal key,
 * webhook secret), the drill's Azurite, and the drill's database. Only the variables given
 * here reach it. `ready` bounds the wait for /readyz.
 */
export function createConfer(options: {
  workDir: string;
  port: number;
  database: DrillDatabase;
  azurite: DrillAzurite;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Confer {
  const { port } = options;
  const dataDir = join(options.workDir, 'confer');
  const logFile = join(options.workDir, 'confer.log');
  const logLines: string[] = [];
  const exits: ConferExit[] = [];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let expectExit = false;

  if (!existsSync(join(repoRoot, 'api/dist/server.js'))) {
    throw new Error('api/dist is missing: run `npm run build` first (drills run the built product)');
  }

  const env = () => {
    const base: Record<string, string> = {};
    for (const key of passThrough) if (process.env[key]) base[key] = process.env[key]!;
    return {
      ...base,
      CONFER_MODE: 'embedded',
      PORT: String(port),
      HOST: '127.0.0.1',
      CONFER_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      AZURE_STORAGE_CONNECTION_STRING: options.azurite.connectionString,
      AZURE_STORAGE_CONTAINER: options.azurite.container,
      ...options.database.env(),
      ...options.env,
    };
  };

  const record = (line: string) => {
    logLines.push(line);
    appendFileSync(logFile, `${line}\n`);
  };

  const confer: Confer = {
    url: `http://127.0.0.1:${port}`,
    origin: `http://localhost:${port}`,
    port,
    dataDir,
    pid: () => child?.pid,
    running: () => !!child && child.exitCode === null && child.signalCode === null,
    logLines,
    exits,
    start: async () => {
      if (confer.running()) throw new Error('Confer is already running');
      if (await portIsOpen(port)) throw new Error(`port ${port} is in use before Confer starts`);
      expectExit = false;
      const proc = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], {
        cwd: repoRoot,
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      for (const stream of [proc.stdout, proc.stderr]) createInterface({ input: stream }).on('line', record);
      exited = new Promise<void>((resolve) => {
        proc.once('exit', (code, signal) => {
          exits.push({ code, signal, at: Date.now(), expected: expectExit });
          resolve();
        });
      });
      const killOnExit = () => proc.kill('SIGKILL');
      process.once('exit', killOnExit);
      proc.once('exit', () => process.removeListener('exit', killOnExit));
      const ready = await waitUntil(
        async () => {
          if (proc.exitCode !== null || proc.signalCode !== null) return 'exited';
          try {
            const res = await fetch(`${confer.url}/readyz`, { signal: AbortSignal.timeout(2000) });
            return res.status === 200 ? 'ready' : undefined;
          } catch {
            return undefined;
          }
        },
        options.readyTimeoutMs ?? 180_000,
        200,
      );
      if (ready !== 'ready') {
        const tail = logLines.slice(-15).join('\n');
        proc.kill('SIGKILL');
        throw new Error(`Confer did not become ready (${ready ?? 'timeout'}):\n${tail}`);
      }
    },
    kill: async (signal = 'SIGKILL') => {
      if (!child || !confer.running()) return;
      expectExit = true;
      child.kill(signal);
      await exited;
    },
    stop: async () => {
      if (!child || !confer.running()) return;
      expectExit = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    rssBytes: () => {
      const pid = child?.pid;
      if (!pid || !confer.running()) return undefined;
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
  };
  return confer;
}
