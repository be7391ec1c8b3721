/**
 * The API for the upload bench, alone in its own process so that its memory (VmRSS) can be
 * sampled by the parent without the client's buffers in it. Started by bench/upload.ts with
 * an IPC channel: it sends { type: 'ready', ... } once listening, answers { type: 'gc' }
 * (needs --expose-gc) and leaves on { type: 'stop' }.
 */
import { randomUUID } from 'node:crypto';
import { startBenchApp } from './app.js';
import { openBenchDatabase } from './database.js';

async function main() {
  const connectionString = process.env.BENCH_AZURE_CONNECTION_STRING;
  if (!connectionString || !process.send) throw new Error('Start me from bench/upload.ts');
  const bench = await openBenchDatabase({ poolMax: 10 });
  const firmId = randomUUID();
  const tenantId = randomUUID();
  const staffId = randomUUID();
  const objectId = randomUUID();
  const matterId = randomUUID();
  const email = 'uploader@bench.example';
  await bench.session(async (s) => {
    await s.query(`insert into firms (id, name, country, entra_tenant_id) values ($1, 'Upload Bench LLP', 'GB', $2)`, [
      firmId,
      tenantId,
    ]);
    await s.query(
      `insert into staff (firm_id, id, tenant_id, object_id, name, initials, email, role, active)
       values ($1, $2, $3, $4, 'Una Uploader', 'UU', $5, 'staff', true)`,
      [firmId, staffId, tenantId, objectId, email],
    );
    await s.query(`insert into matters (firm_id, id, number, title) values ($1, $2, 'UP-1', 'Upload bench matter')`, [
      firmId,
      matterId,
    ]);
  });
  const app = await startBenchApp(bench.database, { azureConnectionString: connectionString });
  const token = await app.tokenFor({ tenantId, objectId, name: 'Una Uploader', email });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.stop().catch(() => {});
    await app.blobs.container.deleteIfExists().catch(() => {});
    await bench.close().catch(() => {});
    process.exit(0);
  };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ type: 'gc-done' });
    } else if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.send({
    type: 'ready',
    url: app.url,
    token,
    matterId,
    database: bench.description,
    maxBytes: app.config.uploads.maxBytes,
  });
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
