import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/** The audience of Entra tokens for Azure Database for PostgreSQL. */
export const postgresTokenScope = 'https://ossrdbms-aad.database.windows.net/.default';

export type TDatabasePassword = () => Promise<string>;

/**
 * Passwordless PostgreSQL: the password of each new connection is an Entra access token for
 * the database (the managed identity's, through `DefaultAzureCredential`). The token is kept
 * until `refreshMarginMs` before it expires (or the credential's refresh-after time), then a
 * new one is fetched; concurrent connections share one fetch. If a fetch fails while the old
 * token is still valid, the old token is used. Open connections are not affected: PostgreSQL
 * checks the password only when a connection starts.
 */
export function createEntraDatabasePassword(
  credential: TokenCredential = new DefaultAzureCredential(),
  options: { refreshMarginMs?: number } = {},
): TDatabasePassword {
  const marginMs = options.refreshMarginMs ?? 5 * 60_000;
  let current: { token: string; expiresAt: number; refreshAt: number } | undefined;
  let fetching: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    try {
      const token = await credential.getToken(postgresTokenScope);
      if (!token) throw new Error('The credential returned no token for PostgreSQL');
      current = {
        token: token.token,
        expiresAt: token.expiresOnTimestamp,
        refreshAt: Math.min(token.expiresOnTimestamp - marginMs, token.refreshAfterTimestamp ?? Infinity),
      };
      return token.token;
    } catch (error) {
      if (current && Date.now() < current.expiresAt - 30_000) return current.token;
      throw error;
    }
  };
  return async () => {
    if (current && Date.now() < current.refreshAt) return current.token;
    fetching ??= fetchToken().finally(() => {
      fetching = undefined;
    });
    return fetching;
  };
}
