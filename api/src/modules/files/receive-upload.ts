import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import type { RunOnce } from '../../http/define-route.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import { keepUploadsAlive } from './keep-uploads-alive.js';
import { deletePendingUploads, insertPendingUpload } from './pending-uploads-repository.js';
import { sanitizeFileName } from './sanitize-file-name.js';
import { createPartHeaderScanner, unreadablePart } from './scan-part-headers.js';
import { stagingBudget } from './staging-budget.js';

export type TStagedFile = {
  field: string;
  blobName: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  blockIds: string[];
};

export type TReceivedUpload = { fields: Record<string, string>; files: TStagedFile[] };

const blockSize = 4 * 1024 * 1024;
/** Blocks of one file sent at once (the SDK's uploadStream default is 5), within the process budget. */
const blocksInFlight = 5;
const sniffBytes = 4100;

const blockId = (n: number) => Buffer.from(String(n).padStart(8, '0')).toString('base64');

/**
 * Streams a multipart/form-data request straight into Blob Storage as staged (uncommitted)
 * blocks of at most 4 MB, several at once, each sent from the chunks as they arrived (no
 * copy): a file is never held whole in memory nor written to disk. The
 * limits are enforced while streaming: the moment the request passes the file count or total
 * size, it fails with 413 and everything it staged is discarded. Nothing is committed here:
 * the caller commits with `commitStagedFiles` once it has decided to keep the upload.
 */
export async function receiveUpload(
  req: IncomingMessage & Readable,
  deps: {
    db: Db;
    blobs: BlobStore;
    firmId: string;
    maxFiles: number;
    maxBytes: number;
    /** How often the upload marks its pending rows alive for the sweep (config.uploads). */
    aliveEveryMs?: number;
  },
): Promise<TReceivedUpload> {
  const contentType = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 415, 'Send files as multipart/form-data');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers as IncomingHttpHeaders,
      limits: { files: deps.maxFiles + 1, fields: 50, fieldSize: 64 * 1024, parts: deps.maxFiles + 60 },
      defParamCharset: 'utf8',
    });
  } catch {
    throw new AppError('malformed_multipart', 400, 'The multipart body has no boundary');
  }
  // busboy drops a part whose Content-Disposition it cannot parse without a word: count parts
  // independently, and name what it dropped or choked on
  const scanner = createPartHeaderScanner(boundaryOf(contentType));
  const staged: TStagedFile[] = [];
  const started: string[] = [];
  const streams = new Set<Readable>();
  const pending: Promise<void>[] = [];
  const fields: Record<string, string> = {};
  let total = 0;
  let fileCount = 0;
  let fieldCount = 0;
  const tooMany = () => new AppError('too_many_files', 413, `At most ${deps.maxFiles} files can be sent at once`);
  // Express links the response to the request; its end ends the heartbeat
  const exchange = (req as IncomingMessage & { res?: ServerResponse }).res ?? req.socket;
  keepUploadsAlive(deps.db, deps.firmId, started, deps.aliveEveryMs ?? 20_000, exchange);

  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        req.unpipe(parser);
        for (const s of streams) s.destroy();
        reject(error);
      };
      parser.on('field', (name, value, info) => {
        fieldCount += 1;
        if (info.valueTruncated) fail(new AppError('field_too_large', 413, `The field "${name}" is too long`));
        else fields[name] = value;
      });
      const malformed = () => new AppError('malformed_multipart', 400, 'The multipart body is malformed or truncated');
      parser.on('file', (field, stream, info) => {
        // at once, before any await: busboy errors a file stream whose part never ends, and an
        // 'error' event with no listener would end the process
        stream.on('error', () => fail(malformed()));
        fileCount += 1;
        if (fileCount > deps.maxFiles || settled) {
          stream.resume();
          fail(tooMany());
          return;
        }
        streams.add(stream);
        const blobName = `${deps.firmId}/${randomUUID()}`;
        started.push(blobName);
        const count = (n: number) => {
          total += n;
          if (total > deps.maxBytes) {
            const tooLarge = new AppError(
              'upload_too_large',
              413,
              `Files sent at once may total at most ${describeSize(deps.maxBytes)}`,
            );
            // refused first: stopping this file's stream below must not read as a malformed body
            fail(tooLarge);
            throw tooLarge;
          }
        };
        pending.push(
          stageFile(field, blobName, stream, info.filename, deps, count).then(
            (file) => {
              streams.delete(stream);
              staged.push(file);
            },
            (error: unknown) => {
              streams.delete(stream);
              fail(error);
            },
          ),
        );
      });
      parser.on('error', () => fail(unreadablePartError(scanner.completeBlocks()) ?? malformed()));
      parser.on('filesLimit', () => fail(tooMany()));
      parser.on('fieldsLimit', () => fail(new AppError('too_many_fields', 413, 'The form has too many fields')));
      parser.on('partsLimit', () => fail(new AppError('too_many_parts', 413, 'The form has too many parts')));
      parser.on('close', () => {
        const blocks = scanner.blocks();
        if (blocks.length !== fieldCount + fileCount) {
          fail(
            unreadablePartError(blocks) ??
              new AppError('malformed_multipart', 400, 'A part of the multipart body could not be read'),
          );
          return;
        }
        void Promise.all(pending).then(() => {
          if (!settled) {
            settled = true;
            resolve();
          }
        }, fail);
      });
      req.on('close', () => {
        if (!req.complete) fail(new AppError('request_aborted', 400, 'The upload was interrupted'));
      });
      req.on('data', scanner.push); // before the pipe's listener: the scanner sees each chunk first
      req.pipe(parser);
    });
  } catch (error) {
    req.off('data', scanner.push);
    drainRefusedBody(req, deps.maxBytes);
    // let in-flight block uploads finish or fail, then remove everything this request staged
    await Promise.allSettled(pending);
    await discardStagedFiles(deps, started).catch(() => {});
    throw error;
  }
  staged.sort((a, b) => started.indexOf(a.blobName) - started.indexOf(b.blobName));
  return { fields, files: staged };
}

