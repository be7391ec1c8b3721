import { stringify } from 'csv-stringify/sync';
import { PDFDocument, rgb } from 'pdf-lib';
import type { TFormAnswers, TFormFieldDefinition } from '../../db/schema.js';
import { neutraliseCell } from '../files/export-conversation.js';
import { embedPdfFonts, type TWeight } from './pdf-text.js';

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
 * A plain, readable A4 PDF: the form's title, who and when, then each question and answer.
 * Text in any script is drawn with embedded Unicode fonts (see pdf-text.ts); right-to-left
 * paragraphs are right-aligned.
 */
export async function renderAnswersPdf(sheet: TAnswerSheet): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${sheet.formTitle} - ${sheet.contactName}`);
  pdf.setProducer('Confer');
  pdf.setCreationDate(sheet.submittedAt);
  const header = `${sheet.firmName} · Matter ${sheet.matter.number}: ${sheet.matter.title}`;
  const submitted = `Submitted by ${sheet.contactName} on ${sheet.submittedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const entries = sheet.fields.map((field) => ({
    label: field.label + (field.required ? ' *' : ''),
    answer: answerText(field, sheet),
  }));
  const fonts = await embedPdfFonts(pdf, {
    bold: [sheet.formTitle, ...entries.map((e) => e.label)],
    regular: [header, submitted, '(no answer)', ...entries.map((e) => e.answer)],
  });
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const margin = 56;
  const width = pageWidth - 2 * margin;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const write = (text: string, weight: TWeight, size: number, gapAfter: number, color = rgb(0.14, 0.14, 0.14)) => {
    for (const paragraph of text.split(/\r\n|\r|\n/)) {
      const { lines, rtl } = fonts.wrap(paragraph, weight, size, width);
      for (const line of lines) {
        if (y - size < margin) {
          page = pdf.addPage([pageWidth, pageHeight]);
          y = pageHeight - margin;
        }
        y -= size;
        fonts.drawLine(page, line, { x: margin, y, width, rtl, size, weight, color });
        y -= size * 0.45;
      }
    }
    y -= gapAfter;
  };
  const grey = rgb(0.38, 0.38, 0.38);
  write(sheet.formTitle, 'bold', 18, 6);
  write(header, 'regular', 10, 2, grey);
  write(submitted, 'regular', 10, 16, grey);
  for (const entry of entries) {
    write(entry.label, 'bold', 11, 3);
    write(entry.answer || '(no answer)', 'regular', 11, 12, entry.answer ? undefined : grey);
  }
  return Buffer.from(await pdf.save());
}
