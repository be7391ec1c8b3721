import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatFileSize, type DocumentDetails } from '@confer/ui';
import { formatFullDateTime } from '@confer/ui/format-time';
import { t } from '../messages';

type TVersion = DocumentDetails['versions'][number];

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { listStyleType: 'none', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { flexGrow: 1, minWidth: 0 },
  meta: { color: tokens.colorNeutralForeground3 },
});

/** A document's versions, newest first; the one shown is marked, any other opens in its place. */
export function FileVersionList({
  versions,
  shownVersionId,
  onOpen,
}: {
  versions: TVersion[];
  shownVersionId: string;
  onOpen: (version: TVersion) => void;
}) {
  const styles = useStyles();
  return (
    <section aria-label={t.files.versions}>
      <Text weight="semibold" block>
        {t.files.versions}
      </Text>
      <ul className={styles.list}>
        {versions.map((v) => (
          <li key={v.id} className={styles.item}>
            <Text className={styles.label}>
              {t.files.versionName(v.version, v.name)}{' '}
              <span className={styles.meta}>
                · {formatFullDateTime(v.createdAt)} · {formatFileSize(v.size)}
              </span>
            </Text>
            {v.id === shownVersionId ? (
              <Text size={200} aria-current="true">
                {t.files.shown}
              </Text>
            ) : (
              <Button
                size="small"
                appearance="subtle"
                onClick={() => onOpen(v)}
                aria-label={t.files.openVersion(v.version)}
              >
                {t.files.open}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
