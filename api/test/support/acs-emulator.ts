import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { smsDeliveryReportDelivery } from '../../src/dev/phone-routes.js';

export type EmulatedText = {
  messageId: string;
  from: string;
  to: string;
  message: string;
  tag: string | undefined;
  enableDeliveryReport: boolean;
  repeatabilityRequestId: string | undefined;
};

export type EmulatedEmail = {
  operationId: string;
  sender: string;
  to: string[];
  subject: string;
  plainText: string;
  html: string;
};

export type AcsEmulator = {
  endpoint: string;
  accessKey: string;
  /** `endpoint=…;accesskey=…`, as ACS_CONNECTION_STRING. */
  connectionString: string;
  /** Texts accepted (each once, however often it was retried). */
  texts: EmulatedText[];
  /** Emails accepted (each once). */
  emails: EmulatedEmail[];
  /** Requests refused because the HMAC signature, date or content hash did not verify. */
  rejected: number;
  /** Requests answered by a repeat of an earlier one (same repeatability id or Operation-Id). */
  repeats: number;
  /** Numbers ACS refuses (400 per recipient) and addresses whose email operation fails. */
  refuseNumbers: Set<string>;
  failEmailAddresses: Set<string>;
  /** Outage: connections are reset until `comeBack()`. */
  goDown(): void;
  comeBack(): void;
  /** The next `n` requests are carried out, then the connection is cut before the answer. */
  loseAnswers(n: number): void;
  /** The Event Grid delivery ACS sends with a text's delivery report (received at `at`, default now). */
  deliveryReport(messageId: string, status: string, details?: string, at?: Date): Record<string, unknown>[];
  stop(): Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * Azure Communication Services on loopback, for the real SDKs: it checks the HMAC-SHA256
 * signature every request carries (the string to sign is `VERB\npath?query\n
 * x-ms-date;host;x-ms-content-sha256`, keyed with the base64-decoded access key, as in
 * @azure/communication-common's access-key policy), the x-ms-content-sha256 of the body and
 * the freshness of x-ms-date; then answers like ACS: SMS with 202 and a per-recipient result
 * (honouring repeatability ids), email with a long-running operation (202 + Operation-Location,
 * then GET status), honouring Operation-Id.
 */
export async function startAcsEmulator(options: { port?: number } = {}): Promise<AcsEmulator> {
  const accessKey = randomBytes(32).toString('base64');
  const sockets = new Set<Socket>();
  const textsByRepeatId = new Map<string, EmulatedText>();
  const operations = new Map<string, { status: 'Running' | 'Succeeded' | 'Failed' }>();
  let down = false;
  let loseNext = 0;

  const emulator: AcsEmulator = {
    endpoint: '',
    accessKey,
    connectionString: '',
    texts: [],
    emails: [],
    rejected: 0,
    repeats: 0,
    refuseNumbers: new Set(),
    failEmailAddresses: new Set(),
    goDown: () => {
      down = true;
      for (const s of sockets) s.destroy();
    },
    comeBack: () => {
      down = false;
    },
    loseAnswers: (n) => {
      loseNext = n;
    },
    deliveryReport: (messageId, status, details, at) => {
      const text = emulator.texts.find((t) => t.messageId === messageId);
      if (!text) throw new Error(`no text ${messageId}`);
      return smsDeliveryReportDelivery({ messageId, from: text.from, to: text.to, status, details, tag: text.tag, at });
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function verify(req: IncomingMessage, body: Buffer): boolean {
    const auth = req.headers.authorization ?? '';
    const match = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(auth);
    const date = req.headers['x-ms-date'];
    const contentHash = req.headers['x-ms-content-sha256'];
    const host = req.headers.host;
    if (!match || typeof date !== 'string' || typeof contentHash !== 'string' || !host) return false;
    if (createHash('sha256').update(body).digest('base64') !== contentHash) return false;
    const sentAt = Date.parse(date);
    if (Number.isNaN(sentAt) || Math.abs(Date.now() - sentAt) > 10 * 60_000) return false;
    const url = new URL(req.url ?? '/', `http://${host}`);
    const query = url.searchParams.toString();
    const pathAndQuery = query ? `${url.pathname}?${query}` : url.pathname;
    const stringToSign = `${req.method}\n${pathAndQuery}\n${date};${host};${contentHash}`;
    const expected = createHmac('sha256', Buffer.from(accessKey, 'base64')).update(stringToSign).digest();
    const given = Buffer.from(match[1]!, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  function handleSms(body: Record<string, unknown>) {
    const from = String(body.from ?? '');
    const message = String(body.message ?? '');
    const options = (body.smsSendOptions ?? {}) as { enableDeliveryReport?: boolean; tag?: string };
    const recipients = (body.smsRecipients ?? []) as Array<{ to: string; repeatabilityRequestId?: string }>;
    if (!/^\+\d{7,15}$/.test(from) || recipients.length === 0 || message.length > 2048) {
      return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid request.' } } };
    }
    const value = recipients.map((r) => {
      const earlier = r.repeatabilityRequestId ? textsByRepeatId.get(r.repeatabilityRequestId) : undefined;
      if (earlier) {
        emulator.repeats += 1;
        return {
          to: r.to,
          messageId: earlier.messageId,
          httpStatusCode: 202,
          repeatabilityResult: 'rejected',
          successful: true,
        };
      }
      if (emulator.refuseNumbers.has(r.to) || !/^\+\d{7,15}$/.test(r.to)) {
        return { to: r.to, httpStatusCode: 400, successful: false, errorMessage: 'Invalid To phone number format.' };
      }
      const text: EmulatedText = {
        messageId: `Outgoing_${Date.now()}${randomUUID()}`,
        from,
        to: r.to,
        message,
        tag: options.tag,
        enableDeliveryReport: options.enableDeliveryReport ?? false,
        repeatabilityRequestId: r.repeatabilityRequestId,
      };
      emulator.texts.push(text);
      if (r.repeatabilityRequestId) textsByRepeatId.set(r.repeatabilityRequestId, text);
      return {
        to: r.to,
        messageId: text.messageId,
        httpStatusCode: 202,
        repeatabilityResult: 'accepted',
        successful: true,
      };
    });
    return { status: 202, body: { value } };
  }

  function handleEmail(
    req: IncomingMessage,
    body: Record<string, unknown>,
  ): { status: number; body: unknown; headers: Record<string, string> } {
    const operationId = (req.headers['operation-id'] as string | undefined) ?? randomUUID();
    const location = `${emulator.endpoint}emails/operations/${operationId}?api-version=2025-09-01`;
    if (operations.has(operationId)) {
      emulator.repeats += 1;
      return {
        status: 202,
        body: { id: operationId, status: operations.get(operationId)!.status },
        headers: { 'Operation-Location': location },
      };
    }
    const content = (body.content ?? {}) as { subject?: string; plainText?: string; html?: string };
    const to = (((body.recipients ?? {}) as { to?: Array<{ address: string }> }).to ?? []).map((r) => r.address);
    if (!body.senderAddress || to.length === 0 || !content.subject) {
      return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid request.' } }, headers: {} };
    }
    emulator.emails.push({
      operationId,
      sender: String(body.senderAddress),
      to,
      subject: content.subject,
      plainText: content.plainText ?? '',
      html: content.html ?? '',
    });
    operations.set(operationId, { status: to.some((a) => emulator.failEmailAddresses.has(a)) ? 'Failed' : 'Running' });
    return { status: 202, body: { id: operationId, status: 'Running' }, headers: { 'Operation-Location': location } };
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (down) return req.socket.destroy();
      const raw = Buffer.concat(chunks);
      if (!verify(req, raw)) {
        emulator.rejected += 1;
        return json(res, 401, { error: { code: 'Denied', message: 'Denied by the resource provider.' } });
      }
      const url = new URL(req.url ?? '/', 'http://emulator');
      let body: Record<string, unknown>;
      try {
        body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        return json(res, 400, { error: { code: 'BadRequest', message: 'Malformed JSON.' } });
      }
      let answer: { status: number; body: unknown; headers?: Record<string, string> };
      if (req.method === 'POST' && url.pathname === '/sms') answer = handleSms(body);
      else if (req.method === 'POST' && url.pathname === '/emails:send') answer = handleEmail(req, body);
      else if (req.method === 'GET' && url.pathname.startsWith('/emails/operations/')) {
        const id = decodeURIComponent(url.pathname.slice('/emails/operations/'.length));
        const op = operations.get(id);
        if (!op) answer = { status: 404, body: { error: { code: 'NotFound', message: 'Unknown operation.' } } };
        else {
          if (op.status === 'Running') op.status = 'Succeeded';
          answer = {
            status: 200,
            body: {
              id,
              status: op.status,
              ...(op.status === 'Failed'
                ? { error: { code: 'RecipientRejected', message: 'The recipient was rejected.' } }
                : {}),
            },
          };
        }
      } else answer = { status: 404, body: { error: { code: 'NotFound', message: 'No such route.' } } };
      if (loseNext > 0) {
        loseNext -= 1;
        return req.socket.destroy();
      }
      json(res, answer.status, answer.body, answer.headers);
    });
  });
  server.on('connection', (socket) => {
    if (down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  emulator.endpoint = `http://127.0.0.1:${port}/`;
  emulator.connectionString = `endpoint=${emulator.endpoint};accesskey=${accessKey}`;
  return emulator;
}
