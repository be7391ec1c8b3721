import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { waitFor } from './support/messaging.js';
import { startTestApp } from './support/start-test-app.js';

/** The client address in the audit log (and rate limits) behind a proxy, and without one. */
const refusedFrom = async (env: Record<string, string>) => {
  const app = await startTestApp(env);
  const res = await app.http
    .get('/api/v1/me')
    .set('Authorization', 'Bearer not-a-token')
    .set('X-Forwarded-For', '198.51.100.23, 203.0.113.7');
  expect(res.status).toBe(401);
  // refusals are written per source and minute, when the minute closes
  app.clock.advance(60_000);
  const rows = await waitFor(async () => {
    const found = await queryRows<{ ip: string }>(
      app.db,
      sql`select ip from audit_log where action = 'staff.authenticate' order by id desc limit 1`,
    );
    return found.length > 0 && found;
  }, 'the refusal row');
  await app.stop();
  return rows[0]?.ip;
};

describe('TRUST_PROXY', () => {
  test('when one proxy hop is trusted, then the audit log records the address that proxy saw', async () => {
    expect(await refusedFrom({ TRUST_PROXY: '1' })).toBe('203.0.113.7');
  });

  test('when no proxy is trusted, then a client cannot choose its address with X-Forwarded-For', async () => {
    expect(await refusedFrom({})).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
