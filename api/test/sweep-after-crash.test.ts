import { sql } from 'drizzle-orm';
import { createNotifier } from '../src/modules/notifications/notifier.js';
import { outboxRows, waitFor } from './support/messaging.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

describe('the sweep after a crash', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  test('when a process was killed during a sweep, then the next sweep still runs and sends what a crash left unsent', async () => {
    // what a SIGKILL during a sweep leaves: its job active, with the key every sweep is asked for under
    await app.db.execute(
      sql`insert into pgboss.job (name, state, started_on, singleton_key, policy)
          select name, 'active', now(), 'sweep', policy from pgboss.queue where name = 'sweep'`,
    );
    // a row committed by a process that died before queueing its job
    const orphan = createNotifier(app.sealKey);
    await app.db.transaction((tx) =>
      orphan.queueEmail(tx, {
        firmId: null,
        to: 'after-crash@client.example',
        subject: 'Left behind',
        text: 'Text part',
        html: '<p>HTML part</p>',
        kind: 'test',
      }),
    );
    // the app asks for a sweep every second here (every 30 s by default)
    await waitFor(
      async () => (await outboxRows(app, { to: 'after-crash@client.example' }))[0]?.status === 'sent',
      'the sweep to send the orphaned email',
      30_000,
    );
  });
});
