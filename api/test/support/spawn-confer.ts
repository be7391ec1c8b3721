import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../src/integrations/blob-storage/start-azurite.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Compiles the API into api/dist (incremental: quick when nothing changed). */
export function buildApi(): void {
  const built = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: join(repoRoot, 'api'),
    stdio: 'pipe',
  });
  if (built.status !== 0) throw new Error(`The API does not build:\n${built.stdout}${built.stderr}`);
}

export type SpawnedConfer = {
  child: ChildProcessWithoutNullStreams;
  port: number;
  baseUrl: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
};

/**
 * `npm start`'s entry point (api/dist/server.js, runFromCommandLine) in a child process on a
 * free port, as an operator runs it; resolves once it prints that it is running.
 */
export async function spawnConfer(env: Record<string, string>): Promise<SpawnedConfer> {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    ['-e', `import('${join(repoRoot, 'api/dist/server.js')}').then((m) => m.runFromCommandLine([]))`],
    {
      env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env, PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // a first start creates and migrates its database: a minute or more on a busy 2-core machine
  const deadline = Date.now() + 150_000;
  while (!output.includes('Confer is running') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!output.includes('Confer is running')) {
    child.kill('SIGKILL');
    throw new Error(`Confer did not start:\n${output}`);
  }
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}
