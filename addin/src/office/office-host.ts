/// <reference types="office-js" />
import { t } from '../messages';
/**
 * The one place that talks to Office.js. Everything else asks an `OfficeHost` for plain data
 * and promises, so components never touch `Office`, and tests substitute a host (a scripted
 * `window.Office` in the browser tests, office-addin-mock in the unit tests).
 *
 * In a plain browser there is no Office host: `connectOfficeHost()` resolves to null and the
 * app uses `createBrowserSettings()` (localStorage) where Outlook would roam settings.
 */

export type EmailAddress = { name: string; email: string };

export type AttachmentKind = 'file' | 'item' | 'cloud';

export type MailAttachment = {
  id: string;
  name: string;
  /** Bytes as Outlook reports them (0 for some cloud attachments). */
  size: number;
  contentType: string | null;
  kind: AttachmentKind;
  /** Shown inside the body (signature logos, pasted pictures). */
  isInline: boolean;
};

export type ReadMailItem = {
  mode: 'read';
  /** The email thread (Outlook's conversationId): choices are remembered per thread. */
  threadId: string | null;
  subject: string;
  from: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  attachments: MailAttachment[];
};

export type ComposeMailItem = {
  mode: 'compose';
  /** Set for replies and forwards; null for a new email. */
  threadId: string | null;
};

export type MailItem = ReadMailItem | ComposeMailItem;

export type MailRecipients = { to: EmailAddress[]; cc: EmailAddress[]; bcc: EmailAddress[] };

/** An attachment's content as Outlook hands it over. */
export type AttachmentContent =
  | { format: 'base64'; base64: string }
  | { format: 'eml'; text: string }
  | { format: 'icalendar'; text: string }
  | { format: 'url'; url: string };

/** Small values that follow the user (roaming settings in Outlook, localStorage in a browser). */
export type SettingsStore = {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): Promise<void>;
};

export type DialogSize = { heightPercent: number; widthPercent: number };

export type OfficeHost = {
  /** `OfficeOnline`, `PC`, `Mac`, … or null when Office does not say. */
  platform: string | null;
  /** Whether the host implements a requirement set, e.g. `supports('NestedAppAuth', '1.1')`. */
  supports(set: string, version: string): boolean;
  /** The selected or composed item, or null (a pinned pane with nothing selected). */
  readItem(): Promise<MailItem | null>;
  /** Called when the selected item changes under a pinned task pane. Returns an unsubscribe. */
  onItemChanged(listener: () => void): () => void;
  /** Whether Outlook's Office theme is dark (its body background is); null when Office does not say. */
  isDarkTheme(): boolean | null;
  /** Called when the Office theme changes (Mailbox 1.14; never where unsupported). Returns an unsubscribe. */
  onThemeChanged(listener: (dark: boolean | null) => void): () => void;
  /** A read item's attachment content (Mailbox 1.8). */
  getAttachmentContent(attachmentId: string): Promise<AttachmentContent>;
  /** The composed item's recipients (To, Cc, Bcc) as they are now. */
  getComposeRecipients(): Promise<MailRecipients>;
  /** Inserts at the cursor of the composed body: HTML when the body is HTML, else the text. */
  insertIntoBody(content: { html: string; text: string }): Promise<void>;
  settings: SettingsStore;
  /** Opens an Office dialog on `url` (same domain) and resolves with the first message it sends. */
  openDialog(url: string, size: DialogSize): Promise<string>;
  /** Inside a dialog: sends a message to the page that opened it. */
  messageParent(message: string): void;
};

/** An Office call failed; `code` is Office's error code when it gave one. */
export class OfficeError extends Error {
  readonly code: number | null;
  constructor(message: string, code: number | null = null) {
    super(message);
    this.name = 'OfficeError';
    this.code = code;
  }
}

/** The user closed the dialog (Office's 12006). */
export const DIALOG_CLOSED = 12006;

type OfficeApi = typeof Office;
type AnyAsyncResult = { status: unknown; value?: unknown; error?: { message?: string; code?: number; name?: string } };