const boundaryOf = (contentType: string) =>
  /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)?.slice(1).find(Boolean) ?? '';

/** A 400 naming the first part whose headers cannot be read, if there is one. */
function unreadablePartError(blocks: string[]): AppError | undefined {
  for (const block of blocks) {
    const unreadable = unreadablePart(block);
    if (!unreadable) continue;
    if (unreadable.fileName === undefined) {
      return new AppError(
        'malformed_multipart',
        400,
        'A part of the multipart body has a malformed Content-Disposition',
      );
    }
    const shown = showName(unreadable.fileName);
    const message = `the file name ${shown} cannot be read: a raw quote or line break breaks the form. Percent-encode them (as browsers do) or rename the file`;
    return new AppError('unreadable_file_name', 400, `body.files: ${message}`, {
      errors: [{ location: 'body', field: 'files', message }],
    });
  }
  return undefined;
}

/** The name as sent, quoted, with control characters written as escapes and cut to 200 characters. */
const showName = (name: string) =>
  `'${Array.from(name)
    .slice(0, 200)
    .map((ch) =>
      ch === '\r'
        ? '\\r'
        : ch === '\n'
          ? '\\n'
          : /\p{Cc}/u.test(ch)
            ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
            : ch,
    )
    .join('')}'`;

/**
 * After refusing an upload, keep reading (and discarding) what the client is still sending,
 * up to a cap: browsers read the response only once their request body is sent, so without
 * this a 413 would never reach them. Past the cap the connection is cut.
 */
function drainRefusedBody(req: IncomingMessage & Readable, maxBytes: number): void {
  if (req.complete || req.destroyed) return;
  const cap = 2 * maxBytes + 16 * 1024 * 1024;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > cap) req.destroy();
  });
  req.resume();
}

const describeSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;

