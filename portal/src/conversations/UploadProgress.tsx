import { progressPerFile } from '@confer/ui';
import { FileUploadProgress } from '@confer/ui/components';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { SendingState } from './use-composer';
import { t } from '../messages';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

/** Each file's share of the upload, with one Cancel for the whole send. */
export function UploadProgress({ sending, onCancel }: { sending: SendingState; onCancel: () => void }) {
  const styles = useStyles();
  const sizes = sending.files.map((f) => f.size);
  const perFile = progressPerFile(sizes, sending.loaded, sending.total);
  const overall = sending.total > 0 ? Math.min(1, sending.loaded / sending.total) : 0;
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Caption1>
          <span role="status">{t.conversations.uploadingFiles(sending.files.length)}</span> {Math.round(overall * 100)}%
        </Caption1>
        <Button size="small" onClick={onCancel}>
          {t.conversations.cancel}
        </Button>
      </div>
      <ul className={styles.list} aria-label={t.conversations.uploadProgress}>
        {sending.files.map((file, index) => {
          const value = perFile[index] ?? 0;
          return (
            <li key={`${index}:${file.name}`}>
              <FileUploadProgress name={file.name} size={file.size} value={value} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
