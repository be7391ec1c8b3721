import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { queryRows } from '../src/db/query-rows.js';
import { sweepAbandonedUploads } from '../src/jobs/sweep-abandoned-uploads.js';
import { insertPendingUpload } from '../src/modules/files/pending-uploads-repository.js';
import { sanitizeFileName } from '../src/modules/files/sanitize-file-name.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { buildMultipart, sendPartialUpload } from './support/multipart.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;
let channel: string;

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
  channel = (
    await app.http.post('/api/v1/conversations').set(bearer(f.member.token)).send({ kind: 'channel', name: 'files' })
  ).body.id;
  await app.http.post(`/api/v1/conversations/${channel}/join`).set(bearer(f.admin.token));
});
afterAll(() => app.stop());

async function blobsOf(firmId: string) {
  const names: string[] = [];
  for await (const b of app.blobs.container.listBlobsFlat({ prefix: `${firmId}/`, includeUncommitedBlobs: true })) {
    names.push(b.name);
  }
  return names;
}
const countRows = async (table: 'documents' | 'pending_uploads' | 'messages', firmId: string) =>
  (
    await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from ${sql.raw(table)} where firm_id = ${firmId}`,
    )
  )[0]!.n;

async function download(token: string, versionId: string, inline = false) {
  return app.http
    .get(`/api/v1/files/${versionId}${inline ? '?inline=1' : ''}`)
    .set(bearer(token))
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

describe('uploads', () => {
  test('when files are sent with a message, then names are sanitised, bytes hashed, types detected and downloads match', async () => {
    const random = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));
    const res = await app.http
      .post(`/api/v1/conversations/${channel}/uploads`)
      .set(bearer(f.member.token))
      .field('body', 'Three files')
      .attach('files', png, '../../etc/passwd.txt')
      .attach('files', Buffer.alloc(0), 'empty.txt')
      .attach('files', random, 'Договор аренды 第1版.bin');
    expect(res.status).toBe(201);
    const files = res.body.files as Array<{
      name: string;
      size: number;
      sha256: string;
      contentType: string;
      versionId: string;
    }>;
    expect(files.map((x) => x.name)).toEqual(['passwd.txt', 'empty.txt', 'Договор аренды 第1版.bin']);
    expect(files[0]).toMatchObject({ contentType: 'image/png', sha256: sha(png), size: png.length });
    expect(files[1]).toMatchObject({ size: 0, sha256: sha(Buffer.alloc(0)) });
    expect(files[2]!.sha256).toBe(sha(random));
    const got = await download(f.admin.token, files[2]!.versionId);
    expect(got.status).toBe(200);
    expect(sha(got.body as Buffer)).toBe(sha(random));
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(got.headers['content-disposition']!.split("''")[1]!)).toBe('Договор аренды 第1版.bin');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-type']).toBe('application/octet-stream');
    const empty = await download(f.admin.token, files[1]!.versionId);
    expect((empty.body as Buffer).length).toBe(0);
    const audit = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from audit_log where action = 'file.download' and target_id = ${files[2]!.versionId} and actor_id = ${f.admin.id}`,
    );
    expect(audit[0]!.n).toBe(1);
    expect(await countRows('pending_uploads', f.firm.id)).toBe(0);
  });

  test('when a preview is asked for, then only PDFs and images come inline, sandboxed', async () => {
    const res = await app.http
      .post(`/api/v1/conversations/${channel}/uploads`)
      .set(bearer(f.member.token))
      .attach('files', png, 'pixel.png')
      .attach('files', Buffer.from('<html><script>alert(1)</script></html>'), 'evil.html');
    const [image, html] = res.body.files as Array<{ versionId: string }>;
    const inline = await download(f.member.token, image!.versionId, true);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-type']).toBe('image/png');
    expect(inline.headers['content-security-policy']).toMatch(/sandbox/);
    const refused = await download(f.member.token, html!.versionId, true);
    expect(refused.headers['content-disposition']).toMatch(/^attachment;/);
    expect(refused.headers['content-type']).toBe('application/octet-stream');
  });

  test('when 131 files are sent, then 413 too_many_files and nothing is recorded or left in storage', async () => {
    const firm = await createFirm(app);
    const ch = (
      await app.http.post('/api/v1/conversations').set(bearer(firm.member.token)).send({ kind: 'channel', name: 'x' })
    ).body.id;
    let req = app.http.post(`/api/v1/conversations/${ch}/uploads`).set(bearer(firm.member.token));
    for (let i = 0; i < 131; i++) req = req.attach('files', Buffer.from(`file ${i}`), `f${i}.txt`);
    const res = await req;
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('too_many_files');
    expect(await countRows('documents', firm.firm.id)).toBe(0);
    expect(await countRows('messages', firm.firm.id)).toBe(0);
    expect(await blobsOf(firm.firm.id)).toEqual([]);
    expect(await countRows('pending_uploads', firm.firm.id)).toBe(0);
  });

  test('when exactly 100 MB is sent it is accepted; 100 MB + 1 byte gets 413 and leaves nothing', async () => {
    const firm = await createFirm(app);
    const matter = await createMatter(app.db, firm.firm.id);
    const limit = 100 * 1024 * 1024;
    const half = Buffer.alloc(limit / 2, 7);
    const over = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(firm.member.token))
      .attach('files', half, 'a.bin')
      .attach('files', Buffer.alloc(limit / 2 + 1, 8), 'b.bin');
    expect(over.status).toBe(413);
    expect(over.body.code).toBe('upload_too_large');
    expect(await countRows('documents', firm.firm.id)).toBe(0);
    expect(await blobsOf(firm.firm.id)).toEqual([]);
    const exact = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(firm.member.token))
      .attach('files', half, 'a.bin')
      .attach('files', half, 'b.bin');
    expect(exact.status).toBe(201);
    expect(exact.body.items.map((d: { latest: { size: number } }) => d.latest.size)).toEqual([limit / 2, limit / 2]);
  }, 120_000);

  test('when the content type is wrong or the body is truncated, then a 4xx and no partial document', async () => {
    const firm = await createFirm(app);
    const matter = await createMatter(app.db, firm.firm.id);
    const wrong = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(firm.member.token))
      .set('Content-Type', 'application/json')
      .send({ files: 'nope' });
    expect(wrong.status).toBe(415);
    const noBoundary = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(firm.member.token))
      .set('Content-Type', 'multipart/form-data')
      .send('x');
    expect(noBoundary.status).toBe(415);
    const multipart = buildMultipart([
      { field: 'files', filename: 'big.bin', content: Buffer.alloc(9 * 1024 * 1024, 1) },
    ]);
    const truncated = await sendPartialUpload(
      `${app.baseUrl}/api/v1/matters/${matter}/documents`,
      bearer(firm.member.token),
      multipart,
      6 * 1024 * 1024,
      'truncate',
    );
    expect(truncated.status).toBe(400);
    expect(JSON.parse(truncated.body!).code).toBe('malformed_multipart');
    expect(await countRows('documents', firm.firm.id)).toBe(0);
    expect(await blobsOf(firm.firm.id)).toEqual([]);
  });

  test('when a multipart body ends inside a file part, then 400 malformed_multipart, nothing is kept and the API keeps serving', async () => {
    const firm = await createFirm(app);
    const matter = await createMatter(app.db, firm.firm.id);
    const broken = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(firm.member.token))
      .set('Content-Type', 'multipart/form-data; boundary=b')
      .send('--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nno closing boundary');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('malformed_multipart');
    // a second, in a body that also carries a field, and the server still answers afterwards
    const again = await app.http
      .post(`/api/v1/conversations/${channel}/uploads`)
      .set(bearer(f.member.token))
      .set('Content-Type', 'multipart/form-data; boundary=b')
      .send(
        '--b\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi\r\n--b\r\nContent-Disposition: form-data; name="files"; filename="b.txt"\r\n\r\n',
      );
    expect(again.status).toBe(400);
    expect((await app.http.get('/api/v1/me').set(bearer(firm.member.token))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await countRows('documents', firm.firm.id)).toBe(0);
    expect(await blobsOf(firm.firm.id)).toEqual([]);
  });

  test('when the client disconnects mid-upload, then nothing becomes visible and no blob is kept', async () => {
    const firm = await createFirm(app);
    const matter = await createMatter(app.db, firm.firm.id);
    const multipart = buildMultipart([
      { field: 'files', filename: 'big.bin', content: Buffer.alloc(12 * 1024 * 1024, 2) },
    ]);
    await sendPartialUpload(
      `${app.baseUrl}/api/v1/matters/${matter}/documents`,
      bearer(firm.member.token),
      multipart,
      9 * 1024 * 1024,
      'disconnect',
    );
    let blobs: string[] = ['pending'];
    for (let i = 0; i < 50 && blobs.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      blobs = await blobsOf(firm.firm.id);
    }
    expect(blobs).toEqual([]);
    expect(await countRows('documents', firm.firm.id)).toBe(0);
    expect((await app.http.get('/healthz')).status).toBe(200);
  });

  test('when an upload was abandoned, then the sweep job removes its staged blocks', async () => {
    const firm = await createFirm(app);
    const name = `${firm.firm.id}/${randomUUID()}`;
    await insertPendingUpload(app.db, firm.firm.id, name);
    await app.blobs.container
      .getBlockBlobClient(name)
      .stageBlock(Buffer.from('0001').toString('base64'), Buffer.from('bytes'), 5);
    expect(await blobsOf(firm.firm.id)).toEqual([name]);
    expect(
      await sweepAbandonedUploads({ db: app.db, blobs: app.blobs }, new Date(Date.now() + 1000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await blobsOf(firm.firm.id)).toEqual([]);
    expect(await countRows('pending_uploads', firm.firm.id)).toBe(0);
  });

  test('file names are sanitised against paths, control characters, device names and length', () => {
    expect(sanitizeFileName('..\\..\\windows\\system32\\cmd.exe')).toBe('cmd.exe');
    expect(sanitizeFileName('bad\u0000na\u202eme\r\n.pdf')).toBe('badname.pdf');
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFileName('...')).toBe('file');
    const long = sanitizeFileName(`${'é'.repeat(300)}.docx`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('.docx')).toBe(true);
  });
});