async function stageFile(
  field: string,
  blobName: string,
  stream: Readable,
  rawName: string | undefined,
  deps: { db: Db; blobs: BlobStore; firmId: string },
  count: (bytes: number) => void,
): Promise<TStagedFile> {
  await insertPendingUpload(deps.db, deps.firmId, blobName);
  const client = deps.blobs.container.getBlockBlobClient(blobName);
  const hash = createHash('sha256');
  const blockIds: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let head = Buffer.alloc(0);
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let size = 0;
  /** Sends the buffered chunks as the next block, in the background; waits while too much is in flight. */
  const flush = async () => {
    if (bufferedBytes === 0) return;
    const parts = buffered;
    const length = bufferedBytes;
    buffered = [];
    bufferedBytes = 0;
    const id = blockId(blockIds.length);
    blockIds.push(id);
    while (inFlight.size >= blocksInFlight) await Promise.race(inFlight);
    if (failure) throw failure.error;
    await stagingBudget.acquire(length);
    // a factory, so the SDK can send the same bytes again on a retry
    const sent = client
      .stageBlock(id, () => Readable.from(parts, { objectMode: false }), length)
      .then(
        () => undefined,
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => {
        stagingBudget.release(length);
        inFlight.delete(sent);
      });
    inFlight.add(sent);
  };
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      count(data.length);
      size += data.length;
      hash.update(data);
      if (head.length < sniffBytes) head = Buffer.concat([head, data.subarray(0, sniffBytes - head.length)]);
      buffered.push(data);
      bufferedBytes += data.length;
      if (bufferedBytes >= blockSize) await flush();
      if (failure) throw failure.error;
    }
    if ((stream as Readable & { truncated?: boolean }).truncated) {
      throw new AppError('upload_too_large', 413, 'The file is too large');
    }
    await flush();
  } finally {
    // nothing of this file is still being sent when it is kept or discarded
    await Promise.allSettled([...inFlight]);
  }
  if (failure) throw failure.error;
  const detected = size > 0 ? await fileTypeFromBuffer(head) : undefined;
  return {
    field,
    blobName,
    name: sanitizeFileName(rawName ?? ''),
    size,
    sha256: hash.digest('hex'),
    contentType: detected?.mime ?? (size === 0 ? 'application/x-empty' : 'application/octet-stream'),
    blockIds,
  };
}

/** Makes staged files real blobs. Their pending rows go when the documents are recorded. */
export async function commitStagedFiles(blobs: BlobStore, files: TStagedFile[]): Promise<void> {
  await Promise.all(
    files.map((f) =>
      blobs.container.getBlockBlobClient(f.blobName).commitBlockList(f.blockIds, {
        blobHTTPHeaders: { blobContentType: f.contentType },
        metadata: { sha256: f.sha256, name: encodeURIComponent(f.name) },
      }),
    ),
  );
}

/**
 * Removes what this request staged or committed and is not keeping (a refusal, a failure
 * before its documents were recorded): uncommitted blocks cannot be deleted one by one, so
 * commit an empty block list (a zero-byte blob) and delete that blob. A blob that could not
 * be removed keeps its pending row, for the sweep (sweep-abandoned-uploads.ts).
 */
export async function discardStagedFiles(deps: { db: Db; blobs: BlobStore; firmId: string }, blobNames: string[]) {
  const removed: string[] = [];
  for (const name of blobNames) {
    const client = deps.blobs.container.getBlockBlobClient(name);
    try {
      await client.commitBlockList([]);
      await client.deleteIfExists();
      removed.push(name);
    } catch {
      // Blob Storage unreachable or refusing: the row stays and the sweep tries again
    }
  }
  await deletePendingUploads(deps.db, deps.firmId, removed);
}

/**
 * Keeps or discards a received upload through a route's `once`: the fingerprint is the form's
 * fields and each file's field, name, size and SHA-256, so a retry must send the same files.
 * `work` (given the transaction) owns the staged files and discards them itself when it fails;
 * when it never runs (a replay, a key reused with another request) they are discarded here.
 */
export async function onceWithUpload<T>(
  once: RunOnce,
  deps: { db: Db; blobs: BlobStore; firmId: string },
  upload: TReceivedUpload,
  fields: unknown,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  let ran = false;
  const request = {
    fields,
    files: upload.files.map((f) => ({ field: f.field, name: f.name, size: f.size, sha256: f.sha256 })),
  };
  try {
    return await once(request, (tx) => {
      ran = true;
      return work(tx);
    });
  } finally {
    if (!ran) {
      await discardStagedFiles(
        deps,
        upload.files.map((f) => f.blobName),
      ).catch(() => {});
    }
  }
}
