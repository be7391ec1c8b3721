import { Button, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatFileSize } from '@confer/ui';
import { countFiles } from './attachment-list';
import { ErrorNotice } from '@confer/ui/errors';
import { FileDropOverlay, FileUploadProgress } from '@confer/ui/components';
import type { Attachments } from './use-attachments';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    maxHeight: '180px',
    overflowY: 'auto',
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  field: { flexGrow: 1, minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  size: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  headText: { flexGrow: 1 },
});

/**
 * What goes with the next message: each file (with its progress bar and a cancel while it
 * uploads, a remove before), the matter documents picked, and why sending is blocked.
 */
export function AttachmentTray({
  attachments,
  conversationTitle,
}: {
  attachments: Attachments;
  conversationTitle: string;
}) {
  const styles = useStyles();
  const { items, documents, progress, uploading } = attachments;
  const showList = items.length > 0 || documents.length > 0;
  return (
    <div className={styles.root}>
      {attachments.dragging && <FileDropOverlay title={conversationTitle} heading={t.composer.dropFilesToAttach} />}
      {showList && (
        <div className={styles.head}>
          <Caption1 className={styles.headText}>
            {uploading ? (
              <span role="status">{t.composer.uploading(countFiles(progress.size))}</span>
            ) : (
              t.composer.attached(countFiles(items.length + documents.length))
            )}
          </Caption1>
          {uploading && (
            <Button size="small" onClick={attachments.cancelUpload}>
              {t.composer.cancelUpload}
            </Button>
          )}
        </div>
      )}
      {items.length > 0 && (
        <ul className={styles.list} aria-label={t.composer.filesToSend}>
          {items.map(({ key, file }) => {
            const value = progress.get(key);
            const label = `${file.name} (${formatFileSize(file.size)})`;
            return (
              <li key={key} className={styles.item}>
                {value === undefined ? (
                  <Text className={styles.name} title={label}>
                    {file.name} <span className={styles.size}>· {formatFileSize(file.size)}</span>
                  </Text>
                ) : (
                  <FileUploadProgress className={styles.field} name={file.name} size={file.size} value={value} />
                )}
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={value === undefined ? t.composer.remove(file.name) : t.composer.cancel(file.name)}
                  onClick={() => attachments.removeItem(key)}
                >
                  {value === undefined ? t.composer.removeLabel : t.composer.cancelLabel}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className={styles.list} aria-label={t.composer.matterDocumentsToSend}>
          {documents.map((doc) => (
            <li key={doc.id} className={styles.item}>
              <Text className={styles.name} title={doc.name}>
                {doc.name} <span className={styles.size}>{t.composer.fromTheMatter(formatFileSize(doc.size))}</span>
              </Text>
              <Button
                size="small"
                appearance="subtle"
                aria-label={t.composer.remove(doc.name)}
                disabled={uploading}
                onClick={() => attachments.removeDocument(doc.id)}
              >
                {t.composer.removeLabel}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {attachments.limitError && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <span role="alert">{attachments.limitError}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {attachments.notice && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{attachments.notice}</MessageBarBody>
        </MessageBar>
      )}
      {attachments.error != null && <ErrorNotice error={attachments.error} />}
    </div>
  );
}
