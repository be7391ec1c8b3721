import { createServer, type Server } from 'node:http';
import type { Database } from '../../api/src/db/connect.js';
import { findFreePort } from '../../api/src/integrations/blob-storage/start-azurite.js';

/** The row the app's insertMessage writes, as one statement (what drizzle sends, minus its defaults). */
const insertSql = `insert into messages
  (firm_id, conversation_id, author_staff_id, author_contact_id, body, via, idempotency_key, about_document_id)
  values ($1, $2, $3, null, $4, 'app', $5, null)
  on conflict do nothing
  returning id, seq, created_at`;

const pathPattern = /^\/floor\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/;

/**
 * The floor: bare node:http doing the one INSERT a message send cannot avoid, through the
 * app's own pool (or PGlite instance). No framework, no authentication, no validation
 * beyond JSON.parse, no events. `POST /floor/:firmId/:conversationId/:authorStaffId`
 * with `{"body": "..."}` and an optional Idempotency-Key; answers 201 with the new id.
 */
export async function startFloorServer(database: Database): Promise<{ url: string; close(): Promise<void> }> {
  const run = database.pool
    ? async (params: unknown[]) => (await database.pool!.query(insertSql, params)).rows
    : async (params: unknown[]) => (await database.pglite!.query(insertSql, params)).rows;
  const server: Server = createServer((req, res) => {
    const match = req.method === 'POST' ? pathPattern.exec(req.url ?? '') : null;
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: string;
      try {
        body = String((JSON.parse(Buffer.concat(chunks).toString()) as { body: unknown }).body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const key = req.headers['idempotency-key'];
      run([match[1], match[2], match[3], body, typeof key === 'string' ? key : null]).then(
        (rows) => {
          const row = rows[0] as { id: string; seq: string | number; created_at: Date | string } | undefined;
          res.writeHead(201, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(row ? { id: row.id, seq: Number(row.seq), createdAt: row.created_at } : {}));
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
