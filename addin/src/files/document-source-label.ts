import type { DocumentSource } from '@confer/ui';

const LABELS: Record<DocumentSource, string> = {
  staff: 'Staff',
  outlook: 'Outlook',
  portal: 'Portal',
  export: 'Export',
};

/** Where a matter document came from, in words. */
export const documentSourceLabel = (source: DocumentSource) => LABELS[source] ?? source;

/** "Shared · updated 3 May, 14:05" or "Access removed", for a share in the Files tab. */
export function describeShareState(
  share: { revokedAt: string | null; document: { updatedAt: string } },
  formatTime: (iso: string) => string,
): string {
  return share.revokedAt ? 'Access removed' : `Shared · updated ${formatTime(share.document.updatedAt)}`;
}
