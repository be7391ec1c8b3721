import { request as httpRequest } from 'node:http';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { createPartHeaderScanner } from '../src/modules/files/scan-part-headers.js';
import { bearer, createFirm, createMatter } from './support/fixtures.js';
import { sendPartialUpload } from './support/multipart.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;
let channel: string;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
  channel = (
    await app.http.post('/api/v1/conversations').set(bearer(f.member.token)).send({ kind: 'channel', name: 'names' })
  ).body.id;
});
afterAll(() => app.stop());

/**
 * A multipart body written byte for byte: each part's Content-Disposition is sent exactly as
 * given, as a raw client would (no escaping of quotes or line breaks).
 */
function rawMultipart(parts: Array<{ disposition: string; content: string }>) {
  const boundary = '----confer-raw-names';
  const body = Buffer.concat([
    ...parts.map((p) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${p.disposition}\r\nContent-Type: text/plain\r\n\r\n${p.content}\r\n`,
        'utf8',
      ),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { boundary, body };
}

function post(path: string, token: string, multipart: { boundary: string; body: Buffer }) {
  return new Promise<{ status: number; body: { code?: string; detail?: string; files?: Array<{ name: string }> } }>(
    (resolve, reject) => {
      const req = httpRequest(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          ...bearer(token),
          'Content-Type': `multipart/form-data; boundary=${multipart.boundary}`,
          'Content-Length': String(multipart.body.length),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(multipart.body);
    },
  );
}

const count = async (table: 'messages' | 'documents' | 'pending_uploads', firmId: string) =>
  (
    await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from ${sql.raw(table)} where firm_id = ${firmId}`,
    )
  )[0]!.n;

async function blobsOf(firmId: string) {
  const names: string[] = [];
  for await (const b of app.blobs.container.listBlobsFlat({ prefix: `${firmId}/`, includeUncommitedBlobs: true })) {
    names.push(b.name);
  }
  return names;
}

describe('file names a multipart parser cannot read', () => {
  test.each([
    ['a raw double quote', 'form-data; name="files"; filename="Offer "final".pdf"', 'Offer "final".pdf'],
    ['a raw CR/LF', 'form-data; name="files"; filename="Offer\r\nfinal.pdf"', 'Offer\\r\\nfinal.pdf'],
    ['a raw LF', 'form-data; name="files"; filename="Offer\nfinal.pdf"', 'Offer\\nfinal.pdf'],
  ])(
    'when a message is sent with a file whose name holds %s, then 400 names the file and nothing is sent or kept',
    async (_label, disposition, shown) => {
      const messagesBefore = await count('messages', f.firm.id);
      const documentsBefore = await count('documents', f.firm.id);
      const res = await post(
        `/api/v1/conversations/${channel}/uploads`,
        f.member.token,
        rawMultipart([
          { disposition: 'form-data; name="body"', content: 'Here is the signed offer' },
          { disposition: 'form-data; name="files"; filename="cover.txt"', content: 'cover letter' },
          { disposition, content: 'the offer itself' },
        ]),
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('unreadable_file_name');
      expect(res.body.detail).toContain(shown);
      expect(await count('messages', f.firm.id)).toBe(messagesBefore);
      expect(await count('documents', f.firm.id)).toBe(documentsBefore);
      expect(await count('pending_uploads', f.firm.id)).toBe(0);
      expect(await blobsOf(f.firm.id)).toEqual([]);
    },
  );

  test('when a matter upload holds a part the parser would skip, then 400 and no document', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const res = await post(
      `/api/v1/matters/${matter}/documents`,
      f.member.token,
      rawMultipart([
        { disposition: 'form-data; name="files"; filename="ok.txt"', content: 'fine' },
        { disposition: 'form-data; name="files"; filename="x"y.txt"', content: 'dropped before' },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('x"y.txt');
    expect((await app.http.get(`/api/v1/matters/${matter}/documents`).set(bearer(f.member.token))).body.items).toEqual(
      [],
    );
  });

  test('when a body is cut short inside a part header, then it is a malformed body, not a file name', async () => {
    const multipart = rawMultipart([
      { disposition: 'form-data; name="files"; filename="first.txt"', content: 'one' },
      { disposition: 'form-data; name="files"; filename="second-file-with-a-long-name.txt"', content: 'two' },
    ]);
    const cut = multipart.body.indexOf('second-file') + 6;
    const res = await sendPartialUpload(
      `${app.baseUrl}/api/v1/conversations/${channel}/uploads`,
      bearer(f.member.token),
      multipart,
      cut,
      'truncate',
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body!).code).toBe('malformed_multipart');
  });

  test('when quotes and line breaks are escaped as browsers and curl do, then the file is kept under a sanitised name', async () => {
    const res = await post(
      `/api/v1/conversations/${channel}/uploads`,
      f.member.token,
      rawMultipart([
        { disposition: 'form-data; name="body"', content: 'escaped names' },
        { disposition: 'form-data; name="files"; filename="Offer \\"final\\".pdf"', content: 'one' },
        { disposition: 'form-data; name="files"; filename="Offer%22final%22.pdf"', content: 'two' },
        { disposition: 'form-data; name="files"; filename*=UTF-8\'\'Line%0D%0Abreak%22.txt', content: 'three' },
      ]),
    );
    expect(res.status).toBe(201);
    expect(res.body.files!.map((file) => file.name)).toEqual([
      'Offer _final_.pdf',
      'Offer%22final%22.pdf',
      'Linebreak_.txt',
    ]);
  });
});

describe('the part header scanner', () => {
  test('when a body arrives one byte at a time, then every part header is seen and file contents are not', () => {
    const { boundary, body } = rawMultipart([
      { disposition: 'form-data; name="body"', content: 'Content-Disposition: form-data; name="fake"' },
      { disposition: 'form-data; name="files"; filename="a"b.txt"', content: `--${'x'.repeat(70)}\r\n\r\n` },
      { disposition: 'form-data; name="files"; filename="c.txt"', content: '' },
    ]);
    const scanner = createPartHeaderScanner(boundary);
    for (const byte of body) scanner.push(Buffer.from([byte]));
    expect(scanner.blocks()).toEqual([
      'Content-Disposition: form-data; name="body"\r\nContent-Type: text/plain',
      'Content-Disposition: form-data; name="files"; filename="a"b.txt"\r\nContent-Type: text/plain',
      'Content-Disposition: form-data; name="files"; filename="c.txt"\r\nContent-Type: text/plain',
    ]);
  });
});
