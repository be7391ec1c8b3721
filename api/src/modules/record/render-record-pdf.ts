import { PDFDocument, rgb } from 'pdf-lib';
import { embedPdfFonts, type TWeight } from '../forms/pdf-text.js';
import type { TRecordManifest } from './build-record.js';

const channelNames: Record<string, string> = {
  app: 'app',
  portal: 'portal',
  sms: 'SMS',
  quick_link: 'quick link',
  outlook: 'Outlook',
};

const acknowledgedVia: Record<string, string> = {
  portal: '"I have read this" in the portal',
  quick_link: '"I have read this" on a quick-reply page',
  reply: 'by replying',
};

/** "3 Dec 2026, 19:30:05 GMT" in the firm's time zone. */
function timeIn(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return (iso: string) => format.format(new Date(iso));
}

const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

type TLine = { text: string; weight: TWeight; size: number; gap: number; grey?: boolean; indent?: number };

/** The lines of the record, top to bottom: heading, people, messages (with edits, files, texts), chain. */
function recordLines(record: TRecordManifest): TLine[] {
  const at = timeIn(record.firm.timeZone);
  const lines: TLine[] = [];
  const add = (text: string, weight: TWeight, size: number, gap: number, extra: Partial<TLine> = {}) =>
    lines.push({ text, weight, size, gap, ...extra });
  add('Conversation record', 'bold', 18, 6);
  add(record.firm.name, 'regular', 10, 2, { grey: true });
  const matter = record.conversation.matter;
  add(
    matter ? `Matter ${matter.number}: ${matter.title}${matter.closed ? ' (closed)' : ''}` : record.conversation.title,
    'regular',
    10,
    2,
    { grey: true },
  );
  add(`Conversation: ${record.conversation.title} (${record.conversation.id})`, 'regular', 10, 2, { grey: true });
  add(`Exported ${at(record.exportedAt)}; times are in ${record.firm.timeZone}`, 'regular', 10, 14, { grey: true });

  add('Parties', 'bold', 13, 4);
  for (const p of record.participants) {
    add(
      `${p.name} (${p.kind.replace('_', ' ')}), joined ${at(p.joinedAt)}${p.leftAt ? `, left ${at(p.leftAt)}` : ''}`,
      'regular',
      10,
      2,
    );
  }
  lines.at(-1)!.gap += 12;

  add('Messages', 'bold', 13, 4);
  if (record.messages.length === 0) add('(no messages)', 'regular', 10, 8, { grey: true });
  for (const m of record.messages) {
    add(
      `${at(m.sentAt)} · ${m.author} (${m.authorKind.replace('_', ' ')}, via ${channelNames[m.via] ?? m.via})`,
      'bold',
      10,
      2,
    );
    add(m.texts[0] ?? '', 'regular', 10, 3, { indent: 12 });
    m.edits.forEach((edit, i) => {
      add(`Edited ${at(edit.at)}:`, 'regular', 9, 1, { grey: true, indent: 12 });
      add(m.texts[i + 1] ?? '', 'regular', 10, 3, { indent: 24 });
    });
    for (const f of m.files) {
      add(`File: ${f.name} (${sizeText(f.size)})`, 'regular', 9, 1, { indent: 12 });
      add(`SHA-256 ${f.sha256}`, 'regular', 8, 2, { grey: true, indent: 24 });
    }
    if (m.acknowledgement) {
      const a = m.acknowledgement;
      const asked = a.kind === 'reply' ? 'Reply requested' : 'Acknowledgement requested';
      const answer = a.acknowledgedAt
        ? `; ${a.kind === 'reply' ? 'answered' : 'acknowledged'} by ${a.acknowledgedBy ?? 'a client'} ${at(a.acknowledgedAt)} (${acknowledgedVia[a.via ?? ''] ?? a.via})`
        : '; not acknowledged';
      add(`${asked} by ${at(a.dueAt)}${answer}`, 'regular', 9, 2, { indent: 12 });
    }
    for (const t of m.sms) {
      add(`Text to ${t.to}: ${t.status}${t.statusReason ? ` (${t.statusReason})` : ''}, ${at(t.at)}`, 'regular', 9, 2, {
        grey: true,
        indent: 12,
      });
    }
    lines.at(-1)!.gap += 8;
  }

  add('Hash chain', 'bold', 13, 4);
  const v = record.verification;
  add(
    v.intact
      ? `Intact: ${v.entries} entries checked against the conversation at export.`
      : `ALTERED: entry ${v.firstBreak!.position} (${v.firstBreak!.kind}) no longer matches what was recorded.`,
    'bold',
    10,
    3,
  );
  add(
    'Each entry is SHA-256 over the previous hash and the entry; check the JSON manifest with "confer verify <file>".',
    'regular',
    9,
    6,
    { grey: true },
  );
  for (const e of record.entries) {
    add(`${e.position}. ${e.kind} ${at(e.at)}  ${e.hash}`, 'regular', 8, 1, { grey: true });
  }
  return lines;
}

/** A plain A4 PDF of the record; text in any script through the embedded Unicode fonts. */
export async function renderRecordPdf(record: TRecordManifest): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Conversation record - ${record.conversation.title}`);
  pdf.setProducer('Confer');
  pdf.setCreationDate(new Date(record.exportedAt));
  const lines = recordLines(record);
  const fonts = await embedPdfFonts(pdf, {
    bold: lines.filter((l) => l.weight === 'bold').map((l) => l.text),
    regular: lines.filter((l) => l.weight === 'regular').map((l) => l.text),
  });
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const margin = 56;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  for (const line of lines) {
    const x = margin + (line.indent ?? 0);
    const width = pageWidth - margin - x;
    const color = line.grey ? rgb(0.38, 0.38, 0.38) : rgb(0.14, 0.14, 0.14);
    for (const paragraph of line.text.split(/\r\n|\r|\n/)) {
      const { lines: wrapped, rtl } = fonts.wrap(paragraph, line.weight, line.size, width);
      for (const text of wrapped) {
        if (y - line.size < margin) {
          page = pdf.addPage([pageWidth, pageHeight]);
          y = pageHeight - margin;
        }
        y -= line.size;
        fonts.drawLine(page, text, { x, y, width, rtl, size: line.size, weight: line.weight, color });
        y -= line.size * 0.45;
      }
    }
    y -= line.gap;
  }
  return Buffer.from(await pdf.save());
}
