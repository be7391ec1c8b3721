import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { queryRows } from '../src/db/query-rows.js';
import { createBlobStore, type BlobStore } from '../src/integrations/blob-storage/blob-store.js';
import { insertPendingUpload } from '../src/modules/files/pending-uploads-repository.js';
import { bearer, createFirm } from './support/fixtures.js';
import { waitFor } from './support/messaging.js';
import { buildMultipart } from './support/multipart.js';
import { startTestApp } from './support/start-test-app.js';
import { createTestDatabase } from './support/test-database.js';

async function stagedBlobs(blobs: BlobStore, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const b of blobs.container.listBlobsFlat({ prefix, includeUncommitedBlobs: true })) names.push(b.name);
  return names;
}

/** Staged (uncommitted) blocks of a blob; none when there is no such blob. */
async function stagedBlocks(blobs: BlobStore, name: string): Promise<number> {
  const list = await blobs.container
    .getBlockBlobClient(name)
    .getBlockList('uncommitted')
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return { uncommittedBlocks: [] };
      throw error;
    });
  return list.uncommittedBlocks?.length ?? 0;
}

describe('the sweep of abandoned uploads', () => {
  test("when a sweep was left running by a process killed mid-run, then the next one still clears a silent upload's staged blocks, keeps a live upload and a committed blob whole, and logs ids only", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const app = await startTestApp({}, { logger });
    try {
      // the start-up sweep (and the schedule's first one) finish first; a delayed one may wait
      await waitFor(
        async () =>
          (
            await queryRows<{ n: number }>(
              app.db,
              sql`select count(*)::int as n from pgboss.job
                  where name = 'sweep-uploads' and state < 'completed' and start_after < now()`,
            )
          )[0]!.n === 0,
        'the start-up sweep to finish',
      );
      const firmId = randomUUID();
      const dead = `${firmId}/${randomUUID()}`;
      const live = `${firmId}/${randomUUID()}`;
      const committed = `${firmId}/${randomUUID()}`;
      const content = randomBytes(4096);
      for (const name of [dead, live]) {
        await insertPendingUpload(app.db, firmId, name);
        await app.blobs.container
          .getBlockBlobClient(name)
          .stageBlock(Buffer.from('00000000').toString('base64'), content, content.length);
      }
      // a blob committed by an upload whose process died before it recorded the document
      await insertPendingUpload(app.db, firmId, committed);
      await app.blobs.container.getBlockBlobClient(committed).uploadData(content);
      await app.db.execute(
        sql`update pending_uploads set last_active_at = clock_timestamp() - interval '10 minutes'
            where firm_id = ${firmId} and blob_name in (${dead}, ${committed})`,
      );
      // what a SIGKILL during a sweep leaves: its job active, as the dead process's queue made it
      await app.db.execute(
        sql`insert into pgboss.job (name, state, started_on, policy)
            select name, 'active', now(), policy from pgboss.queue where name = 'sweep-uploads'`,
      );

      await app.jobs.enqueue('sweep-uploads', {}); // what the schedule does every minute
      await waitFor(async () => (await stagedBlocks(app.blobs, dead)) === 0, 'the silent upload to be swept', 20_000);

      expect(await stagedBlocks(app.blobs, live)).toBe(1);
      const kept = await app.blobs.container.getBlockBlobClient(committed).downloadToBuffer();
      expect(kept.equals(content)).toBe(true);
      await waitFor(
        async () =>
          (
            await queryRows<{ blob_name: string }>(
              app.db,
              sql`select blob_name from pending_uploads where firm_id = ${firmId}`,
            )
          )
            .map((r) => r.blob_name)
            .join() === live,
        "the swept uploads' rows to go and the live one to stay",
      );
      const swept = lines.filter((l) => l.firmId === firmId);
      expect(swept.map((l) => [l.blobName, l.outcome]).sort()).toEqual(
        [
          [committed, 'committed'],
          [dead, 'cleared'],
        ].sort(),
      );
      // ids and the outcome, nothing of the file
      const pinoKeys = ['level', 'time', 'pid', 'hostname', 'msg'];
      for (const line of swept) {
        expect(
          Object.keys(line)
            .filter((k) => !pinoKeys.includes(k))
            .sort(),
        ).toEqual(['blobName', 'firmId', 'outcome']);
      }
    } finally {
      await app.stop();
    }
  }, 60_000);

  test('when a process died mid-upload, then the next one sweeps its staged blocks at start-up, leaves live uploads alone, and schedules the sweep every minute', async () => {
    // what the dead process left: an upload silent for 10 minutes, and another instance's live one
    const database = await createTestDatabase();
    const container = `t${randomBytes(8).toString('hex')}`;
    const blobs = createBlobStore({
      connectionString: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING,
      container,
    });
    await blobs.ensureContainer();
    const firmId = randomUUID();
    const dead = `${firmId}/${randomUUID()}`;
    const live = `${firmId}/${randomUUID()}`;
    for (const name of [dead, live]) {
      await insertPendingUpload(database.db, firmId, name);
      await blobs.container
        .getBlockBlobClient(name)
        .stageBlock(Buffer.from('00000000').toString('base64'), Buffer.alloc(4096, 7), 4096);
    }
    await database.db.execute(
      sql`update pending_uploads set last_active_at = clock_timestamp() - interval '10 minutes' where blob_name = ${dead}`,
    );

    const app = await startTestApp({ AZURE_STORAGE_CONTAINER: container }, { database });
    try {
      await waitFor(
        async () => (await stagedBlobs(blobs, `${firmId}/`)).join() === live,
        'the dead upload to be swept',
        15_000,
      );
      const rows = await queryRows<{ blob_name: string }>(
        app.db,
        sql`select blob_name from pending_uploads where firm_id = ${firmId}`,
      );
      expect(rows.map((r) => r.blob_name)).toEqual([live]);
      const schedules = await queryRows<{ name: string; cron: string }>(
        app.db,
        sql`select name, cron from pgboss.schedule`,
      );
      expect(schedules).toContainEqual({ name: 'sweep-uploads', cron: '* * * * *' });
    } finally {
      await app.stop();
    }
  }, 60_000);

  test('when an upload arrives slowly for longer than the sweep waits, then its heartbeat keeps it and it is sent whole', async () => {
    // beats every second; an upload silent for 3 s would be swept
    const app = await startTestApp({ HTTP_BODY_RATE_WINDOW_SECONDS: '1', HTTP_BODY_MIN_BYTES_PER_SECOND: '100' });
    try {
      const f = await createFirm(app);
      const conversationId = (
        await app.http
          .post('/api/v1/conversations')
          .set(bearer(f.member.token))
          .send({ kind: 'channel', name: 'slow-uploads' })
      ).body.id as string;
      const content = randomBytes(12 * 1024);
      const { boundary, body } = buildMultipart([{ field: 'files', filename: 'slow.bin', content }]);
      const url = new URL(`/api/v1/conversations/${conversationId}/uploads`, app.baseUrl);
      let sweeping = true;
      let cleared = 0;
      const sweeps = (async () => {
        while (sweeping) {
          cleared += await app.background.sweepUploadsNow();
          await new Promise((r) => setTimeout(r, 300));
        }
      })();
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(url, {
          method: 'POST',
          headers: {
            ...bearer(f.member.token),
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': String(body.length),
          },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        // about 1.5 kB a second for 8 seconds
        void (async () => {
          for (let sent = 0; sent < body.length; sent += 300) {
            req.write(body.subarray(sent, sent + 300));
            await new Promise((r) => setTimeout(r, 200));
          }
          req.end();
        })();
      });
      sweeping = false;
      await sweeps;
      expect(answer.status).toBe(201);
      expect(cleared).toBe(0);
      const message = JSON.parse(answer.body) as { files: Array<{ versionId: string; size: number }> };
      expect(message.files[0]!.size).toBe(content.length);
      const download = await app.http
        .get(`/api/v1/files/${message.files[0]!.versionId}`)
        .set(bearer(f.member.token))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(download.status).toBe(200);
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(sha(download.body as Buffer)).toBe(sha(content));
    } finally {
      await app.stop();
    }
  }, 60_000);
});
