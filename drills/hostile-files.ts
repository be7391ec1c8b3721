// Drill 8, hostile files: a client uploads files whose extension and content disagree, HTML
// and SVG with script, names with ../ and control or right-to-left characters, a zip bomb,
// the EICAR test string, 100 MB + 1 byte, and 131 files. Each is refused or neutralised: the
// limits refuse with 413 and leave nothing; everything kept is stored as sent (never expanded),
// under a clean name, and served with nosniff, as an attachment unless it is a real PDF or
// image (then inline only in a CSP sandbox). Headless Chromium opens every download and
// preview on the product's origin, as staff and as the client: no uploaded script runs (it
// would log, alert, retitle the page or call back to the API). Content-Disposition carries
// exactly one clean name, whatever the name was.
import { deflateRawSync, crc32 } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { runDrill, sleep } from './lib/drill.js';
import { codeOf } from './lib/http.js';
import { externalConversation, signInContact, type PortalSession } from './lib/portal.js';
import { chromiumPath } from './lib/settings.js';
import { demo, expectStatus, startStack, type Stack } from './lib/stack.js';

const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const beacon = (id: string) => `/api/drill-xss-beacon-${id}`;
const script = (id: string) =>
  `console.log('DRILL-XSS-${id}');document.title='DRILL-XSS-${id}';fetch('${beacon(id)}').catch(()=>{});try{alert('DRILL-XSS-${id}')}catch(e){}`;
const pngHeader = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1e1a40000000049454e44ae426082',
  'hex',
);

