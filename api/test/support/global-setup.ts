import { startAzurite } from '../../src/integrations/blob-storage/start-azurite.ts';

/** One in-memory Azurite for the whole run; each test file uses its own container. */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env.TEST_AZURE_STORAGE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as { __azurite?: typeof azurite }).__azurite = azurite;
}
