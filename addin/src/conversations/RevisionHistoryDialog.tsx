import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Message } from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { ErrorNotice } from '@confer/ui/errors';
import { formatFullDateTime } from '@confer/ui/format-time';
import { useApi } from '../common/use-api';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

type RevisionHistoryDialogProps = {
  open: boolean;
  message: Message;
  onClose: () => void;
};

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  current: { backgroundColor: tokens.colorBrandBackground2 },
  label: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
});

/** Every version of an edited message, newest first. */
export function RevisionHistoryDialog({ open, message, onClose }: RevisionHistoryDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const { state, reload } = useLoader((signal) => api.getMessageRevisions(message.id, { signal }), [api, message.id]);

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.conversations.editHistory}</DialogTitle>
          <DialogContent>
            {state.status === 'loading' && <Spinner size="small" label={t.conversations.loadingEarlierVersions} />}
            {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
            {state.status === 'ready' && (
              <ol className={styles.list} aria-label={t.conversations.versionsNewestFirst}>
                <li className={mergeClasses(styles.item, styles.current)}>
                  <Text size={200} className={styles.label}>
                    {t.conversations.current}
                    {state.data.current.editedAt
                      ? t.conversations.editedAtSuffix(formatFullDateTime(state.data.current.editedAt))
                      : ''}
                  </Text>
                  <MessageText body={state.data.current.body} />
                </li>
                {[...state.data.items]
                  .sort((a, b) => b.revision - a.revision)
                  .map((revision) => (
                    <li key={revision.revision} className={styles.item}>
                      <Text size={200} className={styles.label}>
                        {revision.revision === 1
                          ? t.conversations.original
                          : t.conversations.version(revision.revision)}
                        {t.conversations.replaced} {formatFullDateTime(revision.replacedAt)}
                      </Text>
                      <MessageText body={revision.body} />
                    </li>
                  ))}
              </ol>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t.conversations.close}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
