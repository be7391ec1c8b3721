import { formatFileSize } from '@confer/ui';
import { Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../messages';

export type FileProgress = {
  key: string;
  name: string;
  size: number;
  /** 0..1 */
  progress: number;
  state: 'waiting' | 'reading' | 'uploading' | 'done' | 'failed';
  error?: string;
};

const STATE_TEXT: Record<FileProgress['state'], string> = {
  waiting: t.outlook.waiting,
  reading: t.outlook.readingFromOutlook,
  uploading: t.outlook.uploadingState,
  done: t.outlook.sharedState,
  failed: t.outlook.notShared,
};

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { listStyleType: 'none' },
});

/** One progress bar per file, named by the file, with its state as the hint. */
export function FileProgressList({ items, label }: { items: FileProgress[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className={styles.item} data-file-state={item.state}>
          <Field
            label={item.name}
            hint={`${STATE_TEXT[item.state]}${item.state === 'uploading' ? ` · ${Math.round(item.progress * 100)} %` : ''} · ${formatFileSize(item.size)}`}
            validationState={item.state === 'failed' ? 'error' : item.state === 'done' ? 'success' : 'none'}
            validationMessage={item.state === 'failed' ? item.error : undefined}
          >
            <ProgressBar
              value={item.state === 'done' ? 1 : item.progress}
              max={1}
              color={item.state === 'failed' ? 'error' : item.state === 'done' ? 'success' : 'brand'}
            />
          </Field>
        </li>
      ))}
    </ul>
  );
}
