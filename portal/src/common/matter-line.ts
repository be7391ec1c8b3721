import type { PortalMatterRef } from '@confer/ui';

/** "Matter 2026-0001 · Purchase of 14 Quay Street", without repeating a title already shown. */
export function matterLine(matter: PortalMatterRef | null, shownTitle?: string): string | null {
  if (!matter) return null;
  return matter.title && matter.title !== shownTitle
    ? `Matter ${matter.number} · ${matter.title}`
    : `Matter ${matter.number}`;
}
