import type { DocumentSource } from '@confer/ui';
import { t } from '../messages';

const LABELS: Record<DocumentSource, string> = {
  staff: t.files.sourceStaff,
  outlook: t.files.sourceOutlook,
  portal: t.files.sourcePortal,
  export: t.files.sourceExport,
};

/** Where a matter document came from, in words. */
export const documentSourceLabel = (source: DocumentSource) => LABELS[source] ?? source;

/** "Shared · updated 3 May, 14:05" or "Access removed", for a share in the Files tab. */
export function describeShareState(
  share: { revokedAt: string | null; document: { updatedAt: string } },
  formatTime: (iso: string) => string,
): string {
  return share.revokedAt ? t.files.accessRemoved : t.files.sharedUpdated(formatTime(share.document.updatedAt));
}
