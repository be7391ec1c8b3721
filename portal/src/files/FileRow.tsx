import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { PortalFile } from '@confer/ui';
import { DocumentIcon } from '../common/icons';
import { formatDate, formatSize } from '../common/format';
import { RouterLink } from '../routing/RouterLink';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  icon: { fontSize: '24px', color: tokens.colorBrandForeground1, display: 'flex', flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, gap: '2px' },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  meta: { color: tokens.colorNeutralForeground3 },
  fresh: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
});

export type FileRowProps = { file: PortalFile; showMatter?: boolean };

/** One file in a list: opens the file view. */
export function FileRow({ file, showMatter = false }: FileRowProps) {
  const styles = useStyles();
  const matter = showMatter && file.matter ? `${file.matter.number} · ${file.matter.title}` : null;
  return (
    <RouterLink
      className={styles.row}
      to={{ name: 'file', conversationId: file.conversationId, versionId: file.versionId }}
    >
      <span className={styles.icon}>
        <DocumentIcon />
      </span>
      <span className={styles.text}>
        <span className={styles.name}>{file.name}</span>
        {matter ? <Caption1 className={styles.meta}>{matter}</Caption1> : null}
        <Caption1 className={styles.meta}>
          {file.kind === 'share' ? 'Shared' : 'Added'} {formatDate(file.receivedAt)} · {formatSize(file.size)}
          {file.kind === 'share' && !file.opened ? (
            <>
              {' · '}
              <span className={styles.fresh}>Not opened yet</span>
            </>
          ) : null}
        </Caption1>
      </span>
    </RouterLink>
  );
}
