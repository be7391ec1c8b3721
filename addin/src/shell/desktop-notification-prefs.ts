/**
 * This browser's choice about desktop notifications, kept in localStorage (per browser, not per
 * account: it is the browser that shows them). Off by default; when on, notifications hide who
 * wrote and what unless `showContent` was chosen, so nothing privileged appears on a locked,
 * shared or projected screen.
 */
export type DesktopNotificationPrefs = { enabled: boolean; showContent: boolean };

const KEY = 'confer.desktop-notifications';
const OFF: DesktopNotificationPrefs = { enabled: false, showContent: false };
const listeners = new Set<() => void>();
let cached: { raw: string | null; prefs: DesktopNotificationPrefs } | null = null;

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked: notifications stay off
  }
}

/** The saved choice (the same object until it changes, for useSyncExternalStore). */
export function readDesktopNotificationPrefs(): DesktopNotificationPrefs {
  const raw = readRaw();
  if (cached && cached.raw === raw) return cached.prefs;
  let prefs = OFF;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<DesktopNotificationPrefs>) : null;
    if (parsed) prefs = { enabled: parsed.enabled === true, showContent: parsed.showContent === true };
  } catch {
    prefs = OFF;
  }
  cached = { raw, prefs };
  return prefs;
}

export function writeDesktopNotificationPrefs(prefs: DesktopNotificationPrefs): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // storage blocked: the choice lasts until the page closes
    cached = { raw: readRaw(), prefs };
  }
  for (const listener of [...listeners]) listener();
}

/** Re-renders on a change here or in another tab of this browser. */
export function subscribeDesktopNotificationPrefs(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (event: StorageEvent) => event.key === KEY && onChange();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** Whether this browser can show desktop notifications at all. */
export const desktopNotificationsSupported = () => typeof window.Notification === 'function';
