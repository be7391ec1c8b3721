import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi, spawnConfer } from './support/spawn-confer.js';

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

beforeAll(() => buildApi(), 180_000);

describe('the Confer process', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    'when it receives %s, then it exits cleanly and leaves no Azurite process behind',
    async (signal) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'confer-process-'));
      const { child, port, output: read, exited } = await spawnConfer({ CONFER_DATA_DIR: dataDir });
      const output = read();
      expect(output).toContain(`http://localhost:${port}/addin/`);
      expect(output).toContain('/dev/sign-in');
      const azuritePort = Number(/"port":(\d+)[^\n]*Azurite blob storage started/.exec(output)?.[1]);
      expect(await portIsOpen(azuritePort)).toBe(true);

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
    240_000,
  );
});
