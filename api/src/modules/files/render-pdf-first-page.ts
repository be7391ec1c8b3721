import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const pdfjsPath = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
/** pdf.js reads the 14 standard fonts from the package's own folder: nothing is fetched. */
const standardFonts = join(dirname(pdfjsPath), '..', '..', 'standard_fonts') + '/';

/**
 * The worker's code, plain CommonJS run with `eval` so the same text works from the built
 * `dist/` and from the tests' TypeScript. pdf.js renders page 1 onto an @napi-rs/canvas canvas
 * (its Node canvas factory) on white, scaled so the longer side is `edge` pixels, and posts
 * PNG bytes back. No eval of PDF content, no system or web fonts, no network.
 */
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(workerData.pdfjsUrl);
  const pdf = await pdfjs.getDocument({
    data: workerData.bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
    standardFontDataUrl: workerData.standardFonts, verbosity: 0,
  }).promise;
  const page = await pdf.getPage(1);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: workerData.edge / Math.max(base.width, base.height, 1) });
  const { canvas, context } = pdf.canvasFactory.create(
    Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, viewport }).promise;
  const png = canvas.toBuffer('image/png');
  parentPort.postMessage({ png, width: canvas.width, height: canvas.height });
  await pdf.destroy();
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error).slice(0, 200) }));
`;

export type TRenderedPage = { png: Buffer; width: number; height: number };

/**
 * Renders a PDF's first page in a worker thread, so a slow or hostile PDF never blocks the
 * event loop: the worker has a heap limit and is stopped after `timeoutMs`. Rejects with
 * `timed_out` or `unreadable`.
 */
export function renderPdfFirstPage(bytes: Buffer, edge: number, timeoutMs = 20_000): Promise<TRenderedPage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode, {
      eval: true,
      workerData: { bytes: new Uint8Array(bytes), edge, pdfjsUrl: pathToFileURL(pdfjsPath).href, standardFonts },
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    // pdf.js may warn on the console: read and dropped, never in the server's log
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new Error('timed_out'))), timeoutMs);
    worker.on('message', (m: { png?: Uint8Array; width?: number; height?: number; error?: string }) => {
      if (m.png && m.width && m.height) {
        const page = { png: Buffer.from(m.png), width: m.width, height: m.height };
        finish(() => resolve(page));
      } else finish(() => reject(new Error('unreadable')));
    });
    worker.on('error', () => finish(() => reject(new Error('unreadable'))));
    worker.on('exit', () => finish(() => reject(new Error('unreadable'))));
  });
}
