/**
 * Watches a multipart body go by and keeps each part's header block, so that a part the
 * parser (busboy) drops without a word — a Content-Disposition it cannot parse, such as a
 * file name holding a raw `"` — or one it rejects as malformed (a raw CR/LF in a file name)
 * can be named in the refusal. It finds delimiters exactly as the parser does: the body never
 * holds the delimiter except as one, so nothing inside a file is mistaken for a header.
 */
export type PartHeaderScanner = {
  push(chunk: Buffer): void;
  /** Header blocks of the parts seen so far, in order. */
  blocks(): string[];
  /** The same, without a last block still cut short (a body truncated inside a part header). */
  completeBlocks(): string[];
};

const maxHeaderBytes = 16 * 1024 + 4;
const headerEnd = Buffer.from('\r\n\r\n');

export function createPartHeaderScanner(boundary: string): PartHeaderScanner {
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const blocks: string[] = [];
  // the body may open with the delimiter without its leading CRLF
  let carry = Buffer.from('\r\n');
  let header: Buffer | undefined;
  let done = false;

  const push = (chunk: Buffer) => {
    if (done) return;
    let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    while (data.length > 0 && !done) {
      if (header === undefined) {
        const at = data.indexOf(delimiter);
        if (at < 0) {
          carry = Buffer.from(data.subarray(Math.max(0, data.length - delimiter.length + 1)));
          return;
        }
        data = data.subarray(at + delimiter.length);
        header = Buffer.alloc(0);
        blocks.push('');
        continue;
      }
      const joined = Buffer.concat([header, data]);
      if (joined.subarray(0, 2).toString('latin1') === '--') {
        blocks.pop(); // the closing delimiter: no part follows
        done = true;
        return;
      }
      const end = joined.indexOf(headerEnd);
      if (end < 0) {
        header = joined.subarray(0, maxHeaderBytes);
        blocks[blocks.length - 1] = header.toString('utf8');
        return;
      }
      blocks[blocks.length - 1] = joined.subarray(0, end).toString('utf8').replace(/^\r\n/, '');
      data = joined.subarray(end + headerEnd.length);
      header = undefined;
    }
  };
  return {
    push,
    blocks: () => [...blocks],
    completeBlocks: () => (header === undefined || done ? [...blocks] : blocks.slice(0, -1)),
  };
}

const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const quoted = '"(?:[^"\\\\\\r\\n]|\\\\[^\\r\\n])*"';
const readableDisposition = new RegExp(`^form-data(?:[ \\t]*;[ \\t]*${token}=(?:${token}|${quoted}))*[ \\t]*$`, 'i');

/**
 * Whether a part's header block has a Content-Disposition a parser can read; when it has
 * not, the file name it meant (best effort, as sent) or undefined when it named no file.
 */
export function unreadablePart(block: string): { fileName: string | undefined } | undefined {
  const lines = block.split('\r\n');
  const index = lines.findIndex((line) => /^content-disposition[ \t]*:/i.test(line));
  if (index >= 0) {
    const value = lines[index]!.replace(/^content-disposition[ \t]*:[ \t]*/i, '');
    // the next line must be another header: a raw line break inside a value leaves a stray line
    const next = lines[index + 1];
    if (readableDisposition.test(value) && (next === undefined || /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.test(next))) {
      return undefined;
    }
  }
  return { fileName: fileNameIn(block) };
}

/** The raw file name in a header block: from `filename=` to the next header line, unquoted. */
function fileNameIn(block: string): string | undefined {
  const match = /filename\*?[ \t]*=[ \t]*/i.exec(block);
  if (!match) return undefined;
  let rest = block.slice(match.index + match[0].length);
  const nextHeader = /\r?\n[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.exec(rest);
  if (nextHeader) rest = rest.slice(0, nextHeader.index);
  rest = rest.replace(/[ \t]*;?[ \t]*$/, '');
  if (rest.startsWith('"')) rest = rest.slice(1);
  if (rest.endsWith('"')) rest = rest.slice(0, -1);
  return rest;
}
