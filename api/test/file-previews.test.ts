import { createDeflate } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { queryRows } from '../src/db/query-rows.js';
import { storeGeneratedDocument } from '../src/modules/files/store-generated-document.js';
import { bearer, createFirm, createMatter } from './support/fixtures.js';
import { waitFor } from './support/messaging.js';
import { asBuffer, signedInClient } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;
let channel: string;

type TFile = { versionId: string; contentType: string; preview: { status: string; width: number | null } | null };

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
  channel = (
    await app.http.post('/api/v1/conversations').set(bearer(f.member.token)).send({ kind: 'channel', name: 'photos' })
  ).body.id;
});
afterAll(() => app.stop());

/** A PNG of the given size with some structure (so the thumbnail is not trivially small). */
const pngOf = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6f97' } })
    .composite([
      {
        input: {
          create: { width: Math.floor(width / 2), height: Math.floor(height / 2), channels: 3, background: '#f4a261' },
        },
        left: 0,
        top: 0,
      },
    ])
    .png()
    .toBuffer();

/**
 * A valid 20,000 × 20,000 one-bit greyscale PNG (400 million pixels) of about 50 kB: the
 * compressed zero rows decode to 50 MB of samples, 1.6 GB as the RGBA a naive decoder makes.
 */
async function pixelBomb(): Promise<Buffer> {
  const side = 20_000;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(1 + side / 8);
  for (let y = 0; y < side; y++) deflate.write(row);
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An A4 PDF whose first page is black on its top half and white below. */
async function halfBlackPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 0, y: 421, width: 595, height: 421, color: rgb(0, 0, 0) });
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

async function upload(token: string, conversationId: string, files: Array<[Buffer, string]>) {
  let req = app.http.post(`/api/v1/conversations/${conversationId}/uploads`).set(bearer(token));
  for (const [bytes, name] of files) req = req.attach('files', bytes, name);
  const res = await req;
  expect(res.status).toBe(201);
  return res.body.files as TFile[];
}

const previewOf = (token: string, versionId: string) =>
  app.http.get(`/api/v1/files/${versionId}/preview`).set(bearer(token)).buffer(true).parse(asBuffer);

const stateOf = async (versionId: string) =>
  (
    await queryRows<{ state: string; reason: string | null }>(
      app.db,
      sql`select state, reason from file_previews where firm_id = ${f.firm.id} and version_id = ${versionId}`,
    )
  )[0];

/** Waits until the job has decided, then answers the preview's state as the message list shows it. */
async function settledPreview(token: string, conversationId: string, versionId: string) {
  return waitFor(async () => {
    const page = await app.http.get(`/api/v1/conversations/${conversationId}/messages`).set(bearer(token));
    const file = (page.body.items as Array<{ files: TFile[] }>)
      .flatMap((m) => m.files)
      .find((x) => x.versionId === versionId);
    return file?.preview?.status !== 'pending' ? file?.preview : undefined;
  }, `the preview of ${versionId}`);
}

