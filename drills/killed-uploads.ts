// Drill 11, killed uploads: a 100 MB upload into a conversation, and the API killed with
// SIGKILL at 20 points of it (19 spread through the body, one after the last byte, while the
// server commits). After each kill it is started again; after the last, the drill waits
// (bounded) for the sweep. Pass: no partial document is visible (an upload is either not
// there at all or there whole, with its message and every byte), and no uncommitted block is
// left in blob storage.
import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { round, runDrill, sleep, waitUntil } from './lib/drill.js';
import { externalConversation } from './lib/portal.js';
import { ports, scaled } from './lib/settings.js';
import { demo, expectStatus, startStack } from './lib/stack.js';

const fileBytes = scaled(100, 10) * 1024 * 1024;
const killPoints = scaled(20, 4);
const sweepWaitMs = Number(process.env.DRILLS_SWEEP_WAIT_MS ?? 180_000);
const chunk = Buffer.alloc(1024 * 1024);
for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) % 251;

/** The file's bytes: the same 1 MB pattern repeated (its SHA-256 is known in advance). */
function fileDigest(): string {
  const hash = createHash('sha256');
  for (let sent = 0; sent < fileBytes; sent += chunk.length)
    hash.update(chunk.subarray(0, Math.min(chunk.length, fileBytes - sent)));
  return hash.digest('hex');
}

/**
 * Streams a multipart upload of one `fileBytes` file and calls `onProgress` as bytes go out;
 * resolves with the status (0 when the connection died first).
 */
