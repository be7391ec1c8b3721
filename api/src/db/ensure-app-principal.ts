import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import type { Logger } from '../logger.js';
import { appRole } from './app-role.js';

/**
 * The migration job's last step (`DATABASE_APP_PRINCIPAL`): the login role the replicas connect
 * as exists and is a member of confer_app. Runs over the schema owner's URL, in the server's
 * `postgres` database (where Azure keeps its Entra functions; roles belong to the whole server),
 * after the migrations have made confer_app. A missing role is created:
 *
 * - on Azure Database for PostgreSQL (the function `pgaadauth_create_principal` exists, and the
 *   owner is an Entra administrator): as the Entra principal of that name, neither admin nor MFA,
 *   so the managed identity of that name signs in with its token;
 * - elsewhere: `CREATE ROLE … LOGIN` without a password (trust, certificates or a password the
 *   operator sets are the server's business).
 *
 * Then `GRANT confer_app`, which does nothing when already granted. Idempotent: a second run
 * creates nothing. Gives the role nothing else; replicas refuse to start if it may change the
 * audit log anyway (app-role.ts).
 */
export async function ensureAppPrincipal(options: {
  ownerUrl: string;
  password?: () => Promise<string>;
  name: string;
  logger: Logger;
}): Promise<'created' | 'existed'> {
  const { name, logger } = options;
  const config = { ...parseIntoClientConfig(options.ownerUrl), database: 'postgres' };
  const client = new pg.Client(options.password ? { ...config, password: options.password } : config);
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_roles where rolname = $1', [name]);
    let outcome: 'created' | 'existed' = 'existed';
    if (existing.rowCount === 0) {
      const entra = await client.query<{ present: boolean }>(
        `select to_regprocedure('pgaadauth_create_principal(text, boolean, boolean)') is not null as present`,
      );
      if (entra.rows[0]?.present)
        await client.query('select * from pgaadauth_create_principal($1, false, false)', [name]);
      else await client.query(`create role ${client.escapeIdentifier(name)} login`);
      outcome = 'created';
      logger.info(
        { principal: name, kind: entra.rows[0]?.present ? 'entra' : 'login role' },
        'Created the database principal of the app',
      );
    }
    await client.query(`grant ${appRole} to ${client.escapeIdentifier(name)}`);
    return outcome;
  } finally {
    await client.end();
  }
}
