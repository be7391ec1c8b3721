import { createHash } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/**
 * A scripted Outlook for the task pane: `window.Office` is defined before the page's scripts
 * run (addInitScript), implementing the calls the add-in's Office wrapper makes, and the page's
 * Office.js (/addin/office-js/office.js) is answered with an empty script so it cannot replace
 * the scripted host. Roaming settings persist in localStorage like the mailbox would keep them;
 * what the add-in inserts into a composed body is recorded in `window.__outlook.inserted`.
 */

export type FakeAddress = { displayName: string; emailAddress: string };

export type FakeAttachment = {
  id: string;
  name: string;
  contentType: string;
  attachmentType: 'file' | 'item' | 'cloud';
  size: number;
  isInline?: boolean;
  /** base64 / eml / url content given as is, or `pattern`: `size` deterministic bytes made in the page. */
  content: { format: 'base64' | 'eml' | 'url'; value: string } | { format: 'pattern'; seed: number };
};

export type FakeItem =
  | {
      mode: 'read';
      conversationId: string;
      subject: string;
      from: FakeAddress;
      to: FakeAddress[];
      cc: FakeAddress[];
      attachments: FakeAttachment[];
    }
  | { mode: 'compose'; conversationId: string | null; to: FakeAddress[]; cc: FakeAddress[]; bodyType: 'html' | 'text' };

/** The bytes `{ format: 'pattern' }` produces (the same formula runs in the page). */
export function patternBytes(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 17 + (i >>> 9)) & 0xff;
  return bytes;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Outlook's Office theme (`Office.context.officeTheme`): colours as #rrggbb. */
export type FakeOfficeTheme = {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
};

/** The Office theme of new Outlook and Outlook on the web in dark mode. */
export const DARK_OFFICE_THEME: FakeOfficeTheme = {
  bodyBackgroundColor: '#262626',
  bodyForegroundColor: '#ffffff',
  controlBackgroundColor: '#333333',
  controlForegroundColor: '#ffffff',
};

export const LIGHT_OFFICE_THEME: FakeOfficeTheme = {
  bodyBackgroundColor: '#ffffff',
  bodyForegroundColor: '#242424',
  controlBackgroundColor: '#ffffff',
  controlForegroundColor: '#242424',
};

/**
 * `officeTheme`: the Office theme the host reports (none when omitted, as in Outlooks without
 * themes); `changeOfficeTheme` switches it and raises OfficeThemeChanged like Outlook does.
 */
