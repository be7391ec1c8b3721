// The Office wrapper against office-addin-mock's Outlook mock: every Office call the add-in
// makes goes through createOfficeHost, so this is where their shapes are pinned down.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OfficeMockObject } from 'office-addin-mock';
import {
  DIALOG_CLOSED,
  OfficeError,
  connectOfficeHost,
  createBrowserSettings,
  createOfficeHost,
  isDarkColor,
} from '../src/office/office-host.ts';

type Callback = (result: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;
const ok = (value?: unknown) => ({ status: 'succeeded', value });
const failed = (code: number, message: string) => ({ status: 'failed', error: { code, message } });

const attachments = [
  {
    id: 'a1',
    name: 'Contract.pdf',
    size: 1200,
    contentType: 'application/pdf',
    attachmentType: 'file',
    isInline: false,
  },
  { id: 'a2', name: 'Re: draft', size: 800, contentType: 'message/rfc822', attachmentType: 'item', isInline: false },
  { id: 'a3', name: 'Plans.docx', size: 0, contentType: null, attachmentType: 'cloud', isInline: false },
  { id: 'a4', name: 'logo.png', size: 90, contentType: 'image/png', attachmentType: 'file', isInline: true },
];

const contents: Record<string, { format: string; content: string }> = {
  a1: { format: 'base64', content: 'JVBERi0xLjQ=' },
  a2: { format: 'eml', content: 'Subject: Re: draft\r\n\r\nHello' },
  a3: { format: 'url', content: 'https://files.example/plans.docx' },
  a5: { format: 'iCalendar', content: 'BEGIN:VCALENDAR' },
};

function readMock(extra: Record<string, unknown> = {}) {
  const saved: unknown[] = [];
  const roaming: Record<string, unknown> = { existing: { matterId: 'm-1' } };
  const handlers: Array<() => void> = [];
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      mailbox: {
        item: {
          conversationId: 'thread-1',
          subject: 'Draft contract',
          from: { displayName: 'Jordan Ellis', emailAddress: 'jordan.ellis@mail.example' },
          to: [
            { displayName: 'Alex Morgan', emailAddress: 'alex.morgan@harbourvale.example' },
            { displayName: '', emailAddress: 'sam.ellis@mail.example' },
          ],
          cc: [],
          attachments,
          getAttachmentContentAsync(id: string, callback: Callback) {
            const content = contents[id];
            callback(content ? ok(content) : failed(9002, 'The attachment is gone'));
          },
        },
        addHandlerAsync(_event: string, handler: () => void, callback: Callback) {
          handlers.push(handler);
          callback(ok());
        },
        removeHandlerAsync(_event: string, callback: Callback) {
          handlers.length = 0;
          callback(ok());
        },
      },
      requirements: {
        isSetSupported: (name: string, version: string) =>
          (name === 'Mailbox' && Number(version.split('.')[1]) <= 8) || (name === 'NestedAppAuth' && version === '1.1'),
      },
      roamingSettings: {
        get: (key: string) => roaming[key],
        set: (key: string, value: unknown) => void (roaming[key] = value),
        saveAsync(callback: Callback) {
          saved.push(JSON.parse(JSON.stringify(roaming)));
          callback(ok());
        },
      },
      ...extra,
    },
    EventType: {
      ItemChanged: 'olkItemSelectedChanged',
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
    },
    CoercionType: { Html: 'html', Text: 'text' },
  });
  return { office: mock as unknown as typeof Office, saved, handlers };
}

function composeMock(bodyType: 'html' | 'text') {
  const inserted: Array<{ data: string; coercionType: string }> = [];
  const recipients = (list: Array<{ displayName: string; emailAddress: string }>) => ({
    getAsync: (callback: Callback) => callback(ok(list)),
  });
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      mailbox: {
        item: {
          conversationId: 'thread-2',
          to: recipients([{ displayName: 'Jordan Ellis', emailAddress: 'jordan.ellis@mail.example' }]),
          cc: recipients([{ displayName: 'Riya Kapoor', emailAddress: 'riya.kapoor@mail.example' }]),
          bcc: recipients([]),
          body: {
            getTypeAsync: (callback: Callback) => callback(ok(bodyType)),
            setSelectedDataAsync(data: string, options: { coercionType: string }, callback: Callback) {
              inserted.push({ data, coercionType: options.coercionType });
              callback(ok());
            },
          },
        },
      },
      requirements: { isSetSupported: () => true },
    },
    CoercionType: { Html: 'html', Text: 'text' },
  });
  return { office: mock as unknown as typeof Office, inserted };
}

