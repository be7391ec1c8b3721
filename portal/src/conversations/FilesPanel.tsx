import { makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { DocumentRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { useListStyles } from '../common/list-styles';
import { useLoader } from '@confer/ui';
import { FileRow } from '../files/FileRow';
import { portalClient } from '../session/portal-client';
import { useLiveEvent } from '../shell/portal-context';
import { t } from '../messages';

const useStyles = makeStyles({
  scroll: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto' },
  inner: { maxWidth: '820px', margin: '0 auto', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
});

/** Every file in this conversation: attachments either way, and documents shared live. */
export function FilesPanel({ conversationId }: { conversationId: string }) {
  const styles = useStyles();
  const list = useListStyles();
  const files = useLoader((signal) => portalClient.listConversationFiles(conversationId, { signal }), [conversationId]);
  const { reload } = files;
  useLiveEvent((event) => {
    if (event.type === 'resync') reload();
    else if (event.type === 'files.changed' && event.conversationId === conversationId) reload();
    else if (event.type === 'message.created' && event.conversationId === conversationId && event.message.files?.length)
      reload();
  });
  const items = files.data?.items;
  return (
    <div className={styles.scroll}>
      <div className={styles.inner}>
        {files.error ? <ErrorNotice error={files.error} /> : null}
        {!items && files.loading ? <Loading label={t.conversations.loadingFiles} /> : null}
        {items && items.length === 0 ? (
          <EmptyState icon={<DocumentRegular />} title={t.conversations.noFilesYet}>
            {t.conversations.filesYouAndYour}
          </EmptyState>
        ) : null}
        {items && items.length > 0 ? (
          <ul className={list.list} aria-label={t.conversations.filesInThisConversation}>
            {items.map((file) => (
              <li key={`${file.kind}:${file.shareId ?? ''}:${file.versionId}`} className={list.item}>
                <FileRow file={file} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