describe('matter documents, attachments and shares', () => {
  test('when a matter document is attached and later revised, then the sent copy stays as it was', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter);
    const conv = (
      await app.http
        .post('/api/v1/conversations')
        .set(bearer(f.member.token))
        .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id] })
    ).body;
    const v1 = Buffer.from('draft contract v1');
    const doc = (
      await app.http
        .post(`/api/v1/matters/${matter}/documents`)
        .set(bearer(f.member.token))
        .attach('files', v1, 'contract.txt')
    ).body.items[0];
    expect(doc.source).toBe('staff');
    const sent = await app.http
      .post(`/api/v1/conversations/${conv.id}/messages`)
      .set(bearer(f.member.token))
      .send({ body: '', documentIds: [doc.id] });
    expect(sent.status).toBe(201);
    const v2 = Buffer.from('final contract v2');
    const revised = await app.http
      .post(`/api/v1/documents/${doc.id}/versions`)
      .set(bearer(f.member.token))
      .attach('files', v2, 'contract-final.txt');
    expect(revised.body).toMatchObject({ versionCount: 2, name: 'contract-final.txt' });
    const copy = await download(f.member.token, sent.body.files[0].versionId);
    expect((copy.body as Buffer).toString()).toBe('draft contract v1');

    const share = await app.http
      .post(`/api/v1/conversations/${conv.id}/shares`)
      .set(bearer(f.member.token))
      .send({ documentId: doc.id });
    expect(share.status).toBe(201);
    expect(share.body.document.latest.sha256).toBe(sha(v2));
    await app.http
      .post(`/api/v1/documents/${doc.id}/versions`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from('v3'), 'contract-v3.txt');
    const tab = (await app.http.get(`/api/v1/conversations/${conv.id}/files`).set(bearer(f.member.token))).body;
    expect(tab.attachments.map((a: { file: { name: string } }) => a.file.name)).toEqual(['contract.txt']);
    expect(tab.shares[0].document.latest).toMatchObject({ name: 'contract-v3.txt', version: 3 });
    const revoked = await app.http.post(`/api/v1/shares/${share.body.id}/revoke`).set(bearer(f.member.token));
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = (await app.http.get(`/api/v1/conversations/${conv.id}/files`).set(bearer(f.member.token))).body;
    expect(after.shares[0].revokedAt).not.toBeNull();
  });

  test('when files from the device and matter documents go in one send, then one message carries both; a document from elsewhere is refused before anything is kept', async () => {
    const f = await createFirm(app);
    const matter = await createMatter(app.db, f.firm.id);
    const other = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter);
    const conv = (
      await app.http
        .post('/api/v1/conversations')
        .set(bearer(f.member.token))
        .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id] })
    ).body;
    const upload = (matterId: string, name: string) =>
      app.http
        .post(`/api/v1/matters/${matterId}/documents`)
        .set(bearer(f.member.token))
        .attach('files', Buffer.from(name), name)
        .then((r) => r.body.items[0] as { id: string });
    const onMatter = await upload(matter, 'lease.txt');
    const elsewhere = await upload(other, 'unrelated.txt');
    const send = (documentIds: string[]) =>
      app.http
        .post(`/api/v1/conversations/${conv.id}/uploads`)
        .set(bearer(f.member.token))
        .field('body', 'The lease and your scan')
        .field('documentIds', documentIds.join(','))
        .attach('files', Buffer.from('scan bytes'), 'scan.txt');
    const before = await countRows('documents', f.firm.id);
    const refused = await send([elsewhere.id]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('documentIds');
    expect(await countRows('documents', f.firm.id)).toBe(before);
    const sent = await send([onMatter.id]);
    expect(sent.status).toBe(201);
    expect(sent.body.files.map((x: { name: string }) => x.name).sort()).toEqual(['lease.txt', 'scan.txt']);
    const messages = await app.http.get(`/api/v1/conversations/${conv.id}/messages`).set(bearer(f.member.token));
    expect(messages.body.items.filter((m: { body: string }) => m.body === 'The lease and your scan')).toHaveLength(1);
  });

  test('when documents come from staff, Outlook and an export, then the matter list shows each source', async () => {
    const matter = await createMatter(app.db, f.firm.id, { number: 'SRC-1' });
    const internal = (
      await app.http
        .post('/api/v1/conversations')
        .set(bearer(f.member.token))
        .send({ kind: 'internal_matter', matterId: matter })
    ).body;
    await app.http
      .post(`/api/v1/conversations/${internal.id}/uploads`)
      .set(bearer(f.member.token))
      .field('source', 'outlook')
      .attach('files', Buffer.from('from an email'), 'email-attachment.pdf');
    await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from('x'), 'note.txt');
    await app.http
      .post(`/api/v1/conversations/${internal.id}/messages`)
      .set(bearer(f.member.token))
      .send({ body: '=HYPERLINK("http://evil")' });
    const exported = await app.http.post(`/api/v1/conversations/${internal.id}/export`).set(bearer(f.member.token));
    expect(exported.status).toBe(201);
    const docs = (await app.http.get(`/api/v1/matters/${matter}/documents`).set(bearer(f.member.token))).body.items;
    expect(docs.map((d: { source: string }) => d.source).sort()).toEqual(['export', 'outlook', 'staff']);
    const csv = (await download(f.member.token, exported.body.latest.id)).body as Buffer;
    const rows = parse(csv.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['timestamp', 'author', 'author kind', 'channel', 'text', 'attachments', 'edited']);
    expect(rows[1]).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT.*\+00:00$/),
      f.member.name,
      'staff',
      'Outlook',
      '',
      'email-attachment.pdf',
      'no',
    ]);
    expect(rows[2]![4]).toBe(`'=HYPERLINK("http://evil")`);
  });

  test('when a participant comments on a file, then the comment shows in the conversation and on the file', async () => {
    const up = await app.http
      .post(`/api/v1/conversations/${channel}/uploads`)
      .set(bearer(f.member.token))
      .attach('files', png, 'plan.png');
    const documentId = up.body.files[0].documentId;
    const comment = await app.http
      .post(`/api/v1/conversations/${channel}/messages`)
      .set(bearer(f.admin.token))
      .send({ body: 'Looks right to me', aboutDocumentId: documentId });
    expect(comment.body.aboutDocument).toEqual({ id: documentId, name: 'plan.png' });
    const details = (await app.http.get(`/api/v1/documents/${documentId}`).set(bearer(f.member.token))).body;
    expect(details.comments.map((c: { body: string }) => c.body)).toEqual(['Looks right to me']);
    const elsewhere = await app.http
      .post(
        `/api/v1/conversations/${(await app.http.post('/api/v1/conversations').set(bearer(f.member.token)).send({ kind: 'direct', staffIds: [] })).body.id}/messages`,
      )
      .set(bearer(f.member.token))
      .send({ body: 'x', aboutDocumentId: documentId });
    expect(elsewhere.status).toBe(400);
  });

  test('when someone may not see a file, then downloading it answers like a missing one', async () => {
    const other = await createFirm(app);
    const secretMatter = await createMatter(app.db, f.firm.id, { restrictedTo: [f.member.id] });
    const secret = (
      await app.http
        .post(`/api/v1/matters/${secretMatter}/documents`)
        .set(bearer(f.member.token))
        .attach('files', Buffer.from('s'), 's.txt')
    ).body.items[0];
    const dm = (
      await app.http.post('/api/v1/conversations').set(bearer(f.member.token)).send({ kind: 'direct', staffIds: [] })
    ).body.id;
    const dmFile = (
      await app.http
        .post(`/api/v1/conversations/${dm}/uploads`)
        .set(bearer(f.member.token))
        .attach('files', Buffer.from('d'), 'd.txt')
    ).body.files[0];
    const missing = await download(f.admin.token, randomUUID());
    for (const [token, id] of [
      [f.admin.token, secret.latest.id],
      [f.admin.token, dmFile.versionId],
      [other.admin.token, dmFile.versionId],
    ] as const) {
      const res = await download(token, id);
      expect(res.status).toBe(404);
      expect({ ...JSON.parse((res.body as Buffer).toString()), requestId: 0 }).toEqual({
        ...JSON.parse((missing.body as Buffer).toString()),
        requestId: 0,
      });
    }
    expect((await app.http.get(`/api/v1/documents/${secret.id}`).set(bearer(f.admin.token))).status).toBe(404);
  });
});

describe('refused uploads', () => {
  test('when a client sends its whole body before reading, then it still receives the 413', async () => {
    const small = await startTestApp({ UPLOAD_MAX_BYTES: '1000000' });
    try {
      const firm = await createFirm(small);
      const matter = await createMatter(small.db, firm.firm.id);
      const multipart = buildMultipart([
        { field: 'files', filename: 'big.bin', content: Buffer.alloc(6 * 1024 * 1024, 3) },
      ]);
      const { request } = await import('node:http');
      const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const req = request(`${small.baseUrl}/api/v1/matters/${matter}/documents`, {
          method: 'POST',
          headers: {
            ...bearer(firm.member.token),
            'Content-Type': `multipart/form-data; boundary=${multipart.boundary}`,
            'Content-Length': String(multipart.body.length),
          },
        });
        req.on('error', reject);
        // the answer may come before the body is fully written: listen before sending
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        });
        // like a browser: send everything, whatever the server says meanwhile
        req.end(multipart.body);
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({
        code: 'upload_too_large',
        detail: expect.stringContaining('976 KB'),
      });
    } finally {
      await small.stop();
    }
  });
});