const succeeded = (result: AnyAsyncResult) => String(result.status).toLowerCase() === 'succeeded';

function fail(result: AnyAsyncResult, what: string): OfficeError {
  return new OfficeError(result.error?.message || t.office.failed(what), result.error?.code ?? null);
}

/** Wraps one callback-style Office call in a promise. */
function call<T>(what: string, start: (callback: (result: AnyAsyncResult) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => (succeeded(result) ? resolve(result.value as T) : reject(fail(result, what))));
    } catch (error) {
      reject(error instanceof Error ? error : new OfficeError(t.office.failed(what)));
    }
  });
}

function toAddress(value: unknown): EmailAddress | null {
  if (!value || typeof value !== 'object') return null;
  const details = value as { displayName?: string; emailAddress?: string };
  const email = details.emailAddress?.trim();
  if (!email) return null;
  return { name: details.displayName?.trim() || email, email };
}

function toAddresses(value: unknown): EmailAddress[] {
  if (!Array.isArray(value)) return [];
  return value.map(toAddress).filter((a): a is EmailAddress => a !== null);
}

function toKind(value: unknown): AttachmentKind {
  const kind = String(value ?? 'file').toLowerCase();
  return kind === 'item' || kind === 'cloud' ? kind : 'file';
}

function toAttachment(value: Office.AttachmentDetails): MailAttachment {
  return {
    id: value.id,
    name: value.name || 'attachment',
    size: typeof value.size === 'number' ? value.size : 0,
    contentType: value.contentType || null,
    kind: toKind(value.attachmentType),
    isInline: Boolean(value.isInline),
  };
}

/** Something with `getAsync` (compose recipients), or a plain array (read mode). */
type RecipientField = { getAsync?: (callback: (result: AnyAsyncResult) => void) => void } | unknown[] | undefined;

async function readRecipients(field: RecipientField, what: string): Promise<EmailAddress[]> {
  if (!field) return [];
  if (Array.isArray(field)) return toAddresses(field);
  if (typeof field.getAsync !== 'function') return [];
  return toAddresses(await call<unknown>(what, (done) => field.getAsync!(done)));
}

/**
 * Whether a CSS hex colour (#rgb or #rrggbb, as Office gives `bodyBackgroundColor`) is dark:
 * its relative luminance is below 0.179, where light text contrasts better than black.
 * Null for anything else.
 */
