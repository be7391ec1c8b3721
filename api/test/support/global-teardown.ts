import type { RunningAzurite } from '../../src/integrations/blob-storage/start-azurite.ts';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite?: RunningAzurite }).__azurite?.stop();
}