/** A one-entry zip whose member inflates to `inflated` bytes of zeros (a zip bomb, ~1000:1). */
function zipBomb(inflated: number): Buffer {
  const zeros = Buffer.alloc(inflated);
  const data = deflateRawSync(zeros, { level: 9 });
  const name = Buffer.from('zeros.bin');
  const crc = crc32(zeros);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(inflated, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(inflated, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

type THostile = { id: string; name: string; content: Buffer; mime: string; expectName?: (name: string) => boolean };

const hostileFiles = (): THostile[] => [
  {
    id: 'html-as-pdf',
    name: 'invoice.pdf',
    content: Buffer.from(`<html><body><script>${script('html-as-pdf')}</script></body></html>`),
    mime: 'application/pdf',
  },
  {
    id: 'html',
    name: 'statement.html',
    content: Buffer.from(
      `<!doctype html><script>${script('html')}</script><img src=x onerror="${script('html-img')}">`,
    ),
    mime: 'text/html',
  },
  {
    id: 'svg',
    name: 'logo.svg',
    content: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" onload="${script('svg')}"><script>${script('svg-script')}</script><circle r="5"/></svg>`,
    ),
    mime: 'image/svg+xml',
  },
  {
    id: 'png-html',
    name: 'photo.png',
    content: Buffer.concat([pngHeader, Buffer.from(`<script>${script('png-html')}</script>`)]),
    mime: 'image/png',
  },
  {
    id: 'html-as-png',
    name: 'scan.png',
    content: Buffer.from(`<html><script>${script('html-as-png')}</script></html>`),
    mime: 'image/png',
  },
  {
    id: 'xhtml',
    name: 'page.xhtml',
    content: Buffer.from(`<html xmlns="http://www.w3.org/1999/xhtml"><script>${script('xhtml')}</script></html>`),
    mime: 'application/xhtml+xml',
  },
  {
    id: 'traversal',
    name: '../../../../etc/passwd',
    content: Buffer.from('root:x:0:0'),
    mime: 'text/plain',
    expectName: (n) => n === 'passwd',
  },
  {
    id: 'windows-traversal',
    name: '..\\..\\windows\\win.ini',
    content: Buffer.from('[fonts]'),
    mime: 'text/plain',
    expectName: (n) => n === 'win.ini',
  },
  {
    id: 'control',
    name: 'report\u0007\u001b[31m\u0085.txt',
    content: Buffer.from('bell'),
    mime: 'text/plain',
    expectName: (n) => !/[\p{Cc}]/u.test(n),
  },
  {
    id: 'nul',
    name: 'nul\u0000byte.txt',
    content: Buffer.from('nul'),
    mime: 'text/plain',
    expectName: (n) => !/[\p{Cc}]/u.test(n),
  },
  {
    id: 'rtl',
    name: 'invoice\u202Egpj.exe',
    content: Buffer.from('MZ'),
    mime: 'application/octet-stream',
    expectName: (n) => !/[\u202A-\u202E\u2066-\u2069]/.test(n),
  },
  { id: 'zip-bomb', name: 'archive.zip', content: zipBomb(100 * 1024 * 1024), mime: 'application/zip' },
  { id: 'eicar', name: 'eicar.com', content: Buffer.from(eicar), mime: 'application/octet-stream' },
];

/** Names that try to break out of Content-Disposition (each is sent in a multipart filename). */
const injectedNames = [
  'quote"; filename="evil.exe.txt',
  'semi; filename=evil.exe.txt',
  'crlf\r\nSet-Cookie: x=1.txt',
  'encoded%0d%0aX-Injected: 1.txt',
  "star*=UTF-8''evil.exe.txt",
  'résumé – naïve 名前.txt',
  'back\\slash.txt',
];

/**
 * The same names written into the multipart part's own header the ways a client may: a
 * backslash-escaped quote, RFC 5987 `filename*` with an encoded quote or CR/LF (decoded by the
 * server to the raw characters), and a semicolon inside the quoted name.
 */
const rawNameParams = [
  'filename="quote\\"; filename=\\"evil.exe.txt"',
  "filename*=UTF-8''quote%22%3B%20filename%3D%22evil.exe.txt",
  "filename*=UTF-8''crlf%0D%0ASet-Cookie%3A%20x%3D1.txt",
  'filename="semi; filename=evil.exe.txt"',
  'filename="say "hi".txt"',
  'filename="crlf\r\nX-Injected: 1.txt"',
];

function rawMultipart(nameParams: string, body: string): { data: Uint8Array; contentType: string } {
  const b = `drill${Date.now().toString(36)}`;
  const text =
    `--${b}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${body}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="files"; ${nameParams}\r\nContent-Type: text/plain\r\n\r\n` +
    `named file\r\n--${b}--\r\n`;
  return { data: new TextEncoder().encode(text), contentType: `multipart/form-data; boundary=${b}` };
}

function dispositionProblems(header: string | null): string[] {
  if (!header) return ['missing'];
  const problems: string[] = [];
  if (/[\r\n]/.test(header)) problems.push('line break');
  const params = header.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((p) => p.trim());
  if (!/^(attachment|inline)$/.test(params[0] ?? '')) problems.push(`type ${params[0]}`);
  const names = params.filter((p) => /^filename=/i.test(p));
  const starNames = params.filter((p) => /^filename\*=/i.test(p));
  if (names.length !== 1 || starNames.length !== 1)
    problems.push(`${names.length} filename, ${starNames.length} filename*`);
  if (params.length !== 3) problems.push(`${params.length} parameters`);
  if (names[0] && !/^filename="[^"\\]*"$/.test(names[0])) problems.push('filename not one quoted string');
  return problems;
}

async function portalUpload(
  stack: Stack,
  session: PortalSession,
  conversationId: string,
  files: Array<{ name: string; content: Buffer; mime: string }>,
  body = '',
) {
  const form = new FormData();
  if (body) form.append('body', body);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.content)], { type: f.mime }), f.name);
  return stack.api.call('POST', `/api/portal/v1/conversations/${conversationId}/uploads`, {
    cookie: session.cookie,
    csrf: session.csrf,
    form,
    timeoutMs: 300_000,
  });
}

