import { stringify } from 'csv-stringify/sync';
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { TFormAnswers, TFormFieldDefinition } from '../../db/schema.js';
import { neutraliseCell } from '../files/export-conversation.js';

export type TAnswerSheet = {
  formTitle: string;
  firmName: string;
  matter: { number: string; title: string };
  contactName: string;
  submittedAt: Date;
  fields: TFormFieldDefinition[];
  answers: TFormAnswers;
  /** Names of uploaded files by id. */
  fileNames: Map<string, string>;
};

/** The answer as words: ticks as Yes/No, files by name, missing as an empty string. */
export function answerText(field: TFormFieldDefinition, sheet: TAnswerSheet): string {
  const value = sheet.answers[field.key];
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  return value.fileIds.map((id) => sheet.fileNames.get(id) ?? id).join('; ');
}

/** CSV (UTF-8 with BOM): question key, question, answer; cells neutralised like the conversation export. */
export function renderAnswersCsv(sheet: TAnswerSheet): Buffer {
  const rows = [['key', 'question', 'answer'], ...sheet.fields.map((f) => [f.key, f.label, answerText(f, sheet)])];
  return Buffer.from(`\uFEFF${stringify(rows.map((r) => r.map(neutraliseCell)))}`, 'utf8');
}

/**
 * The standard PDF fonts encode WinAnsi only: characters they cannot draw (other scripts,
 * emoji) become "?" instead of failing the submission. The CSV keeps the exact text.
 */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.replace(/\t/g, '    ')) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // a single word wider than the line is cut by characters
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A plain, readable A4 PDF: the form's title, who and when, then each question and answer. */
export async function renderAnswersPdf(sheet: TAnswerSheet): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  // document metadata is a Unicode string: only drawn text is limited to WinAnsi
  pdf.setTitle(`${sheet.formTitle} - ${sheet.contactName}`);
  pdf.setProducer('Confer');
  pdf.setCreationDate(sheet.submittedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const margin = 56;
  const width = pageWidth - 2 * margin;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const write = (text: string, font: PDFFont, size: number, gapAfter: number, color = rgb(0.14, 0.14, 0.14)) => {
    for (const line of wrap(font, size, drawable(font, text), width)) {
      if (y - size < margin) {
        page = pdf.addPage([pageWidth, pageHeight]);
        y = pageHeight - margin;
      }
      y -= size;
      page.drawText(line, { x: margin, y, size, font, color });
      y -= size * 0.35;
    }
    y -= gapAfter;
  };
  const grey = rgb(0.38, 0.38, 0.38);
  write(sheet.formTitle, bold, 18, 6);
  write(`${sheet.firmName} · Matter ${sheet.matter.number}: ${sheet.matter.title}`, regular, 10, 2, grey);
  write(
    `Submitted by ${sheet.contactName} on ${sheet.submittedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    regular,
    10,
    16,
    grey,
  );
  for (const field of sheet.fields) {
    write(field.label + (field.required ? ' *' : ''), bold, 11, 3);
    const answer = answerText(field, sheet);
    write(answer || '(no answer)', regular, 11, 12, answer ? undefined : grey);
  }
  return Buffer.from(await pdf.save());
}
