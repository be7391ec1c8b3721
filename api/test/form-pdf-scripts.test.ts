import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { bearer, createFirm } from './support/fixtures.js';
import { asBuffer, signedInClient } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app, 'Harbour & Vale LLP');
});
afterAll(() => app.stop());

const staff = (method: 'get' | 'post', path: string, body?: object) =>
  app.http[method](`/api/v1${path}`).set(bearer(f.member.token)).send(body);

type TTextItem = { str: string; dir: string; transform: number[]; width: number };

/** The text a PDF reader extracts, page by page, with where each piece is drawn. */
async function extractText(pdf: Buffer): Promise<TTextItem[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 }).promise;
  const items: TTextItem[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    items.push(...(content.items as TTextItem[]).filter((i) => i.str !== undefined));
  }
  await doc.destroy();
  return items;
}

/**
 * Each drawn line's text in reading order. A reader extracts each run (one font, one
 * direction) in logical order; a right-to-left line's runs are read from the right. Spaces are
 * dropped: readers differ on them between runs, and the order of everything else is the test.
 */
function linesOf(items: TTextItem[]): Array<{ ltr: string; rtl: string }> {
  const byBaseline = new Map<number, TTextItem[]>();
  for (const item of items) {
    const y = Math.round(item.transform[5]!);
    byBaseline.set(y, [...(byBaseline.get(y) ?? []), item]);
  }
  return [...byBaseline.values()].map((line) => {
    const sorted = [...line].sort((a, b) => a.transform[4]! - b.transform[4]!);
    const join = (list: TTextItem[]) =>
      list
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, '');
    return { ltr: join(sorted), rtl: join([...sorted].reverse()) };
  });
}
const noSpaces = (text: string) => text.replace(/\s+/g, '');

/** The glyph ids of each `<hex> Tj` text run in the first page's content stream. */
async function glyphRuns(pdf: Buffer): Promise<string[][]> {
  const doc = await PDFDocument.load(pdf);
  const contents = doc.getPage(0).node.Contents();
  const parts = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  const streams = parts.filter((part): part is PDFRawStream => part instanceof PDFRawStream);
  const text = streams.map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1')).join('\n');
  return [...text.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((m) => m[1]!.match(/.{4}/g) ?? []);
}

const answers = {
  greek: 'Καλημέρα, είμαι η Ελένη Παπαδοπούλου',
  cyrillic: 'Здравствуйте, меня зовут Иван Петров',
  arabic: 'مرحبا، اسمي محمد علي',
  hebrew: 'שלום, שמי דוד לוי',
  cjk: '你好，我叫王小明。こんにちは',
  mixed: 'My landlord is محمد علي and his office is at 12 שדרות רוטשילד',
  shaping: 'ممممم',
};

describe('intake form PDFs in every script', () => {
  test('when answers are in Greek, Cyrillic, Arabic, Hebrew and CJK, then the PDF draws them and a reader extracts them back in order', async () => {
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Nour' });
    const form = await staff('post', '/forms', {
      title: 'Αίτηση – Заявление – طلب',
      fields: Object.keys(answers).map((key) => ({ key, label: `Answer ${key}`, type: 'long_text', required: true })),
    });
    expect(form.status).toBe(201);
    const request = await staff('post', `/matters/${client.matterId}/form-requests`, {
      formId: form.body.id,
      contactId: client.contact.id,
    });
    const submitted = await client.session.post(`/forms/${request.body.id}/submit`, { answers });
    expect(submitted.status).toBe(200);
    const docs = (await staff('get', `/matters/${client.matterId}/documents`)).body.items as Array<{
      id: string;
      latest: { id: string; size: number };
    }>;
    const pdfDoc = docs.find((d) => d.id === submitted.body.documents.pdfDocumentId)!;
    const pdf = (await app.http.get(`/api/v1/files/${pdfDoc.latest.id}`).set(bearer(f.member.token)).parse(asBuffer))
      .body as Buffer;
    // the fonts are subsets: the CJK font alone is 8 MB whole
    expect(pdf.length).toBeLessThan(400 * 1024);

    const items = await extractText(pdf);
    const lines = linesOf(items);
    const readsLtr = (text: string) => lines.some((l) => l.ltr === noSpaces(text));
    const readsRtl = (text: string) => lines.some((l) => l.rtl === noSpaces(text));
    expect(readsLtr('Αίτηση – Заявление – طلب')).toBe(true);
    for (const text of [answers.greek, answers.cyrillic, answers.cjk, answers.mixed]) expect(readsLtr(text)).toBe(true);
    // right-to-left paragraphs: every run, and the runs in order, read right to left
    for (const text of [answers.arabic, answers.hebrew, answers.shaping]) expect(readsRtl(text)).toBe(true);
    expect(items.some((i) => i.str.includes('?'))).toBe(false);
    // right-to-left paragraphs are right-aligned; left-to-right ones start at the margin
    const arabic = items.find((i) => i.str === answers.arabic)!;
    const greek = items.find((i) => i.str === answers.greek)!;
    expect(arabic.dir).toBe('rtl');
    expect(arabic.transform[4]! + arabic.width).toBeCloseTo(595.28 - 56, 0);
    expect(greek.transform[4]).toBeCloseTo(56, 0);

    // Arabic is shaped: five meems drawn as initial, medial (×3) and final forms, not five isolated ones
    const fiveGlyphRuns = (await glyphRuns(pdf)).filter((run) => run.length === 5);
    expect(fiveGlyphRuns.some((run) => new Set(run).size === 3 && run[1] === run[2] && run[2] === run[3])).toBe(true);
  }, 60_000);
});