describe('createOfficeHost on a read item', () => {
  test('when an email is open, then its thread, sender, recipients and attachments come back as plain data', async () => {
    const host = createOfficeHost(readMock().office, 'OfficeOnline');
    assert.equal(host.platform, 'OfficeOnline');
    assert.deepEqual(await host.readItem(), {
      mode: 'read',
      threadId: 'thread-1',
      subject: 'Draft contract',
      from: { name: 'Jordan Ellis', email: 'jordan.ellis@mail.example' },
      to: [
        { name: 'Alex Morgan', email: 'alex.morgan@harbourvale.example' },
        { name: 'sam.ellis@mail.example', email: 'sam.ellis@mail.example' },
      ],
      cc: [],
      attachments: [
        { id: 'a1', name: 'Contract.pdf', size: 1200, contentType: 'application/pdf', kind: 'file', isInline: false },
        { id: 'a2', name: 'Re: draft', size: 800, contentType: 'message/rfc822', kind: 'item', isInline: false },
        { id: 'a3', name: 'Plans.docx', size: 0, contentType: null, kind: 'cloud', isInline: false },
        { id: 'a4', name: 'logo.png', size: 90, contentType: 'image/png', kind: 'file', isInline: true },
      ],
    });
  });

  test('when attachment content is read, then Base64, EML, iCalendar and URL formats are told apart', async () => {
    const host = createOfficeHost(readMock().office);
    assert.deepEqual(await host.getAttachmentContent('a1'), { format: 'base64', base64: 'JVBERi0xLjQ=' });
    assert.deepEqual(await host.getAttachmentContent('a2'), { format: 'eml', text: 'Subject: Re: draft\r\n\r\nHello' });
    assert.deepEqual(await host.getAttachmentContent('a3'), { format: 'url', url: 'https://files.example/plans.docx' });
    assert.deepEqual(await host.getAttachmentContent('a5'), { format: 'icalendar', text: 'BEGIN:VCALENDAR' });
    await assert.rejects(host.getAttachmentContent('missing'), (error: unknown) => {
      assert.ok(error instanceof OfficeError);
      assert.equal(error.code, 9002);
      assert.equal(error.message, 'The attachment is gone');
      return true;
    });
  });

  test('when requirement sets are asked about, then the host answers (nested app auth included)', () => {
    const host = createOfficeHost(readMock().office);
    assert.equal(host.supports('Mailbox', '1.8'), true);
    assert.equal(host.supports('Mailbox', '1.13'), false);
    assert.equal(host.supports('NestedAppAuth', '1.1'), true);
  });

  test('when a setting is saved, then it goes to roaming settings and is saved to the mailbox', async () => {
    const { office, saved } = readMock();
    const host = createOfficeHost(office);
    assert.deepEqual(host.settings.get('existing'), { matterId: 'm-1' });
    assert.equal(host.settings.get('absent'), undefined);
    await host.settings.set('threadMatters', { 'thread-1': 'm-2' });
    assert.deepEqual(host.settings.get('threadMatters'), { 'thread-1': 'm-2' });
    assert.deepEqual(saved, [{ existing: { matterId: 'm-1' }, threadMatters: { 'thread-1': 'm-2' } }]);
  });

  test('when the selected email changes under a pinned pane, then the listener hears it until unsubscribed', () => {
    const { office, handlers } = readMock();
    const host = createOfficeHost(office);
    let calls = 0;
    const stop = host.onItemChanged(() => calls++);
    assert.equal(handlers.length, 1);
    handlers[0]!();
    assert.equal(calls, 1);
    stop();
    assert.equal(handlers.length, 0);
  });

  test('when a dialog sends a message, then openDialog resolves with it; when the user closes it, it rejects', async () => {
    const script: Array<{ event: string; arg: unknown }> = [];
    const dialog = {
      closed: false,
      handlers: new Map<string, (arg: unknown) => void>(),
      addEventHandler(event: string, handler: (arg: unknown) => void) {
        this.handlers.set(event, handler);
      },
      close() {
        this.closed = true;
      },
    };
    const { office } = readMock({
      ui: {
        displayDialogAsync(url: string, options: { height: number; width: number }, callback: Callback) {
          assert.equal(url, 'https://localhost:3000/addin/auth-dialog.html');
          assert.equal(options.height, 60);
          callback(ok(dialog));
          for (const step of script) dialog.handlers.get(step.event)?.(step.arg);
        },
      },
    });
    const host = createOfficeHost(office);
    script.push({ event: 'dialogMessageReceived', arg: { message: '{"ok":true}' } });
    const size = { heightPercent: 60, widthPercent: 30 };
    assert.equal(await host.openDialog('https://localhost:3000/addin/auth-dialog.html', size), '{"ok":true}');
    assert.equal(dialog.closed, true);
    script.length = 0;
    script.push({ event: 'dialogEventReceived', arg: { error: DIALOG_CLOSED } });
    await assert.rejects(host.openDialog('https://localhost:3000/addin/auth-dialog.html', size), {
      name: 'OfficeError',
      code: DIALOG_CLOSED,
    });
  });
});