export async function installFakeOutlook(
  page: Page,
  item: FakeItem,
  options: { officeTheme?: FakeOfficeTheme } = {},
): Promise<void> {
  await page.route('**/addin/office-js/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: '/* Office.js replaced by the scripted host */',
    }),
  );
  await page.addInitScript(
    ({ item, officeTheme }: { item: FakeItem; officeTheme: FakeOfficeTheme | null }) => {
      if (!location.pathname.startsWith('/addin/taskpane')) return;
      type Callback = (result: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;
      const ok = (value?: unknown) => ({ status: 'succeeded', value });
      const roamingKey = '__fakeOutlookRoaming';
      const roaming: Record<string, unknown> = JSON.parse(localStorage.getItem(roamingKey) ?? '{}');
      const mailboxHandlers = new Map<string, (arg: unknown) => void>();
      const state = {
        inserted: [] as Array<{ data: string; coercionType: string }>,
        saves: 0,
        changeOfficeTheme(theme: FakeOfficeTheme) {
          context.officeTheme = theme;
          mailboxHandlers.get('officeThemeChanged')?.({ type: 'officeThemeChanged', officeTheme: theme });
        },
      };
      (window as unknown as { __outlook: typeof state }).__outlook = state;

      const patternBase64 = (size: number, seed: number) => {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 17 + (i >>> 9)) & 0xff;
        let binary = '';
        for (let i = 0; i < size; i += 0x8000) {
          binary += String.fromCharCode(...bytes.subarray(i, Math.min(size, i + 0x8000)));
        }
        return btoa(binary);
      };
      const recipients = (list: FakeAddress[]) => ({ getAsync: (callback: Callback) => callback(ok(list)) });

      let mailItem: Record<string, unknown>;
      if (item.mode === 'read') {
        mailItem = {
          itemType: 'message',
          conversationId: item.conversationId,
          subject: item.subject,
          from: item.from,
          to: item.to,
          cc: item.cc,
          attachments: item.attachments.map((a) => ({
            id: a.id,
            name: a.name,
            contentType: a.contentType,
            attachmentType: a.attachmentType,
            size: a.size,
            isInline: Boolean(a.isInline),
          })),
          getAttachmentContentAsync(id: string, callback: Callback) {
            const attachment = item.attachments.find((a) => a.id === id);
            setTimeout(() => {
              if (!attachment) {
                callback({ status: 'failed', error: { code: 9002, message: 'No such attachment' } });
              } else if (attachment.content.format === 'pattern') {
                callback(ok({ format: 'base64', content: patternBase64(attachment.size, attachment.content.seed) }));
              } else {
                callback(ok({ format: attachment.content.format, content: attachment.content.value }));
              }
            }, 20);
          },
        };
      } else {
        mailItem = {
          itemType: 'message',
          conversationId: item.conversationId ?? undefined,
          to: recipients(item.to),
          cc: recipients(item.cc),
          bcc: recipients([]),
          body: {
            getTypeAsync: (callback: Callback) => callback(ok(item.bodyType)),
            setSelectedDataAsync(data: string, options: { coercionType: string }, callback: Callback) {
              state.inserted.push({ data, coercionType: options.coercionType });
              callback(ok());
            },
          },
        };
      }

      const context: Record<string, unknown> = {
        requirements: {
          // Mailbox up to 1.13; no nested app authentication (embedded mode signs in on the dev page anyway).
          isSetSupported: (name: string, version: string) =>
            name === 'Mailbox' && Number(String(version).split('.')[1] ?? 0) <= 13,
        },
        roamingSettings: {
          get: (key: string) => roaming[key],
          set: (key: string, value: unknown) => {
            roaming[key] = value;
          },
          saveAsync: (callback: Callback) => {
            localStorage.setItem(roamingKey, JSON.stringify(roaming));
            state.saves += 1;
            callback(ok());
          },
        },
        mailbox: {
          item: mailItem,
          addHandlerAsync: (event: string, handler: (arg: unknown) => void, callback?: Callback) => {
            mailboxHandlers.set(event, handler);
            callback?.(ok());
          },
          removeHandlerAsync: (event: string, callback?: Callback) => {
            mailboxHandlers.delete(event);
            callback?.(ok());
          },
        },
        ui: {},
        ...(officeTheme ? { officeTheme } : {}),
      };
      (window as unknown as { Office: unknown }).Office = {
        onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
        EventType: {
          ItemChanged: 'olkItemSelectedChanged',
          DialogMessageReceived: 'dialogMessageReceived',
          DialogEventReceived: 'dialogEventReceived',
          OfficeThemeChanged: 'officeThemeChanged',
        },
        CoercionType: { Html: 'html', Text: 'text' },
        context,
      };
    },
    { item, officeTheme: options.officeTheme ?? null },
  );
}

/** Opens the task pane (optionally on a view) and signs in on the development page. */
export async function openTaskPaneSignedIn(page: Page, view: string | null, name: string): Promise<void> {
  await page.goto(`/addin/taskpane.html${view ? `?view=${view}` : ''}`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: `Sign in as ${name}`, exact: true }).click();
  await expect(page).toHaveURL(/\/addin\/taskpane\.html/);
  await expect(page.getByRole('img', { name: `Signed in as ${name}` })).toBeVisible();
}

export async function roamingSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('__fakeOutlookRoaming') ?? '{}'));
}

export async function insertedIntoBody(page: Page): Promise<Array<{ data: string; coercionType: string }>> {
  return page.evaluate(() => (window as unknown as { __outlook: { inserted: [] } }).__outlook.inserted);
}

/** Switches the scripted Outlook's Office theme, raising OfficeThemeChanged. */
export async function changeOfficeTheme(page: Page, theme: FakeOfficeTheme): Promise<void> {
  await page.evaluate((next) => {
    (window as unknown as { __outlook: { changeOfficeTheme(t: unknown): void } }).__outlook.changeOfficeTheme(next);
  }, theme);
}