export function isDarkColor(value: unknown): boolean | null {
  if (typeof value !== 'string') return null;
  const hex = value.trim().replace(/^#/, '');
  if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const linear = (i: number) => {
    const channel = parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(0) + 0.7152 * linear(2) + 0.0722 * linear(4) < 0.179;
}

function isCompose(item: Office.MessageRead | Office.MessageCompose): item is Office.MessageCompose {
  // In compose mode the recipients are objects with getAsync; in read mode they are arrays.
  const to = (item as { to?: unknown }).to;
  return Boolean(to) && !Array.isArray(to) && typeof (to as { getAsync?: unknown }).getAsync === 'function';
}

/** The Office host behind an initialised Office.js (after `Office.onReady`). */
export function createOfficeHost(office: OfficeApi, platform: string | null = null): OfficeHost {
  const mailbox = () => office.context.mailbox;
  const currentItem = () => mailbox()?.item as (Office.MessageRead & Office.MessageCompose) | null | undefined;
  const itemChangedEvent = office.EventType?.ItemChanged ?? ('olkItemSelectedChanged' as unknown as Office.EventType);
  const themeChangedEvent = office.EventType?.OfficeThemeChanged;

  /** Adds a mailbox event handler; returns its removal (nothing when the host refused it). */
  const addMailboxHandler = (event: Office.EventType, handler: (arg: unknown) => void) => {
    const box = mailbox();
    if (!box || typeof box.addHandlerAsync !== 'function') return () => {};
    let added = true;
    try {
      box.addHandlerAsync(event, handler, (result: AnyAsyncResult) => {
        if (!succeeded(result)) added = false;
      });
    } catch {
      return () => {}; // an Outlook that does not know the event throws instead of failing
    }
    return () => {
      if (added && typeof box.removeHandlerAsync === 'function') box.removeHandlerAsync(event, () => {});
    };
  };

  const settings: SettingsStore = {
    get<T>(key: string) {
      const value: unknown = office.context.roamingSettings?.get(key);
      return value === null || value === undefined ? undefined : (value as T);
    },
    async set(key, value) {
      const roaming = office.context.roamingSettings;
      if (!roaming) throw new OfficeError(t.office.noRoamingSettings);
      roaming.set(key, value);
      await call<void>(t.office.savingSettings, (done) => roaming.saveAsync(done));
    },
  };

  const isDarkTheme = () => {
    try {
      return isDarkColor(office.context.officeTheme?.bodyBackgroundColor);
    } catch {
      return null; // hosts without themes throw on the property
    }
  };

  const supports = (set: string, version: string) => {
    try {
      return Boolean(office.context.requirements?.isSetSupported(set, version));
    } catch {
      return false;
    }
  };

  return {
    platform,
    supports,

    async readItem() {
      const item = currentItem();
      if (!item) return null;
      const threadId = item.conversationId || null;
      if (isCompose(item)) return { mode: 'compose', threadId };
      const read = item as Office.MessageRead;
      return {
        mode: 'read',
        threadId,
        subject: typeof read.subject === 'string' ? read.subject : '',
        from: toAddress(read.from),
        to: toAddresses(read.to),
        cc: toAddresses(read.cc),
        attachments: Array.isArray(read.attachments) ? read.attachments.map(toAttachment) : [],
      };
    },

    onItemChanged(listener) {
      return addMailboxHandler(itemChangedEvent, () => listener());
    },

    isDarkTheme,

    onThemeChanged(listener) {
      if (!themeChangedEvent) return () => {};
      return addMailboxHandler(themeChangedEvent, (arg) => {
        const theme = (arg as { officeTheme?: { bodyBackgroundColor?: unknown } } | undefined)?.officeTheme;
        listener(theme ? isDarkColor(theme.bodyBackgroundColor) : isDarkTheme());
      });
    },

    async getAttachmentContent(attachmentId) {
      const item = currentItem();
      if (!item || typeof item.getAttachmentContentAsync !== 'function') {
        throw new OfficeError(t.office.cannotReadAttachments);
      }
      const content = await call<Office.AttachmentContent>(t.office.readingTheAttachment, (done) =>
        item.getAttachmentContentAsync(attachmentId, done),
      );
      const format = String(content.format).toLowerCase();
      if (format === 'base64') return { format: 'base64', base64: content.content };
      if (format === 'eml') return { format: 'eml', text: content.content };
      if (format === 'icalendar') return { format: 'icalendar', text: content.content };
      if (format === 'url') return { format: 'url', url: content.content };
      throw new OfficeError(t.office.unknownAttachmentFormat(String(content.format)));
    },

    async getComposeRecipients() {
      const item = currentItem();
      if (!item) return { to: [], cc: [], bcc: [] };
      const [to, cc, bcc] = await Promise.all([
        readRecipients(item.to as unknown as RecipientField, t.office.readingTheToRecipients),
        readRecipients(item.cc as unknown as RecipientField, t.office.readingTheCcRecipients),
        readRecipients(item.bcc as unknown as RecipientField, t.office.readingTheBccRecipients),
      ]);
      return { to, cc, bcc };
    },

    async insertIntoBody({ html, text }) {
      const item = currentItem();
      const body = item?.body as Office.Body | undefined;
      if (!body || typeof body.setSelectedDataAsync !== 'function') {
        throw new OfficeError(t.office.cannotEditEmail);
      }
      let type = 'text';
      if (typeof body.getTypeAsync === 'function') {
        type = String(await call<Office.CoercionType>(t.office.readingTheBodyType, (done) => body.getTypeAsync(done)));
      }
      const asHtml = type.toLowerCase() === 'html';
      const coercionType =
        (asHtml ? office.CoercionType?.Html : office.CoercionType?.Text) ?? (asHtml ? 'html' : 'text');
      await call<void>(t.office.insertingIntoTheEmail, (done) =>
        body.setSelectedDataAsync(asHtml ? html : text, { coercionType: coercionType as Office.CoercionType }, done),
      );
    },

    settings,

    openDialog(url, size) {
      return new Promise<string>((resolve, reject) => {
        const ui = office.context.ui;
        if (!ui || typeof ui.displayDialogAsync !== 'function') {
          reject(new OfficeError(t.office.cannotOpenDialog));
          return;
        }
        ui.displayDialogAsync(
          url,
          { height: size.heightPercent, width: size.widthPercent, promptBeforeOpen: false },
          (result: AnyAsyncResult) => {
            if (!succeeded(result)) {
              reject(fail(result, t.office.openingTheDialog));
              return;
            }
            const dialog = result.value as Office.Dialog;
            let settled = false;
            dialog.addEventHandler(office.EventType?.DialogMessageReceived ?? 'dialogMessageReceived', (arg) => {
              if (settled) return;
              settled = true;
              dialog.close();
              const message = (arg as { message?: unknown }).message;
              resolve(typeof message === 'string' ? message : '');
            });
            dialog.addEventHandler(office.EventType?.DialogEventReceived ?? 'dialogEventReceived', (arg) => {
              if (settled) return;
              settled = true;
              const code = (arg as { error?: number }).error ?? null;
              reject(new OfficeError(code === DIALOG_CLOSED ? t.office.dialogClosed : t.office.dialogFailed, code));
            });
          },
        );
      });
    },

    messageParent(message) {
      const ui = office.context.ui;
      if (!ui || typeof ui.messageParent !== 'function') throw new OfficeError(t.office.notInDialog);
      if (supports('DialogApi', '1.2')) {
        ui.messageParent(message, { targetOrigin: window.location.origin });
      } else {
        ui.messageParent(message);
      }
    },
  };
}

/** localStorage under a prefix: the browser's stand-in for roaming settings. */
export function createBrowserSettings(
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage(),
): SettingsStore {
  const memory = new Map<string, string>();
  const prefix = 'confer.settings.';
  return {
    get<T>(key: string) {
      let raw: string | null | undefined;
      try {
        raw = storage ? storage.getItem(prefix + key) : memory.get(key);
      } catch {
        raw = memory.get(key);
      }
      if (raw === null || raw === undefined) return undefined;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      const raw = JSON.stringify(value);
      try {
        if (storage) storage.setItem(prefix + key, raw);
        else memory.set(key, raw);
      } catch {
        memory.set(key, raw); // storage full or blocked: keep it for this page
      }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

type OfficeWindow = { Office?: OfficeApi };

/**
 * Office.js blanks `history.replaceState` and `pushState` on the page (own properties set to
 * null). The `History` prototype still has them: removing the blanks brings them back, so
 * the app can keep tokens and secure links out of the address bar.
 */
export function repairHistoryApi(history: History = window.history): void {
  for (const name of ['replaceState', 'pushState'] as const) {
    if (Object.prototype.hasOwnProperty.call(history, name) && typeof history[name] !== 'function') {
      delete (history as Partial<History>)[name];
    }
  }
}

/**
 * Waits for Office.js when the page loaded it (the task pane pages do; the browser app does
 * not) and returns the host when it is Outlook. A page opened outside Office gets null.
 */
export async function connectOfficeHost(
  win: OfficeWindow = window as unknown as OfficeWindow,
  timeoutMs = 15_000,
): Promise<OfficeHost | null> {
  const office = win.Office;
  if (!office || typeof office.onReady !== 'function') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    if (!info) return null;
    const host = String(info.host ?? '');
    if (host.toLowerCase() !== 'outlook') return null;
    return createOfficeHost(office, info.platform ? String(info.platform) : null);
  } finally {
    clearTimeout(timer);
  }
}