describe('thumbnails', () => {
  test('when staff send a PNG, then the upload answers at once and a smaller WebP thumbnail follows, served privately', async () => {
    const original = await pngOf(1200, 800);
    const [file] = await upload(f.member.token, channel, [[original, 'site photo.png']]);
    expect(file!.contentType).toBe('image/png');
    expect(file!.preview).toEqual({ status: 'pending', width: null, height: null });

    expect(await settledPreview(f.member.token, channel, file!.versionId)).toEqual({
      status: 'ready',
      width: 480,
      height: 320,
    });
    const res = await previewOf(f.admin.token, file!.versionId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const thumbnail = res.body as Buffer;
    expect(thumbnail.length).toBeLessThan(original.length);
    const meta = await sharp(thumbnail).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 320 });
    // the orange quarter is still top left: it is a picture of the image, not any image
    const { data } = await sharp(thumbnail).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[(319 * 480 + 479) * 3 + 2]).toBeGreaterThan(120);

    const again = await app.http
      .get(`/api/v1/files/${file!.versionId}/preview`)
      .set(bearer(f.admin.token))
      .set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);

    // seen live by the conversation's people, and not recorded as a download
    const events = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from events where firm_id = ${f.firm.id} and type = 'file.preview'
          and payload->>'versionId' = ${file!.versionId} and payload->'preview'->>'status' = 'ready'`,
    );
    expect(events[0]!.n).toBe(1);
    const downloads = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from audit_log where action = 'file.download' and target_id = ${file!.versionId}`,
    );
    expect(downloads[0]!.n).toBe(0);
  });

  test('when another firm’s staff or a client outside the conversation asks for a thumbnail, then 404, and the client in it sees it', async () => {
    const inside = await signedInClient(app, f.member.token, f.firm.id, { name: 'Paula Inside' });
    const outside = await signedInClient(app, f.member.token, f.firm.id, { name: 'Olga Outside' });
    const [file] = await upload(f.member.token, inside.conversationId, [[await pngOf(640, 640), 'plan.png']]);
    await settledPreview(f.member.token, inside.conversationId, file!.versionId);

    const own = await inside.session.get(`/files/${file!.versionId}/preview`).buffer(true).parse(asBuffer);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('image/webp');
    expect(own.headers['cache-control']).toBe('private, no-cache');
    expect((await sharp(own.body as Buffer).metadata()).width).toBe(480);
    // the portal's message list carries the same state
    const messages = await inside.session.get(`/conversations/${inside.conversationId}/messages`);
    const portalFile = (messages.body.items as Array<{ files: TFile[] }>).flatMap((m) => m.files)[0];
    expect(portalFile!.preview).toEqual({ status: 'ready', width: 480, height: 480 });

    const stranger = await outside.session.get(`/files/${file!.versionId}/preview`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('not_found');

    const other = await createFirm(app);
    const foreign = await previewOf(other.admin.token, file!.versionId);
    expect(foreign.status).toBe(404);
    expect(JSON.parse((foreign.body as Buffer).toString()).code).toBe('not_found');
    const refusals = await queryRows<{ actor_id: string }>(
      app.db,
      sql`select actor_id from audit_log where action = 'file.preview' and outcome = 'refused' and target_id = ${file!.versionId}`,
    );
    expect(refusals.map((r) => r.actor_id).sort()).toEqual([outside.contact.id, other.admin.id].sort());
  });

  test('when a corrupt image, a 20000×20000 pixel bomb and a broken PDF are sent, then the uploads succeed without previews and the server keeps serving', async () => {
    const bomb = await pixelBomb();
    expect(bomb.length).toBeLessThan(200_000);
    const corrupt = Buffer.concat([(await pngOf(64, 64)).subarray(0, 40), Buffer.alloc(200, 0x5a)]);
    const brokenPdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer <<>>\n%%EOF');
    const started = Date.now();
    const files = await upload(f.member.token, channel, [
      [corrupt, 'corrupt.png'],
      [bomb, 'bomb.png'],
      [brokenPdf, 'broken.pdf'],
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(files.map((x) => x.contentType)).toEqual(['image/png', 'image/png', 'application/pdf']);
    for (const file of files) {
      expect(await settledPreview(f.member.token, channel, file.versionId)).toEqual({
        status: 'failed',
        width: null,
        height: null,
      });
      const res = await previewOf(f.member.token, file.versionId);
      expect(res.status).toBe(404);
      expect(JSON.parse((res.body as Buffer).toString()).code).toBe('no_preview');
    }
    expect((await stateOf(files[0]!.versionId))!.reason).toBe('unreadable');
    expect((await stateOf(files[1]!.versionId))!.reason).toBe('too_many_pixels');
    expect((await stateOf(files[2]!.versionId))!.reason).toBe('unreadable');
    // the files themselves are kept and downloadable byte for byte
    const download = await app.http
      .get(`/api/v1/files/${files[1]!.versionId}`)
      .set(bearer(f.member.token))
      .buffer(true)
      .parse(asBuffer);
    expect((download.body as Buffer).equals(bomb)).toBe(true);
    expect((await app.http.get('/healthz')).status).toBe(200);
    expect((await upload(f.member.token, channel, [[await pngOf(100, 50), 'after.png']])).length).toBe(1);
  });

  test('when a PDF is sent, then its first page becomes the preview, rendered on the server', async () => {
    const [file] = await upload(f.member.token, channel, [[await halfBlackPdf(), 'letter.pdf']]);
    const preview = await settledPreview(f.member.token, channel, file!.versionId);
    expect(preview).toEqual({ status: 'ready', width: 339, height: 480 });
    const res = await previewOf(f.member.token, file!.versionId);
    expect(res.headers['content-type']).toBe('image/webp');
    const { data, info } = await sharp(res.body as Buffer)
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 339, height: 480 });
    const at = (x: number, y: number) => data[y * info.width + x]!;
    expect(at(170, 100)).toBeLessThan(40); // the black top half
    expect(at(170, 380)).toBeGreaterThan(215); // the white bottom half
  });

  test('when a previewable document was stored without asking for its preview, then the sweep makes it', async () => {
    const matterId = await createMatter(app.db, f.firm.id);
    const version = await storeGeneratedDocument(
      app,
      f.firm.id,
      { bytes: await pngOf(300, 900), name: 'scan.png', contentType: 'image/png' },
      { matterId, source: 'export', staffId: f.member.id },
    );
    expect((await stateOf(version.id))!.state).toBe('pending');
    await app.db.execute(
      sql`update file_previews set created_at = created_at - interval '2 minutes' where firm_id = ${f.firm.id} and version_id = ${version.id}`,
    );
    await app.background.sweepNow();
    await waitFor(async () => (await stateOf(version.id))?.state === 'ready', 'the swept preview');
    const res = await previewOf(f.member.token, version.id);
    expect(res.status).toBe(200);
    expect(await sharp(res.body as Buffer).metadata()).toMatchObject({ width: 160, height: 480 });
  });
});
