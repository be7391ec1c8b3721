import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/query-rows.js';
import { smsReceivedDelivery } from '../../src/dev/phone-routes.js';
import { bearer, createContact, createFirm, createMatter } from './fixtures.js';
import type { TestApp } from './start-test-app.js';

/** Polls `check` until it returns a value (not undefined/false), at most `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let counter = 0;
/** A valid UK mobile (+4474001xxxxx) no other test in the file uses. */
export const uniqueMobile = () => `+4474001${String(++counter).padStart(5, '0')}`;

/** Posts an Event Grid delivery to the ACS webhook, with the app's secret unless told otherwise. */
export const postWebhook = (app: TestApp, body: unknown, secret: string | null = app.webhookSecret) => {
  const req = app.http.post('/api/v1/webhooks/acs').set('Content-Type', 'application/json');
  if (secret !== null) req.set('X-Confer-Webhook-Secret', secret);
  return req.send(JSON.stringify(body));
};

/** A text from a phone, as ACS delivers it. */
export const textFromPhone = (app: TestApp, from: string, to: string, message: string, at?: Date) =>
  postWebhook(app, smsReceivedDelivery({ from, to, message, at }));

export type TSetup = Awaited<ReturnType<typeof externalConversation>>;

/**
 * A firm, a matter, contacts with mobiles, and an external conversation started by the staff
 * member with them.
 */
export async function externalConversation(
  app: TestApp,
  options: {
    contacts?: Array<{ name?: string; mobile?: string | null; email?: string | null }>;
    requireMfa?: boolean;
    firm?: Awaited<ReturnType<typeof createFirm>>;
    matterId?: string;
  } = {},
) {
  const firm = options.firm ?? (await createFirm(app));
  const matterId = options.matterId ?? (await createMatter(app.db, firm.firm.id));
  const contacts = [];
  for (const c of options.contacts ?? [{}]) {
    contacts.push(
      await createContact(app.db, firm.firm.id, matterId, c.name ?? 'Casey Client', {
        mobile: c.mobile === undefined ? uniqueMobile() : c.mobile,
        ...(c.email !== undefined && c.email !== null ? { email: c.email } : {}),
      }),
    );
  }
  const res = await app.http
    .post('/api/v1/conversations')
    .set(bearer(firm.member.token))
    .send({
      kind: 'external_matter',
      matterId,
      contactIds: contacts.map((c) => c.id),
      ...(options.requireMfa === undefined ? {} : { requireMfa: options.requireMfa }),
    });
  if (res.status !== 201) throw new Error(`conversation: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...firm, matterId, contacts, conversationId: res.body.id as string };
}

/** Staff sends a message (optionally as SMS). */
export async function send(app: TestApp, token: string, conversationId: string, body: string, sendAsSms = false) {
  return app.http
    .post(`/api/v1/conversations/${conversationId}/messages`)
    .set(bearer(token))
    .send({ body, ...(sendAsSms ? { sendAsSms: true } : {}) });
}

/** Outbox rows (no content) of a kind, for asserting status without the provider. */
export const outboxRows = (app: TestApp, where: { to?: string; kind?: string; messageId?: string } = {}) =>
  queryRows<{
    id: string;
    status: string;
    status_reason: string | null;
    kind: string;
    to_address: string;
    sealed: string | null;
  }>(
    app.db,
    sql`select id, status, status_reason, kind, to_address, sealed from outbox
        where (${where.to ?? null}::text is null or to_address = ${where.to ?? null})
          and (${where.kind ?? null}::text is null or kind = ${where.kind ?? null})
          and (${where.messageId ?? null}::uuid is null or message_id = ${where.messageId ?? null}::uuid)
        order by created_at`,
  );

export const replyTokenIn = (text: string) => /#reply=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