function upload(options: {
  path: string;
  token: string;
  idempotencyKey: string;
  body: string;
  fileName: string;
  killAt: number;
  kill: () => Promise<void>;
}): Promise<{ status: number; bytesSent: number }> {
  const boundary = `drill${randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${options.body}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${options.fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + fileBytes + tail.length;
  return new Promise((resolve) => {
    let bytesSent = 0;
    let settled = false;
    const finish = (status: number) => {
      if (!settled) resolve({ status, bytesSent });
      settled = true;
    };
    const req = request({
      host: '127.0.0.1',
      port: ports.confer,
      method: 'POST',
      path: options.path,
      agent: false,
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': total,
        'idempotency-key': options.idempotencyKey,
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode ?? 0));
    });
    req.on('error', () => finish(0));
    const write = (data: Buffer) =>
      new Promise<void>((ok) => {
        bytesSent += data.length;
        if (req.write(data)) ok();
        else req.once('drain', ok);
      });
    void (async () => {
      try {
        await write(head);
        for (let sent = 0; sent < fileBytes; sent += chunk.length) {
          if (req.destroyed) return;
          await write(chunk.subarray(0, Math.min(chunk.length, fileBytes - sent)));
          if (bytesSent >= options.killAt && options.killAt < total) {
            await options.kill();
            req.destroy();
            return;
          }
        }
        await write(tail);
        req.end();
        if (options.killAt >= total) {
          // after the last byte: the server is receiving the end and committing
          await sleep(150);
          await options.kill();
        }
      } catch {
        finish(0);
      }
    })();
  });
}

await runDrill(
  'killed-uploads',
  {
    budgetMs: 40 * 60_000,
    description: `${killPoints} SIGKILLs during ${fileBytes / 1024 / 1024} MB uploads, then restart and the sweep`,
  },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    const setup = await externalConversation(stack, token, {
      contacts: [{ name: 'Upload Client', email: 'upload.client@mail.example' }],
    });
    const digest = fileDigest();
    const path = `/api/v1/conversations/${setup.conversationId}/uploads`;
    const totalApprox = fileBytes + 400;
    const attempts: Array<{ point: string; marker: string; status: number; bytesSent: number }> = [];
    const restartSeconds: number[] = [];
    for (let k = 0; k < killPoints; k++) {
      d.assertTime(`kill point ${k + 1}`);
      const last = k === killPoints - 1;
      const killAt = last ? Number.MAX_SAFE_INTEGER : Math.round(((k + 0.5) / (killPoints - 1)) * totalApprox);
      const marker = `killed-upload-${k + 1}-${randomUUID().slice(0, 6)}`;
      const answer = await upload({
        path,
        token,
        idempotencyKey: marker,
        body: marker,
        fileName: `${marker}.bin`,
        killAt,
        kill: () => stack.confer.kill('SIGKILL'),
      });
      if (stack.confer.running()) await stack.confer.kill('SIGKILL'); // the upload ended before its kill point
      const point = last ? 'after the last byte' : `${round((killAt / totalApprox) * 100, 1)}%`;
      attempts.push({ point, marker, ...answer });
      const t0 = Date.now();
      await stack.confer.start();
      restartSeconds.push((Date.now() - t0) / 1000);
      d.log(
        `kill ${k + 1}/${killPoints} at ${point}: answer ${answer.status}, ${round(answer.bytesSent / 1024 / 1024, 1)} MB sent`,
      );
    }
    d.figure(
      'kill_points',
      attempts.map((a) => a.point),
    );
    d.figure(
      'answers_before_the_kill',
      attempts.map((a) => a.status),
    );
    d.figure(
      'restart_seconds_median',
      round(restartSeconds.sort((a, b) => a - b)[Math.floor(restartSeconds.length / 2)]!, 1),
    );
    d.figure('staged_right_after_the_last_restart', await stack.azurite.uncommitted());

    // the sweep: wait (bounded) until no staged block is left
    const t0 = Date.now();
    let staged = await stack.azurite.uncommitted();
    await waitUntil(
      async () => {
        staged = await stack.azurite.uncommitted();
        return staged.blobs === 0;
      },
      sweepWaitMs,
      5000,
    );
    d.figure('seconds_waited_for_the_sweep', round((Date.now() - t0) / 1000, 0));

    // what a user sees: each upload absent, or whole (its message with every byte)
    const fresh = token;
    const files = expectStatus(
      await stack.staff(fresh)('GET', `/conversations/${setup.conversationId}/files`),
      200,
      'files',
    ).json;
    const documents = expectStatus(
      await stack.staff(fresh)('GET', `/matters/${setup.matterId}/documents`),
      200,
      'documents',
    ).json;
    const messages = expectStatus(
      await stack.staff(fresh)('GET', `/conversations/${setup.conversationId}/messages?limit=100`),
      200,
      'messages',
    ).json;
    const partial: string[] = [];
    let whole = 0;
    for (const a of attempts) {
      const message = (messages.items as Array<{ body: string; files?: Array<{ size: number; sha256: string }> }>).find(
        (m) => m.body === a.marker,
      );
      const attachment = (files.attachments as Array<{ file: { name: string; size: number; sha256: string } }>).filter(
        (f) => f.file.name.startsWith(a.marker),
      );
      const document = (documents.items as Array<{ name: string; latest: { size: number; sha256: string } }>).filter(
        (doc) => doc.name.startsWith(a.marker),
      );
      if (!message && attachment.length === 0 && document.length === 0) continue;
      const complete =
        message?.files?.length === 1 &&
        message.files[0]!.size === fileBytes &&
        message.files[0]!.sha256 === digest &&
        document.length <= 1 &&
        document.every((doc) => doc.latest.size === fileBytes);
      if (complete) whole += 1;
      else
        partial.push(
          `${a.point}: message ${message ? 'yes' : 'no'}, attachments ${attachment.length}, documents ${document.length}`,
        );
    }
    d.figure('uploads_whole_after_restart', whole);
    d.check(
      'partial_uploads_visible',
      partial,
      partial.length === 0,
      'none (absent, or whole with its message)',
      '19.2',
    );
    d.check('uncommitted_blocks_left', staged, staged.blobs === 0, '0 blobs with staged blocks', '19.6');
    d.check(
      'unexpected_api_exits',
      stack.confer.exits.filter((e) => !e.expected).length,
      stack.confer.exits.every((e) => e.expected),
      '0',
    );
  },
);
