import { createHash } from 'node:crypto';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/** Helpers for the end-to-end tests: staff API and staff-app sign-in, the dev outbox, portal sign-in. */

export type OutboxItem = {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  kind: string;
  status: string;
  createdAt: string;
  subject: string | null;
  text: string | null;
  html: string | null;
};

export const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!response.ok()) {
    throw new Error(`${response.url()} answered ${response.status()}: ${await response.text()}`);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function staffToken(request: APIRequestContext, email: string): Promise<string> {
  const { token } = await json<{ token: string }>(await request.post('/dev/token', { data: { email } }));
  return token;
}

/** The staff API with a bearer token. */
export function staffApi(request: APIRequestContext, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async <T>(path: string) => json<T>(await request.get(`/api/v1${path}`, { headers })),
    post: async <T>(path: string, data?: unknown) =>
      json<T>(
        await request.post(`/api/v1${path}`, {
          headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
          data,
        }),
      ),
    put: async (path: string) => json<void>(await request.put(`/api/v1${path}`, { headers })),
    download: async (path: string) => {
      const response = await request.get(`/api/v1${path}`, { headers });
      expect(response.status(), `GET /api/v1${path}`).toBe(200);
      return response.body();
    },
  };
}

export type StaffApi = ReturnType<typeof staffApi>;
type Matter = { id: string; number: string; title: string };
type Contact = { id: string; name: string; email: string | null };

export async function findMatter(api: StaffApi, number: string): Promise<Matter> {
  const page = await api.get<{ items: Matter[] }>(`/matters?q=${encodeURIComponent(number)}`);
  const matter = page.items.find((m) => m.number === number);
  if (!matter) throw new Error(`No matter ${number}`);
  return matter;
}

export async function findMatterContact(api: StaffApi, matterId: string, name: string): Promise<Contact> {
  const { items } = await api.get<{ items: Contact[] }>(`/matters/${matterId}/contacts`);
  const contact = items.find((c) => c.name === name);
  if (!contact) throw new Error(`No contact ${name} on matter ${matterId}`);
  return contact;
}

export async function outboxIds(request: APIRequestContext): Promise<Set<string>> {
  const { items } = await json<{ items: OutboxItem[] }>(await request.get('/dev/outbox.json'));
  return new Set(items.map((item) => item.id));
}

