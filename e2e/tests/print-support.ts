import { expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Watches the browser's print dialog in a context: every `window.print()` (in the page or any
 * frame) is recorded in the top window with the printing document's URL and type, then the real
 * print runs. Blob URLs the page creates are hashed as they are made, so a test can check which
 * bytes were handed to the print dialog.
 */
export async function watchPrinting(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type Printed = { href: string; type: string };
    const top = window.top as unknown as { __printed?: Printed[]; __hashes?: Map<string, string> };
    const hex = (buffer: ArrayBuffer) =>
      [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      // hashed now, so reading what was printed needs no work in a page a PDF print may tear down
      if (object instanceof Blob) {
        void object
          .arrayBuffer()
          .then((bytes) => crypto.subtle.digest('SHA-256', bytes))
          .then((digest) => (top.__hashes ??= new Map()).set(url, hex(digest)));
      }
      return url;
    };
    const print = window.print.bind(window);
    window.print = () => {
      // An image is printed alone on a blank page: what is printed is that image's blob.
      const href = location.href === 'about:blank' ? (document.images[0]?.src ?? location.href) : location.href;
      const type = location.href === 'about:blank' && document.images[0] ? 'image' : document.contentType;
      top.__printed = [...(top.__printed ?? []), { href, type }];
      print();
    };
  });
}

type TPrinted = { type: string; sha256: string | null };

/**
 * Waits until `count` documents were printed in the page and returns them: each one's type and
 * the SHA-256 of the blob it showed (null when it was no blob). One quick read per try: headless
 * Chromium tears a page's renderer down soon after it prints a PDF.
 */
export async function waitForPrinted(page: Page, count: number): Promise<TPrinted[]> {
  let printed: TPrinted[] = [];
  await expect
    .poll(async () => {
      printed = await page.evaluate(() => {
        const top = window as unknown as {
          __printed?: Array<{ href: string; type: string }>;
          __hashes?: Map<string, string>;
        };
        return (top.__printed ?? []).map((p) => ({
          type: p.type,
          sha256: p.href.startsWith('blob:') ? (top.__hashes?.get(p.href) ?? 'hashing') : null,
        }));
      });
      return printed.some((p) => p.sha256 === 'hashing') ? -1 : printed.length;
    })
    .toBe(count);
  return printed;
}