describe('createOfficeHost on a composed item', () => {
  test('when composing, then the item says so and the recipients are read through getAsync', async () => {
    const host = createOfficeHost(composeMock('html').office);
    assert.deepEqual(await host.readItem(), { mode: 'compose', threadId: 'thread-2' });
    assert.deepEqual(await host.getComposeRecipients(), {
      to: [{ name: 'Jordan Ellis', email: 'jordan.ellis@mail.example' }],
      cc: [{ name: 'Riya Kapoor', email: 'riya.kapoor@mail.example' }],
      bcc: [],
    });
  });

  test('when a link is inserted, then an HTML body gets the HTML and a plain-text body the text', async () => {
    const html = composeMock('html');
    await createOfficeHost(html.office).insertIntoBody({ html: '<a href="x">Open</a>', text: 'Open: x' });
    assert.deepEqual(html.inserted, [{ data: '<a href="x">Open</a>', coercionType: 'html' }]);
    const text = composeMock('text');
    await createOfficeHost(text.office).insertIntoBody({ html: '<a href="x">Open</a>', text: 'Open: x' });
    assert.deepEqual(text.inserted, [{ data: 'Open: x', coercionType: 'text' }]);
  });
});

describe('connectOfficeHost', () => {
  test('when the page has no Office.js, then there is no host (the plain browser app)', async () => {
    assert.equal(await connectOfficeHost({}), null);
  });

  test('when Office.js reports Outlook, then the host is ready; any other host or none is not Outlook', async () => {
    const { office } = readMock();
    const ready = (info: { host: string | null; platform: string | null }) =>
      Object.assign(Object.create(office) as typeof Office, { onReady: async () => info });
    const outlook = await connectOfficeHost({ Office: ready({ host: 'Outlook', platform: 'PC' }) });
    assert.equal(outlook?.platform, 'PC');
    assert.equal((await outlook?.readItem())?.mode, 'read');
    assert.equal(await connectOfficeHost({ Office: ready({ host: 'Word', platform: 'PC' }) }), null);
    assert.equal(await connectOfficeHost({ Office: ready({ host: null, platform: null }) }), null);
    const never = Object.assign(Object.create(office) as typeof Office, { onReady: () => new Promise(() => {}) });
    assert.equal(await connectOfficeHost({ Office: never }, 20), null);
  });
});