/** The newest email matching `match` that was not in the outbox before (`seen`). */
export async function waitForEmail(
  request: APIRequestContext,
  seen: Set<string>,
  match: (item: OutboxItem) => boolean,
): Promise<OutboxItem> {
  let found: OutboxItem | undefined;
  await expect
    .poll(
      async () => {
        const { items } = await json<{ items: OutboxItem[] }>(await request.get('/dev/outbox.json'));
        found = items.find((item) => item.channel === 'email' && !seen.has(item.id) && match(item));
        return Boolean(found);
      },
      { message: 'waiting for the email in the dev outbox', timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

export function secureLinkOf(email: OutboxItem): string {
  const url = /https?:\/\/[^\s"'<>]+\/portal\/#link=[A-Za-z0-9_-]+/.exec(email.text ?? email.html ?? '')?.[0];
  if (!url) throw new Error(`No secure link in: ${email.text}`);
  return url;
}

export function codeOf(email: OutboxItem): string {
  const code = /Your sign-in code: (\d{6})/.exec(email.subject ?? '')?.[1] ?? /\b(\d{6})\b/.exec(email.text ?? '')?.[1];
  if (!code) throw new Error(`No code in: ${email.subject}`);
  return code;
}

/**
 * Opens a secure link in a fresh browser context and signs in with the emailed code. Returns
 * the portal page. `expectWelcome`: the first-time "get started" screen must show.
 */
export async function openLinkAndSignIn(
  browser: Browser,
  request: APIRequestContext,
  options: { baseURL: string | undefined; link: string; email: string; expectWelcome?: boolean },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: options.baseURL });
  const page = await context.newPage();
  const seen = await outboxIds(request);
  await page.goto(options.link);
  const code = page.getByRole('textbox', { name: '6-digit code' });
  const welcome = page.getByRole('button', { name: 'Continue' });
  await expect(code.or(welcome)).toBeVisible();
  // The token leaves the address bar (and history) at once.
  expect(page.url()).not.toContain('link=');
  if (options.expectWelcome) {
    await expect(page.getByRole('heading', { level: 1, name: /^Welcome,/ })).toBeVisible();
    await welcome.click();
  } else if (await welcome.isVisible()) {
    await welcome.click();
  }
  await expect(code).toBeVisible();
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  const email = await waitForEmail(request, seen, (m) => m.kind === 'sign_in_code' && m.to === options.email);
  await code.fill(codeOf(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  return page;
}

export function portalMessage(page: Page, text: string) {
  return page.locator('li[data-message-id]').filter({ hasText: text });
}

export type StreamEvent = { type: string; data: Record<string, unknown> };

/**
 * Holds a staff member's event stream open inside a page (fetch with the bearer token, as the
 * staff app does) and collects every event in `window.__staffEvents`. Resolves once the
 * stream is open; events then arrive as the server pushes them (no polling of any list).
 */
export async function holdStaffEventStream(page: Page, token: string): Promise<void> {
  await page.goto('/readyz');
  await page.evaluate(async (bearer) => {
    const events: Array<{ type: string; data: unknown }> = [];
    (window as unknown as { __staffEvents: typeof events }).__staffEvents = events;
    const response = await fetch('/api/v1/events', {
      headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
    });
    if (!response.ok || !response.body) throw new Error(`event stream: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          let type = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) type = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length > 0) events.push({ type, data: JSON.parse(data.join('\n')) });
        }
      }
    })();
  }, token);
}

export async function staffEvents(page: Page): Promise<StreamEvent[]> {
  return page.evaluate(() => (window as unknown as { __staffEvents: StreamEvent[] }).__staffEvents);
}

/** Signs in on the staff app's development sign-in page, in a page that is already open. */
export async function signInStaff(page: Page, name: string): Promise<void> {
  await page.goto('/addin/');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: `Sign in as ${name}`, exact: true }).click();
  await expect(page).toHaveURL(/\/addin\/$/); // the token fragment is consumed and removed
  await expect(page.getByRole('img', { name: `Signed in as ${name}` })).toBeVisible();
}

/** A fresh browser context signed in to the staff app as `name`. */
export async function signInToStaffApp(browser: Browser, baseURL: string | undefined, name: string): Promise<Page> {
  // two panes, as the config's default (the third pane from 1280 px has specs of its own)
  const context = await browser.newContext({ baseURL, viewport: { width: 1200, height: 720 } });
  const page = await context.newPage();
  await signInStaff(page, name);
  return page;
}

/**
 * Signs in to the staff app in a fresh browser context and opens `route` (e.g. `conversations/<id>`
 * or `matters/<id>`), once its level-2 heading shows (the one named `heading`, where given).
 */
export async function openInStaffApp(
  browser: Browser,
  baseURL: string | undefined,
  name: string,
  route: string,
  heading?: string,
): Promise<Page> {
  const page = await signInToStaffApp(browser, baseURL, name);
  await page.goto(`/addin/#/${route}`);
  // From 900 px a conversation opens beside the inbox (whose sections have level-2 headings too).
  const twoPanes = route.startsWith('conversations/') && (page.viewportSize()?.width ?? 0) >= 900;
  const screen = twoPanes ? page.getByRole('region', { name: 'Open conversation' }) : page;
  await expect(
    screen.getByRole('heading', { level: 2, ...(heading === undefined ? {} : { name: heading }) }),
  ).toBeVisible();
  return page;
}

/** A staff member's API (by email), a seeded matter (by number) and one of its contacts (by name). */
export async function staffOnMatter(request: APIRequestContext, email: string, number: string, contactName: string) {
  const token = await staffToken(request, email);
  const api = staffApi(request, token);
  const matter = await findMatter(api, number);
  const contact = await findMatterContact(api, matter.id, contactName);
  return { token, api, matter, contact };
}

/** Starts an external conversation on a matter; contacts with an email get a secure link. */
export async function startExternalConversation(
  api: StaffApi,
  matterId: string,
  contactIds: string[],
): Promise<{ id: string; title: string }> {
  return api.post('/conversations', { kind: 'external_matter', matterId, contactIds });
}

/** Starts an external conversation with one contact and waits for the secure link emailed to them. */
export async function startConversationWithLink(
  request: APIRequestContext,
  api: StaffApi,
  matterId: string,
  contact: { id: string; email: string | null },
): Promise<{ conversation: { id: string; title: string }; link: string }> {
  const seen = await outboxIds(request);
  const conversation = await startExternalConversation(api, matterId, [contact.id]);
  const email = await waitForEmail(request, seen, (m) => m.kind === 'secure_link' && m.to === contact.email);
  return { conversation, link: secureLinkOf(email) };
}

/** A small but real PDF (one blank page) with a unique comment, so its hash is unique per run. */
export function makePdf(note: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${note}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/MediaBox[0 0 300 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}
