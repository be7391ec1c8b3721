import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export type TPart = { field: string; filename?: string; content: Buffer | string; contentType?: string };

/** A multipart/form-data body built by hand, for requests that tests need to cut short. */
export function buildMultipart(parts: TPart[]): { boundary: string; body: Buffer } {
  const boundary = `----confer${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.filename
      ? `form-data; name="${p.field}"; filename="${p.filename.replace(/"/g, '%22')}"`
      : `form-data; name="${p.field}"`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
          (p.filename ? `Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n` : '') +
          '\r\n',
      ),
    );
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(chunks) };
}

/**
 * Sends the first `sendBytes` of a multipart body, then either ends the request (a
 * truncated body) or destroys the socket (a client that disconnects mid-upload).
 */
export function sendPartialUpload(
  url: string,
  headers: Record<string, string>,
  multipart: { boundary: string; body: Buffer },
  sendBytes: number,
  mode: 'truncate' | 'disconnect',
): Promise<{ status?: number; body?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        ...headers,
        'Content-Type': `multipart/form-data; boundary=${multipart.boundary}`,
        ...(mode === 'truncate'
          ? { 'Content-Length': String(sendBytes) }
          : { 'Content-Length': String(multipart.body.length) }),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({}));
    req.write(multipart.body.subarray(0, sendBytes), () => {
      if (mode === 'truncate') req.end();
      else setTimeout(() => req.destroy(), 200);
    });
    if (mode === 'disconnect') req.on('close', () => resolve({}));
  });
}
