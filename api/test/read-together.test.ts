import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { readTogether } from '../src/db/read-together.js';
import type { Database, Db } from '../src/db/connect.js';
import { createTestDatabase } from './support/test-database.js';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const testOnPostgres = onPostgres ? test : test.skip;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A read that takes a while and says which connection ran it, and when. */
async function timedRead(db: Db, label: string, log: string[]) {
  log.push(`start ${label}`);
  const [row] = await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)`);
  log.push(`end ${label}`);
  return Number(row!.pid);
}

describe('readTogether', () => {
  test('when reads run inside a transaction, then each waits for the one before on the same connection, and their results keep their order', async () => {
    const log: string[] = [];
    const [first, second, third] = await database.db.transaction((tx) =>
      readTogether(tx, [() => timedRead(tx, 'a', log), () => timedRead(tx, 'b', log), async () => 'c' as const]),
    );
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(second).toBe(first);
    expect(third).toBe('c');
  });

  testOnPostgres('when reads run on the pool, then they run side by side on connections of their own', async () => {
    const log: string[] = [];
    const [first, second] = await readTogether(database.db, [
      () => timedRead(database.db, 'a', log),
      () => timedRead(database.db, 'b', log),
    ]);
    expect(log.indexOf('start b')).toBeLessThan(log.indexOf('end a'));
    expect(second).not.toBe(first);
  });
});
