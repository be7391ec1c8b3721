import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'api/dist/server.js'))) {
    const built = spawnSync('npm', ['run', 'build', '-w', 'api'], { cwd: repoRoot, stdio: 'ignore' });
    expect(built.status).toBe(0);
  }
}, 180_000);

describe('the Confer process', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    'when it receives %s, then it exits cleanly and leaves no Azurite process behind',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'confer-process-'));
      const port = await findFreePort();
      const child = spawn(
        process.execPath,
        ['-e', `import('${join(repoRoot, 'api/dist/server.js')}').then((m) => m.runFromCommandLine([]))`],
        {
          env: { ...process.env, PORT: String(port), CONFER_DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const deadline = Date.now() + 60_000;
      while (!output.includes('Confer is running') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toContain(`http://localhost:${port}/addin/`);
      expect(output).toContain('/dev/sign-in');
      const azuritePort = Number(/"port":(\d+)[^\n]*Azurite blob storage started/.exec(output)?.[1]);
      expect(await portIsOpen(azuritePort)).toBe(true);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(await portIsOpen(port)).toBe(false);
      // Azurite may need a moment after the API's exit to release its port
      let azuriteOpen = true;
      for (let i = 0; i < 50 && azuriteOpen; i++) {
        azuriteOpen = await portIsOpen(azuritePort);
        if (azuriteOpen) await new Promise((r) => setTimeout(r, 100));
      }
      expect(azuriteOpen).toBe(false);
      rmSync(dataDir, { recursive: true, force: true });
    },
    90_000,
  );
});
