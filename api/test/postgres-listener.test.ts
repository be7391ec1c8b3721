import { createServer, connect, type Server, type Socket } from 'node:net';
import { createPostgresListener } from '../src/db/create-postgres-listener.js';
import type { Database } from '../src/db/connect.js';
import { createTestDatabase } from './support/test-database.js';

// The LISTEN connection only exists on a PostgreSQL server: TEST_DATABASE_URL (as in CI).
const describeOnPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/**
 * A loopback TCP proxy to the database whose open connections can be frozen: bytes stop
 * flowing both ways but nothing is closed, as when a NAT forgets a connection.
 */
async function startFreezableProxy(target: URL) {
  const pairs: Array<[Socket, Socket]> = [];
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(target.port || 5432), target.hostname);
    const pair: [Socket, Socket] = [inbound, outbound];
    pairs.push(pair);
    for (const [from, to] of [pair, [outbound, inbound] as const]) {
      from.on('data', (chunk) => to.write(chunk));
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    /** Stops the connections open now; new ones work. */
    freeze: () => {
      const stuck = pairs.splice(0);
      for (const [inbound, outbound] of stuck) {
        inbound.removeAllListeners('data');
        outbound.removeAllListeners('data');
      }
      return stuck;
    },
    stop: async () => {
      for (const [inbound, outbound] of pairs) {
        inbound.destroy();
        outbound.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeOnPostgres('the PostgreSQL LISTEN connection', () => {
  let database: Database & { url?: string };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const notify = (channel: string, payload: string) =>
    database.pool!.query('select pg_notify($1, $2)', [channel, payload]);

  test('when a channel is listened to, then its notifications arrive until unlistened', async () => {
    const received: string[] = [];
    const unlisten = await database.listen('confer_test_a', (payload) => received.push(payload));
    await notify('confer_test_a', 'one');
    await notify('confer_test_other', 'not this');
    await eventually(() => received.length === 1);
    await unlisten();
    await notify('confer_test_a', 'two');
    await notify('confer_test_a', 'three');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual(['one']);
  });

  test('when a channel name is not a plain identifier, then listen refuses it', async () => {
    await expect(database.listen('x"; drop table events; --', () => {})).rejects.toThrow(/channel name/);
  });

  test('when the connection stops answering, then the health check replaces it and onReconnect runs', async () => {
    const target = new URL(database.url!);
    const proxy = await startFreezableProxy(target);
    const viaProxy = new URL(database.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const listener = createPostgresListener(viaProxy.toString(), { everyMs: 100, timeoutMs: 300 });
    try {
      const received: string[] = [];
      let reconnects = 0;
      const errors: string[] = [];
      await listener.listen('confer_test_b', (payload) => received.push(payload), {
        onReconnect: () => reconnects++,
        onError: (error) => errors.push(error.message),
      });
      await notify('confer_test_b', 'before');
      await eventually(() => received.length === 1);

      const stuck = proxy.freeze();
      expect(stuck).toHaveLength(1);
      await notify('confer_test_b', 'lost while frozen');
      await eventually(() => reconnects === 1);
      expect(errors).toEqual(['The LISTEN connection stopped answering']);
      await notify('confer_test_b', 'after');
      await eventually(() => received.includes('after'));
      expect(received).toEqual(['before', 'after']);
      for (const [inbound, outbound] of stuck) {
        inbound.destroy();
        outbound.destroy();
      }
    } finally {
      await listener.close();
      await proxy.stop();
    }
  });
});
