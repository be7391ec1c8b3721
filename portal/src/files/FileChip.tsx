import { formatFileSize } from '@confer/ui';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { PortalFileRef } from '@confer/ui';
import { DocumentRegular } from '@fluentui/react-icons';
import { RouterLink } from '../routing/RouterLink';

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
});

export type FileChipProps = { file: PortalFileRef; conversationId: string };

/** An attachment on a message: opens the file view. */
export function FileChip({ file, conversationId }: FileChipProps) {
  const styles = useStyles();
  return (
    <RouterLink
      className={styles.chip}
      to={{ name: 'file', conversationId, versionId: file.versionId }}
      title={file.name}
    >
      <span className={styles.icon}>
        <DocumentRegular />
      </span>
      <span className={styles.name}>{file.name}</span>
      <span className={styles.size}> {formatFileSize(file.size)}</span>
    </RouterLink>
  );
}
