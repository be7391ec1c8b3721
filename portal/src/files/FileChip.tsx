import { useState } from 'react';
import { formatFileSize, portalPreviewUrl } from '@confer/ui';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { FilePreview, PortalFileRef } from '@confer/ui';
import { FileThumbnail } from '@confer/ui/file-thumbnail';
import { DocumentRegular } from '@fluentui/react-icons';
import { useLiveEvent } from '../shell/portal-context';
import { RouterLink } from '../routing/RouterLink';
import { t } from '../messages';

const useStyles = makeStyles({
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    maxWidth: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    minHeight: '36px',
    ':hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1Hover}`,
    },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  icon: { display: 'flex', color: tokens.colorBrandForeground1, flexShrink: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  size: { color: tokens.colorNeutralForeground3, flexShrink: 0, fontSize: tokens.fontSizeBase200 },
  stack: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  thumbnail: {
    display: 'block',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** The file's preview state, updated live when the server has made it (`file.preview`). */
function useLivePreview(file: PortalFileRef): FilePreview | null {
  const [live, setLive] = useState<FilePreview | null>(null);
  useLiveEvent((event) => {
    if (event.type === 'file.preview' && event.versionId === file.versionId) setLive(event.preview);
  });
  return live ?? file.preview;
}

export type FileChipProps = { file: PortalFileRef; conversationId: string };

/** An attachment on a message: opens the file view. */
export function FileChip({ file, conversationId }: FileChipProps) {
  const styles = useStyles();
  const preview = useLivePreview(file);
  const to = { name: 'file', conversationId, versionId: file.versionId } as const;
  const chip = (
    <RouterLink className={styles.chip} to={to} title={file.name}>
      <span className={styles.icon}>
        <DocumentRegular />
      </span>
      <span className={styles.name}>{file.name}</span>
      <span className={styles.size}> {formatFileSize(file.size)}</span>
    </RouterLink>
  );
  if (!preview || preview.status === 'failed') return chip;
  // An image's thumbnail or a PDF's first page above the chip; both open the file view.
  return (
    <span className={styles.stack}>
      <RouterLink className={styles.thumbnail} to={to} title={file.name} aria-label={t.files.openPreview(file.name)}>
        <FileThumbnail
          name={file.name}
          preview={preview}
          src={preview.status === 'ready' ? portalPreviewUrl(file.versionId) : null}
        />
      </RouterLink>
      {chip}
    </span>
  );
}
