import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

/** Where Confer keeps file bytes. Production: Azure Blob Storage. Embedded and tests: Azurite. */
export type BlobStore = {
  container: ContainerClient;
  /** Creates the container when missing. */
  ensureContainer(): Promise<void>;
  /** Throws when the storage account cannot be reached. */
  ping(): Promise<void>;
};

export function createBlobStore(options: {
  connectionString?: string;
  accountUrl?: string;
  container: string;
}): BlobStore {
  const service = options.connectionString
    ? BlobServiceClient.fromConnectionString(options.connectionString)
    : new BlobServiceClient(options.accountUrl!, new DefaultAzureCredential());
  const container = service.getContainerClient(options.container);
  return {
    container,
    ensureContainer: async () => {
      await container.createIfNotExists();
    },
    ping: async () => {
      await container.getProperties();
    },
  };
}
