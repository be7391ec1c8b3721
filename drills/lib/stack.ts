import type { Db } from '../../api/src/db/connect.js';
import { startAzurite, type DrillAzurite } from './azurite.js';
import { createConfer, type Confer } from './confer.js';
import { createDrillDatabase, type DrillDatabase } from './database.js';
import type { DrillContext } from './drill.js';
import { createApi, type Answer, type Api, type RequestOptions } from './http.js';
import { assertPortFree } from './net.js';
import { ports, serverDatabaseUrl } from './settings.js';

export type Stack = {
  azurite: DrillAzurite;
  database: DrillDatabase;
  confer: Confer;
  api: Api;
  /** A bearer token for an active staff member, minted by /dev/token (audited as a sign-in). */
  staffToken(email: string): Promise<string>;
  /** Every email and text, newest first (the 200 newest), as /dev/outbox.json shows them. */
  outbox(): Promise<TMail[]>;
  /** The staff API with a token. */
  staff(token: string): (method: string, path: string, body?: unknown, options?: RequestOptions) => Promise<Answer>;
  /** The webhook secret of this Confer (embedded mode keeps it in the data dir). */
  webhookSecret(): string;
};

export type TMail = {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  from: string | null;
  kind: string;
  status: string;
  reason: string | null;
  createdAt: string;
  subject?: string;
  text?: string;
};

export const demo = {
  admin: 'alex.morgan@harbourvale.example',
  staff: 'priya.shah@harbourvale.example',
  other: 'tom.becker@harbourvale.example',
};

/**
 * Everything one drill needs, started in order and stopped by the drill's cleanups: Azurite on
 * disk, the database (a new one on the DRILLS_DATABASE_URL server, or PGlite), migrated and
 * seeded (the demo firm, then `seed`), and Confer from the built product on loopback.
 */
export async function startStack(
  d: DrillContext,
  options: { seed?: (db: Db) => Promise<void>; env?: Record<string, string>; serverUrl?: string } = {},
): Promise<Stack> {
  await assertPortFree(ports.confer, 'Confer');
  await assertPortFree(ports.azurite, 'Azurite');
  const azurite = await startAzurite(d.workDir, ports.azurite);
  d.onCleanup(() => azurite.stop());
  const database = await createDrillDatabase(d.name, `${d.workDir}/confer`, options.serverUrl ?? serverDatabaseUrl);
  d.onCleanup(() => database.close());
  d.log(`database: ${database.description}`);
  await database.prepare(options.seed);
  const confer = createConfer({ workDir: d.workDir, port: ports.confer, database, azurite, env: options.env });
  d.onCleanup(() => confer.kill('SIGKILL'));
  const t0 = Date.now();
  await confer.start();
  d.log(`Confer ready on ${confer.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const api = createApi(confer.url, confer.origin);
  const { readFileSync } = await import('node:fs');
  return {
    azurite,
    database,
    confer,
    api,
    staffToken: async (email) => {
      const res = await api.call('POST', '/dev/token', { body: { email } });
      if (res.status !== 200) throw new Error(`/dev/token for ${email}: ${res.status} ${res.text}`);
      return res.json.token as string;
    },
    outbox: async () => {
      const res = await api.call('GET', '/dev/outbox.json');
      if (res.status !== 200) throw new Error(`/dev/outbox.json: ${res.status}`);
      return res.json.items as TMail[];
    },
    staff: (token) => (method, path, body, more) =>
      api.call(method, `/api/v1${path}`, { ...more, token, ...(body === undefined ? {} : { body }) }),
    webhookSecret: () => readFileSync(`${confer.dataDir}/webhook-secret`, 'utf8').trim(),
  };
}

/** Throws with the answer when the status is not the expected one. */
export function expectStatus(answer: Answer, status: number | number[], what: string): Answer {
  const ok = Array.isArray(status) ? status.includes(answer.status) : answer.status === status;
  if (!ok) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer;
}
