import type { PreviewKind } from './file-preview.js';

/** The frame of the last print: kept until the next one, since browsers print from it after print() returns. */
let lastPrint: { frame: HTMLIFrameElement; url: string } | null = null;

function clearLastPrint() {
  if (!lastPrint) return;
  lastPrint.frame.remove();
  URL.revokeObjectURL(lastPrint.url);
  lastPrint = null;
}

/**
 * Opens the browser's print dialog for a file itself (not the page around it): a PDF is
 * loaded from a blob URL into a hidden frame of our origin and printed by the browser's PDF
 * viewer; an image is placed alone on a blank page of a hidden frame. Resolves once the
 * dialog was asked for. The frame stays until the next print (removing it while the browser
 * still prepares the printout would cancel it).
 */
export function printFile(
  blob: Blob,
  file: { kind: Extract<PreviewKind, 'pdf' | 'image'>; contentType: string; title: string },
): Promise<void> {
  clearLastPrint();
  const { kind, title } = file;
  // Downloads arrive as application/octet-stream: the frame must know what it shows.
  const url = URL.createObjectURL(new Blob([blob], { type: file.contentType }));
  const frame = document.createElement('iframe');
  frame.title = `Printing ${title}`;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  lastPrint = { frame, url };
  const print = () => {
    const target = frame.contentWindow;
    if (!target) throw new Error('The print frame did not open');
    target.focus();
    target.print();
  };
  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      clearLastPrint();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const run = () => {
      try {
        print();
        resolve();
      } catch (error) {
        fail(error);
      }
    };
    if (kind === 'pdf') {
      frame.addEventListener('load', run, { once: true });
      frame.src = url;
      document.body.appendChild(frame);
      return;
    }
    document.body.appendChild(frame);
    const page = frame.contentDocument;
    if (!page) {
      fail(new Error('The print frame did not open'));
      return;
    }
    page.title = title;
    const style = page.createElement('style');
    style.textContent =
      '@page{margin:12mm}html,body{margin:0;height:100%}img{display:block;max-width:100%;max-height:100%;margin:0 auto;object-fit:contain}';
    page.head.appendChild(style);
    const image = page.createElement('img');
    image.alt = title;
    image.addEventListener('load', run, { once: true });
    image.addEventListener('error', () => fail(new Error('The image could not be loaded for printing')), {
      once: true,
    });
    image.src = url;
    page.body.appendChild(image);
  });
}

/** Saves a blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
