import type { PortalMatterRef } from '@confer/ui';
import { t } from '../messages';

/** "Matter 2026-0001 · Purchase of 14 Quay Street", without repeating a title already shown. */
export function matterLine(matter: PortalMatterRef | null, shownTitle?: string): string | null {
  if (!matter) return null;
  return matter.title && matter.title !== shownTitle
    ? t.common.matterWithTitle(matter.number, matter.title)
    : t.common.matter(matter.number);
}
