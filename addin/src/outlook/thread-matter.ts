import type { SettingsStore } from '../office/office-host';

/**
 * Which matter an email thread is about, once staff picked it: remembered per Outlook thread
 * (the item's conversationId) in roaming settings, so every email of the thread, on any of the
 * user's devices, opens on that matter. Roaming settings are small (32 KB): the most recent
 * 100 threads are kept.
 */
const KEY = 'threadMatters';
const MAX_THREADS = 100;

type ThreadMatters = Record<string, { matterId: string; at: number }>;

export function rememberedMatter(settings: SettingsStore, threadId: string | null): string | null {
  if (!threadId) return null;
  const entry = settings.get<ThreadMatters>(KEY)?.[threadId];
  return entry && typeof entry.matterId === 'string' ? entry.matterId : null;
}

export async function rememberMatter(settings: SettingsStore, threadId: string | null, matterId: string) {
  if (!threadId) return;
  const current = settings.get<ThreadMatters>(KEY) ?? {};
  if (current[threadId]?.matterId === matterId) return;
  const entries = Object.entries({ ...current, [threadId]: { matterId, at: Date.now() } })
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_THREADS);
  await settings.set(KEY, Object.fromEntries(entries));
}
