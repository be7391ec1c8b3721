import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import bidiModule, { type Bidi } from 'bidi-js';
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

/**
 * Unicode text in PDFs: Noto fonts shipped as npm packages (SIL Open Font License), embedded
 * as subsets of the glyphs used, one per script: Noto Sans (Latin, Greek, Cyrillic), Noto
 * Naskh Arabic, Noto Sans Hebrew, Noto Sans SC (CJK: Chinese, and Japanese kana). Each
 * character takes the first font that draws it; spaces, digits and punctuation stay in the
 * font of the text around them. Lines are laid out with the Unicode bidirectional algorithm
 * (bidi-js): right-to-left runs are placed right to left, and fontkit shapes Arabic (joining
 * forms, ligatures) and reverses each right-to-left run into visual order. The ToUnicode map
 * pdf-lib writes keeps the text extractable and searchable. A character no font has (emoji)
 * becomes "?"; the CSV keeps the exact text.
 */

type TFamily = { pkg: string; regular: string; bold: string };
const families: TFamily[] = [
  { pkg: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { pkg: '@embedpdf/fonts-arabic', regular: 'NotoNaskhArabic-Regular.ttf', bold: 'NotoNaskhArabic-Bold.ttf' },
  { pkg: '@embedpdf/fonts-hebrew', regular: 'NotoSansHebrew-Regular.ttf', bold: 'NotoSansHebrew-Bold.ttf' },
  { pkg: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
];
export type TWeight = 'regular' | 'bold';

const require = createRequire(import.meta.url);
// a CommonJS module whose typings say ESM: its default export is the factory itself
const bidi = (bidiModule as unknown as () => Bidi)();

/** Font files are read and parsed once per process; every PDF embeds subsets of them. */
type TParsed = { bytes: Buffer; font: fontkit.Font };
const parsed = new Map<string, TParsed>();
const byBytes = new WeakMap<Uint8Array, fontkit.Font>();
function load(family: TFamily, weight: TWeight): TParsed {
  const path = join(dirname(require.resolve(family.pkg)), '..', 'fonts', family[weight]);
  let entry = parsed.get(path);
  if (!entry) {
    const bytes = readFileSync(path);
    entry = { bytes, font: fontkit.create(bytes) as fontkit.Font };
    parsed.set(path, entry);
    byBytes.set(bytes, entry.font);
  }
  return entry;
}

/**
 * fontkit 2 for pdf-lib, reusing the parsed fonts (the CJK font alone is 8 MB). pdf-lib's own
 * fork (@pdf-lib/fontkit 1.1) writes broken subsets of these Noto fonts (glyphs missing from
 * the TrueType ones, an invalid CFF for the CJK one); fontkit 2 writes them right, but encodes a
 * subset at once where pdf-lib expects fontkit 1's `encodeStream()`: this adapter provides it.
 */
const pdfLibFontkit = {
  create(bytes: Uint8Array) {
    const font = byBytes.get(bytes) ?? (fontkit.create(Buffer.from(bytes)) as fontkit.Font);
    return new Proxy(font, {
      get(target, property, receiver) {
        if (property !== 'createSubset') return Reflect.get(target, property, receiver) as unknown;
        return () => {
          const subset = target.createSubset();
          return Object.assign(subset, {
            encodeStream: () => {
              const handlers: Record<string, (value?: unknown) => void> = {};
              const stream = {
                on(event: string, handler: (value?: unknown) => void) {
                  handlers[event] = handler;
                  return stream;
                },
              };
              setImmediate(() => {
                try {
                  handlers.data?.(subset.encode());
                  handlers.end?.();
                } catch (error) {
                  handlers.error?.(error);
                }
              });
              return stream;
            },
          });
        };
      },
    });
  },
};

const sharedScript = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/** Which family draws each code point of `text` (index into `families`; -1: none). */
function familiesOf(text: string): number[] {
  const out: number[] = [];
  let previous = -1;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const has = (i: number) => i >= 0 && load(families[i]!, 'regular').font.hasGlyphForCodePoint(cp);
    const chosen = sharedScript.test(ch) && has(previous) ? previous : families.findIndex((_f, i) => has(i));
    out.push(chosen);
    if (chosen >= 0) previous = chosen;
  }
  return out;
}

/** The fonts a document's text needs, embedded as subsets; measuring and drawing go through it. */
export type TPdfFonts = {
  /** Width of a logical-order string, as drawn. */
  width(text: string, weight: TWeight, size: number): number;
  /** Breaks a paragraph into lines that fit `width`; right-to-left paragraphs are marked. */
  wrap(text: string, weight: TWeight, size: number, width: number): { lines: string[]; rtl: boolean };
  /** Draws one line in visual order, from `x` (right-aligned to `x + width` when `rtl`). */
  drawLine(
    page: PDFPage,
    line: string,
    at: { x: number; y: number; width: number; rtl: boolean; size: number; weight: TWeight; color: RGB },
  ): void;
};

/**
 * Embeds what the document's text needs: only the fonts (and weights) some character uses,
 * each as a subset of the glyphs drawn. (A CFF font subset to no glyph at all cannot be
 * written, so nothing unused is embedded.)
 */
export async function embedPdfFonts(pdf: PDFDocument, texts: Record<TWeight, string[]>): Promise<TPdfFonts> {
  pdf.registerFontkit(pdfLibFontkit as never);
  const embedded = new Map<string, PDFFont>();
  for (const weight of ['regular', 'bold'] as const) {
    const used = new Set<number>([0]);
    for (const text of texts[weight]) for (const f of familiesOf(text)) used.add(Math.max(f, 0));
    for (const index of used) {
      embedded.set(`${index}:${weight}`, await pdf.embedFont(load(families[index]!, weight).bytes, { subset: true }));
    }
  }
  const fontOf = (family: number, weight: TWeight) => {
    const font = embedded.get(`${Math.max(family, 0)}:${weight}`);
    if (!font) throw new Error('embedPdfFonts: text drawn that was not declared');
    return font;
  };

  /** Runs of one family, in logical order; characters no font has become "?". */
  const runsOf = (text: string) => {
    const runs: Array<{ family: number; text: string; start: number }> = [];
    let offset = 0;
    const chars = Array.from(text);
    familiesOf(text).forEach((family, i) => {
      const ch = family >= 0 ? chars[i]! : '?';
      const last = runs.at(-1);
      if (last && last.family === Math.max(family, 0)) last.text += ch;
      else runs.push({ family: Math.max(family, 0), text: ch, start: offset });
      offset += chars[i]!.length;
    });
    return runs;
  };

  const width = (text: string, weight: TWeight, size: number) =>
    runsOf(text).reduce((sum, run) => sum + fontOf(run.family, weight).widthOfTextAtSize(run.text, size), 0);

  const wrap = (paragraph: string, weight: TWeight, size: number, max: number) => {
    const text = paragraph.replace(/\t/g, '    ');
    const rtl = text.length > 0 && bidi.getEmbeddingLevels(text).paragraphs[0]!.level % 2 === 1;
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate, weight, size) <= max) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // a single word wider than the line is cut between characters
      let rest = Array.from(word);
      while (rest.length > 1 && width(rest.join(''), weight, size) > max) {
        let cut = rest.length - 1;
        while (cut > 1 && width(rest.slice(0, cut).join(''), weight, size) > max) cut -= 1;
        lines.push(rest.slice(0, cut).join(''));
        rest = rest.slice(cut);
      }
      line = rest.join('');
    }
    lines.push(line);
    return { lines, rtl };
  };

  const drawLine: TPdfFonts['drawLine'] = (page, line, at) => {
    if (!line) return;
    const levels = bidi.getEmbeddingLevels(line, at.rtl ? 'rtl' : 'ltr');
    // runs of one family and one level, in logical order
    type TSegment = { text: string; level: number; family: number };
    const segments: TSegment[] = [];
    for (const run of runsOf(line)) {
      let offset = run.start;
      for (const ch of run.text) {
        const level = levels.levels[offset]!;
        const last = segments.at(-1);
        if (last && last.level === level && last.family === run.family) last.text += ch;
        else segments.push({ text: ch, level, family: run.family });
        offset += ch.length;
      }
    }
    // reorder (rule L2): from the highest level down to the lowest odd one, reverse every
    // sequence of segments at that level or above
    const highest = Math.max(...segments.map((s) => s.level));
    const lowestOdd = Math.max(1, Math.min(...segments.map((s) => (s.level % 2 === 1 ? s.level : s.level - 1))));
    for (let level = highest; level >= lowestOdd; level--) {
      for (let i = 0; i < segments.length;) {
        if (segments[i]!.level < level) {
          i += 1;
          continue;
        }
        let j = i;
        while (j < segments.length && segments[j]!.level >= level) j += 1;
        segments.splice(i, j - i, ...segments.slice(i, j).reverse());
        i = j;
      }
    }
    const strongRtl = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
    const visual = segments.map((s) => {
      if (s.level % 2 === 0 || strongRtl.test(s.text)) {
        // fontkit shapes a right-to-left script run and reverses it itself
        return s;
      }
      // a right-to-left run without right-to-left letters (brackets, dashes): reverse and mirror here
      const chars = Array.from(s.text).reverse();
      return { ...s, text: chars.map((c) => bidi.getMirroredCharacter(c) ?? c).join('') };
    });
    const total = visual.reduce((sum, s) => sum + fontOf(s.family, at.weight).widthOfTextAtSize(s.text, at.size), 0);
    let x = at.rtl ? at.x + at.width - total : at.x;
    for (const s of visual) {
      const font = fontOf(s.family, at.weight);
      page.drawText(s.text, { x, y: at.y, size: at.size, font, color: at.color });
      x += font.widthOfTextAtSize(s.text, at.size);
    }
  };

  return { width, wrap, drawLine };
}
