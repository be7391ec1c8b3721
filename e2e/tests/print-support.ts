import type { BrowserContext, Page } from '@playwright/test';

/**
 * Watches the browser's print dialog in a context: every `window.print()` (in the page or any
 * frame) is recorded in the top window with the printing document's URL and type, then the real
 * print runs. Blob URLs the page creates are remembered, so a test can check which bytes were
 * handed to the print dialog.
 */
export async function watchPrinting(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type Printed = { href: string; type: string };
    const top = window.top as unknown as { __printed?: Printed[]; __blobs?: Map<string, Blob> };
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      if (object instanceof Blob) {
        top.__blobs ??= new Map();
        top.__blobs.set(url, object);
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

/** What was printed so far: the document's type and the SHA-256 of the blob it showed (if any). */
export async function printedDocuments(page: Page): Promise<Array<{ type: string; sha256: string | null }>> {
  return page.evaluate(async () => {
    const top = window as unknown as {
      __printed?: Array<{ href: string; type: string }>;
      __blobs?: Map<string, Blob>;
    };
    const hex = (buffer: ArrayBuffer) =>
      [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const out = [];
    for (const printed of top.__printed ?? []) {
      const blob = top.__blobs?.get(printed.href);
      out.push({
        type: printed.type,
        sha256: blob ? hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())) : null,
      });
    }
    return out;
  });
}
