// first: the modules' zod schemas carry OpenAPI metadata, which this import enables
import '../http/define-route.js';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { pendingMigrations } from '../db/pending-migrations.js';
import { AppError } from '../errors.js';
import { onboardFirm } from '../modules/firms/onboard-firm.js';
import { ZOnboardFirm } from '../modules/firms/schemas.js';
import { openDatabase } from '../server.js';

const usage = `Usage: npm run firm -- create --name <firm name> --tenant <Entra tenant id> --admin <email>
                              [--admin-name <name>] [--country <ISO 3166 code, default GB>]
In the image: node api/dist/main.js firm create …  (the Container Apps job "firm")`;

type TOutput = { out(line: string): void; err(line: string): void };
const stdio: TOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `npm run firm -- create …`: the operator's onboarding of a firm and its first admin, on the
 * configured PostgreSQL (DATABASE_URL, and DATABASE_AUTH=entra in Azure). Idempotent and
 * audited (modules/firms/onboard-firm.ts). Exit codes: 0 done, 64 usage, 78 configuration,
 * 1 refused or failed.
 */
export async function runFirmCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: TOutput = stdio,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        tenant: { type: 'string' },
        admin: { type: 'string' },
        'admin-name': { type: 'string' },
        country: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return 64;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'create') {
    io.err(usage);
    return 64;
  }
  const { values } = parsed;
  const input = ZOnboardFirm.safeParse({
    name: values.name,
    tenant: values.tenant,
    admin: values.admin,
    adminName: values['admin-name'],
    country: values.country,
  });
  if (!input.success) {
    const flag = (key: PropertyKey | undefined) => (key === 'adminName' ? 'admin-name' : String(key));
    for (const issue of input.error.issues) {
      io.err(
        `--${flag(issue.path[0])}: ${values[flag(issue.path[0]) as keyof typeof values] === undefined ? 'is required' : issue.message}`,
      );
    }
    io.err(usage);
    return 64;
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 78;
  }
  if (!config.database.url) {
    io.err(
      'DATABASE_URL: required (PGlite data can be open in one process only: the embedded demo firm is seeded by npm start)',
    );
    return 78;
  }
  const database = await openDatabase(config);
  try {
    const pending = await pendingMigrations(database);
    if (pending.length > 0) {
      io.err(`The database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate first`);
      return 1;
    }
    const operator = `operator:${userInfo().username}@${hostname()}`;
    const result = await onboardFirm(database.db, input.data, operator);
    const { firm, admin } = result;
    io.out(
      result.firmCreated
        ? `Created the firm "${firm.name}" (${firm.id}) for tenant ${firm.entraTenantId}, country ${firm.country}.`
        : `The firm "${firm.name}" (${firm.id}) already exists for tenant ${firm.entraTenantId}: unchanged.`,
    );
    io.out(
      {
        added: `Added ${admin.name} <${admin.email}> as an admin: they sign in with that Entra account.`,
        promoted: `${admin.name} <${admin.email}> is an active admin again.`,
        unchanged: `${admin.name} <${admin.email}> is already an active admin: unchanged.`,
      }[result.adminChange],
    );
    const allowed = config.identity.allowedTenantIds;
    if (allowed && !allowed.includes(input.data.tenant.toLowerCase())) {
      io.err(
        `Note: tenant ${input.data.tenant} is not in ENTRA_ALLOWED_TENANT_IDS yet: add it so its staff can sign in.`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.err(error.detail);
    return 1;
  } finally {
    await database.close();
  }
}