await runDrill(
  'hostile-files',
  { budgetMs: 12 * 60_000, description: 'hostile uploads, the limits, and every download opened in headless Chromium' },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    const email = 'hostile.client@mail.example';
    const setup = await externalConversation(stack, token, { contacts: [{ name: 'Hostile Client', email }] });
    const session = await signInContact(stack, email);

    // 1. the hostile files, each in its own message
    const kept: Array<THostile & { versionId: string; storedName: string; size: number; contentType: string }> = [];
    const refusedHostile: string[] = [];
    for (const f of hostileFiles()) {
      d.assertTime(`upload ${f.id}`);
      const a = await portalUpload(stack, session, setup.conversationId, [f], `File ${f.id}`);
      if (a.status !== 201) {
        refusedHostile.push(`${f.id}: ${a.status} ${codeOf(a)}`);
        continue;
      }
      const file = a.json.files?.[0];
      if (!file) {
        refusedHostile.push(`${f.id}: 201 without the file`);
        continue;
      }
      kept.push({
        ...f,
        versionId: file.versionId,
        storedName: file.name,
        size: file.size,
        contentType: file.contentType,
      });
    }
    d.figure(
      'hostile_kept',
      kept.map((k) => `${k.id} → "${k.storedName}" ${k.contentType} ${k.size} B`),
    );
    if (refusedHostile.length) d.figure('hostile_refused', refusedHostile);
    const badNames = kept
      .filter((k) => k.expectName && !k.expectName(k.storedName))
      .map((k) => `${k.id}: ${JSON.stringify(k.storedName)}`);
    d.check('names_not_cleaned', badNames, badNames.length === 0, 'none (no path, control or bidi characters)');
    const expanded = kept.filter((k) => k.size !== k.content.length).map((k) => k.id);
    d.check(
      'stored_not_as_sent',
      expanded,
      expanded.length === 0,
      'none (zip bomb kept compressed, nothing rewritten)',
    );

    // 2. the limits: 100 MB + 1 byte, and 131 files; each refused whole, nothing left behind
    const filesBefore = expectStatus(
      await session.call('GET', `/conversations/${setup.conversationId}/files`),
      200,
      'files',
    ).json.items.length;
    const tooBig = await portalUpload(
      stack,
      session,
      setup.conversationId,
      [{ name: 'big.bin', content: Buffer.alloc(100 * 1024 * 1024 + 1, 7), mime: 'application/octet-stream' }],
      'Too big',
    );
    const tooMany = await portalUpload(
      stack,
      session,
      setup.conversationId,
      Array.from({ length: 131 }, (_, i) => ({
        name: `f${i}.txt`,
        content: Buffer.from(`file ${i}`),
        mime: 'text/plain',
      })),
      'Too many',
    );
    await sleep(1000);
    const filesAfter = expectStatus(
      await session.call('GET', `/conversations/${setup.conversationId}/files`),
      200,
      'files',
    ).json.items.length;
    const messages = expectStatus(
      await session.call('GET', `/conversations/${setup.conversationId}/messages?limit=100`),
      200,
      'messages',
    ).json.items as Array<{ body: string }>;
    d.check(
      'limit_answers',
      [`${tooBig.status} ${codeOf(tooBig)}`, `${tooMany.status} ${codeOf(tooMany)}`],
      tooBig.status === 413 && tooMany.status === 413,
      '413 and 413',
    );
    const leftovers =
      filesAfter - filesBefore + messages.filter((m) => m.body === 'Too big' || m.body === 'Too many').length;
    d.check('left_behind_by_refused_uploads', leftovers, leftovers === 0, '0 files, 0 messages');

    // 3. names that try to inject into Content-Disposition
    const dispositionResults: string[] = [];
    const namings = [
      ...injectedNames.map((name) => ({
        label: JSON.stringify(name),
        send: (body: string) =>
          portalUpload(
            stack,
            session,
            setup.conversationId,
            [{ name, content: Buffer.from(name), mime: 'text/plain' }],
            body,
          ),
      })),
      ...rawNameParams.map((params) => ({
        label: `raw ${params}`,
        send: (body: string) =>
          stack.api.call('POST', `/api/portal/v1/conversations/${setup.conversationId}/uploads`, {
            cookie: session.cookie,
            csrf: session.csrf,
            raw: rawMultipart(params, body),
          }),
      })),
    ];
    const storedNames: string[] = [];
    for (const naming of namings) {
      const a = await naming.send(`Name test ${dispositionResults.length} ${naming.label.length}`);
      if (a.status !== 201) {
        dispositionResults.push(`${naming.label}: refused ${a.status} ${codeOf(a)}`);
        continue;
      }
      const file = a.json.files?.[0];
      if (!file) {
        dispositionResults.push(`${naming.label}: 201 but the file was dropped`);
        continue;
      }
      storedNames.push(`${naming.label} → ${JSON.stringify(file.name)}`);
      const download = await stack.api.call('GET', `/api/v1/files/${file.versionId}`, { token });
      if (download.status !== 200) dispositionResults.push(`${naming.label}: download answered ${download.status}`);
      const problems = dispositionProblems(download.headers.get('content-disposition'));
      if (problems.length) dispositionResults.push(`${naming.label}: ${problems.join(', ')}`);
      if (download.headers.get('x-injected') || download.headers.getSetCookie().some((c) => c.startsWith('x='))) {
        dispositionResults.push(`${naming.label}: injected header`);
      }
    }
    d.figure('names_kept', storedNames);
    const injected = dispositionResults.filter((r) => !/refused 400/.test(r));
    d.check(
      'content_disposition_problems',
      dispositionResults,
      injected.length === 0,
      'none (refused with 400, or one clean quoted name)',
      dispositionResults.some((r) => /dropped/.test(r)) ? '19.12' : undefined,
    );

    // 4. every kept hostile file, downloaded and previewed on the product's origin in Chromium
    const headerProblems: string[] = [];
    for (const k of kept) {
      for (const inline of [false, true]) {
        const a = await stack.api.call('GET', `/api/v1/files/${k.versionId}${inline ? '?inline=1' : ''}`, { token });
        if (a.status !== 200) headerProblems.push(`${k.id}: answered ${a.status}`);
        const type = a.headers.get('content-type') ?? '';
        const disposition = a.headers.get('content-disposition') ?? '';
        const sandboxed = /(^|;)\s*sandbox/.test(a.headers.get('content-security-policy') ?? '');
        if (a.headers.get('x-content-type-options') !== 'nosniff') headerProblems.push(`${k.id}: no nosniff`);
        if (
          disposition.startsWith('inline') &&
          (!sandboxed || !/^(application\/pdf|image\/(png|jpeg|gif|webp))/.test(type))
        ) {
          headerProblems.push(`${k.id}: inline as ${type}${sandboxed ? '' : ' without sandbox'}`);
        }
        if (/html|svg|xml|javascript/i.test(type)) headerProblems.push(`${k.id}: served as ${type}`);
      }
    }
    d.check(
      'download_header_problems',
      headerProblems,
      headerProblems.length === 0,
      'none (nosniff; inline only PDF/images in a sandbox)',
    );

    let browser: Browser | undefined;
    const executed: string[] = [];
    let opened = 0;
    let controlSeen = false;
    const notOpened: string[] = [];
    try {
      browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
      d.onCleanup(() => browser?.close());
      for (const as of ['staff', 'client'] as const) {
        const context = await browser.newContext({
          acceptDownloads: true,
          // the client's session cookie as the browser would send it (a __Host- cookie cannot be set over CDP for http)
          extraHTTPHeaders: as === 'staff' ? { authorization: `Bearer ${token}` } : { cookie: session.cookie },
        });
        const page = await context.newPage();
        page.on('console', (m) => {
          if (m.text().includes('DRILL-XSS-control')) controlSeen = true;
          else if (m.text().includes('DRILL-XSS')) executed.push(`${as}: console ${m.text()}`);
        });
        page.on('dialog', (dialog) => {
          if (!dialog.message().includes('control')) executed.push(`${as}: dialog ${dialog.message()}`);
          void dialog.dismiss();
        });
        // the detector works: the same payload on a page of its own (not the product) is seen
        await page.setContent(`<script>${script('control').replace(/fetch\([^)]*\)/, 'Promise.resolve()')}</script>`);
        await sleep(200);
        await page.goto('about:blank');
        for (const k of kept) {
          for (const inline of [false, true]) {
            const path = as === 'staff' ? `/api/v1/files/${k.versionId}` : `/api/portal/v1/files/${k.versionId}`;
            const url = `${stack.confer.origin}${path}${inline ? '?inline=1' : ''}`;
            const download = page.waitForEvent('download', { timeout: 3000 }).catch(() => undefined);
            const response = await page.goto(url, { timeout: 15_000 }).catch(() => undefined); // a download aborts navigation
            const got = response ? response.status() : (await download) ? 200 : 0;
            if (got !== 200) notOpened.push(`${as}: ${k.id}${inline ? ' inline' : ''} answered ${got}`);
            await sleep(300);
            opened += 1;
            const title = await page.title().catch(() => '');
            if (title.includes('DRILL-XSS')) executed.push(`${as}: title ${title}`);
          }
        }
        await context.close();
      }
    } catch (error) {
      d.check('chromium_ran', (error as Error).message.slice(0, 200), false, `headless Chromium at ${chromiumPath}`);
    }
    await sleep(500);
    const beacons = stack.confer.logLines.filter((l) => l.includes('/api/drill-xss-beacon-')).length;
    d.figure('pages_opened_in_chromium', opened);
    d.check(
      'downloads_not_served_to_chromium',
      notOpened,
      notOpened.length === 0,
      'none (every download and preview answered 200)',
    );
    d.check(
      'detector_saw_the_control_script',
      controlSeen,
      controlSeen,
      'true (the same payload runs on a blank page)',
    );
    d.check(
      'scripts_executed_on_the_origin',
      [...executed, ...(beacons ? [`${beacons} beacon request(s)`] : [])],
      executed.length === 0 && beacons === 0 && opened > 0,
      '0',
    );
  },
);
