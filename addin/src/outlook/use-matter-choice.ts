import { useCallback, useState } from 'react';
import type { Matter } from '@confer/ui';
import type { SettingsStore } from '../office/office-host';
import { rememberMatter, rememberedMatter } from './thread-matter';

/**
 * The matter an email is about: the one staff picked for this thread before (roaming settings),
 * else the only candidate, else none until staff pick. Picking remembers it for the thread.
 */
export function useMatterChoice(settings: SettingsStore, threadId: string | null, candidates: Matter[]) {
  const [picked, setPicked] = useState<string | null>(null);
  const remembered = rememberedMatter(settings, threadId);
  const has = (id: string | null): id is string => Boolean(id) && candidates.some((m) => m.id === id);
  const matterId = has(picked)
    ? picked
    : has(remembered)
      ? remembered
      : candidates.length === 1
        ? candidates[0]!.id
        : null;
  const choose = useCallback(
    (id: string) => {
      setPicked(id);
      rememberMatter(settings, threadId, id).catch((error: unknown) =>
        console.warn('Could not remember the matter for this email', error instanceof Error ? error.message : ''),
      );
    },
    [settings, threadId],
  );
  return { matterId, matter: candidates.find((m) => m.id === matterId) ?? null, choose };
}
