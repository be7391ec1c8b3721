import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { azuriteAccount } from '../../api/src/integrations/blob-storage/start-azurite.js';
import { waitForPort } from './net.js';

export type DrillAzurite = {
  connectionString: string;
  container: string;
  containerClient: ContainerClient;
  /** Blobs with staged (uncommitted) blocks, and how many bytes those blocks hold. */
  uncommitted(): Promise<{ blobs: number; blocks: number; bytes: number }>;
  /** Committed blobs in the container and their total size. */
  committed(): Promise<{ blobs: number; bytes: number }>;
  stop(): Promise<void>;
};

/**
 * Azurite's blob service on disk in the drill's directory, on a fixed loopback port, outside
 * Confer: it survives the API being killed, and the drill can inspect what is staged.
 */
export async function startAzurite(workDir: string, port: number): Promise<DrillAzurite> {
  const require = createRequire(import.meta.url);
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const location = join(workDir, 'azurite');
  mkdirSync(location, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitForPort(port, 30_000, () => child.exitCode !== null).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`Azurite did not start on ${port}: ${error.message} ${stderr}`);
  });
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${azuriteAccount.name};AccountKey=${azuriteAccount.key};` +
    `BlobEndpoint=http://127.0.0.1:${port}/${azuriteAccount.name};`;
  const container = 'confer';
  const containerClient = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  return {
    connectionString,
    container,
    containerClient,
    uncommitted: async () => {
      let blobs = 0;
      let blocks = 0;
      let bytes = 0;
      if (!(await containerClient.exists())) return { blobs, blocks, bytes };
      for await (const blob of containerClient.listBlobsFlat({ includeUncommitedBlobs: true })) {
        // the sweep may drop a blob between the listing and this read: gone is nothing staged
        const list = await containerClient
          .getBlockBlobClient(blob.name)
          .getBlockList('uncommitted')
          .catch((error: { statusCode?: number }) => {
            if (error.statusCode === 404) return { uncommittedBlocks: [] };
            throw error;
          });
        const staged = list.uncommittedBlocks ?? [];
        if (staged.length === 0) continue;
        blobs += 1;
        blocks += staged.length;
        bytes += staged.reduce((sum, b) => sum + b.size, 0);
      }
      return { blobs, blocks, bytes };
    },
    committed: async () => {
      let blobs = 0;
      let bytes = 0;
      if (!(await containerClient.exists())) return { blobs, bytes };
      for await (const blob of containerClient.listBlobsFlat()) {
        blobs += 1;
        bytes += blob.properties.contentLength ?? 0;
      }
      return { blobs, bytes };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