describe('createBrowserSettings', () => {
  test('when there is no Office, then settings live in localStorage as JSON under a prefix', async () => {
    const store = new Map<string, string>();
    const settings = createBrowserSettings({
      getItem: (key) => store.get(key) ?? null,
      setItem: (key, value) => void store.set(key, value),
    });
    await settings.set('threadMatters', { t: 'm' });
    assert.deepEqual([...store.entries()], [['confer.settings.threadMatters', '{"t":"m"}']]);
    assert.deepEqual(settings.get('threadMatters'), { t: 'm' });
    store.set('confer.settings.broken', '{');
    assert.equal(settings.get('broken'), undefined);
    const memoryOnly = createBrowserSettings(null);
    await memoryOnly.set('k', 1);
    assert.equal(memoryOnly.get('k'), 1);
  });
});

function themedMock(bodyBackgroundColor: string | undefined, withThemeEvent: boolean) {
  const handlers = new Map<string, (arg: unknown) => void>();
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      ...(bodyBackgroundColor
        ? {
            officeTheme: {
              bodyBackgroundColor,
              bodyForegroundColor: '#ffffff',
              controlBackgroundColor: '#333333',
              controlForegroundColor: '#ffffff',
            },
          }
        : {}),
      mailbox: {
        item: { conversationId: 'thread-3', subject: 'Theme', to: [], cc: [], attachments: [] },
        addHandlerAsync(event: string, handler: (arg: unknown) => void, callback: Callback) {
          if (!withThemeEvent && event === 'officeThemeChanged') throw new Error('Unknown event');
          handlers.set(event, handler);
          callback(ok());
        },
        removeHandlerAsync(event: string, callback: Callback) {
          handlers.delete(event);
          callback(ok());
        },
      },
    },
    EventType: {
      ItemChanged: 'olkItemSelectedChanged',
      ...(withThemeEvent ? { OfficeThemeChanged: 'officeThemeChanged' } : {}),
    },
  });
  return { office: mock as unknown as typeof Office, handlers };
}

describe('the Office theme', () => {
  test('when colours are judged, then dark backgrounds are dark, light ones are not, and non-colours say nothing', () => {
    for (const dark of ['#000', '#1f1f1f', '#262626', '#444444', '#666666'])
      assert.equal(isDarkColor(dark), true, dark);
    for (const light of ['#fff', '#ffffff', '#f3f2f1', '#e6e6e6', '#c8c8c8'])
      assert.equal(isDarkColor(light), false, light);
    for (const other of [undefined, '', 'black', '#12', '#1234567', 42])
      assert.equal(isDarkColor(other), null, String(other));
  });

  test('when Outlook uses a dark theme, then the host says dark; a light theme says light; no theme says nothing', () => {
    assert.equal(createOfficeHost(themedMock('#262626', true).office).isDarkTheme(), true);
    assert.equal(createOfficeHost(themedMock('#ffffff', true).office).isDarkTheme(), false);
    assert.equal(createOfficeHost(themedMock(undefined, false).office).isDarkTheme(), null);
  });

  test('when the user switches the Office theme, then the listener hears the new darkness until unsubscribed', () => {
    const { office, handlers } = themedMock('#ffffff', true);
    const host = createOfficeHost(office);
    const heard: Array<boolean | null> = [];
    const stop = host.onThemeChanged((dark) => heard.push(dark));
    const handler = handlers.get('officeThemeChanged');
    assert.ok(handler, 'a handler is registered for OfficeThemeChanged');
    handler({ type: 'officeThemeChanged', officeTheme: { bodyBackgroundColor: '#1f1f1f' } });
    handler({ type: 'officeThemeChanged', officeTheme: { bodyBackgroundColor: '#fafafa' } });
    assert.deepEqual(heard, [true, false]);
    stop();
    assert.equal(handlers.has('officeThemeChanged'), false);
  });

  test('when Outlook does not know the theme event, then subscribing does nothing and does not throw', () => {
    const { office, handlers } = themedMock('#262626', false);
    const stop = createOfficeHost(office).onThemeChanged(() => assert.fail('no theme event here'));
    assert.equal(handlers.size, 0);
    stop();
  });
});
