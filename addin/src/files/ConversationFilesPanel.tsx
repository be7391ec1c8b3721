import { lazy, Suspense, useRef, useState } from 'react';
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  downloadStaffFile,
  type Conversation,
  type DocumentShare,
  type FileRef,
  type Message,
  formatFileSize,
  useLoader,
} from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { describeShareState } from './document-source-label';
import { ErrorNotice } from '@confer/ui/errors';
import { formatActivityTime } from '@confer/ui/format-time';
import { useDialogState } from '../common/use-dialog-state';
import { useFilesApi } from './use-files-api';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

const MatterDocumentPicker = lazy(() =>
  import('./MatterDocumentPicker').then((m) => ({ default: m.MatterDocumentPicker })),
);

type ConversationFilesPanelProps = {
  conversation: Conversation;
  readOnly: boolean;
  /** Loaded messages, to name who sent each file. */
  messages: readonly Pick<Message, 'id' | 'author'>[];
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { margin: 0 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The Files tab (mounted while it shows, so each opening fetches afresh): files sent in the conversation, live shares (with Remove access), and exports (CSV, tamper-evident record). */
export function ConversationFilesPanel({ conversation, readOnly, messages }: ConversationFilesPanelProps) {
  const styles = useStyles();
  const filesApi = useFilesApi();
  const getToken = useGetToken();
  const { state, reload } = useLoader(
    (signal) => filesApi.listConversationFiles(conversation.id, { signal }),
    [filesApi, conversation.id],
  );
  const [error, setError] = useState<unknown>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const sharePicker = useDialogState();
  const revoking = useDialogState<DocumentShare>();
  const shareButton = useRef<HTMLButtonElement>(null);

  const matterId = conversation.matterId;
  const canShare = conversation.kind === 'external_matter' && matterId !== null && !readOnly;

  async function download(file: Pick<FileRef, 'versionId' | 'name'>) {
    setError(null);
    try {
      await downloadStaffFile(file.versionId, file.name, { token: await getToken() });
    } catch (e) {
      setError(e);
    }
  }

  async function exportConversation() {
    setExporting(true);
    setError(null);
    setExported(null);
    try {
      const document = await filesApi.exportConversation(conversation.id);
      setExported(document.name);
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  }

  async function exportRecord() {
    setExporting(true);
    setError(null);
    setExported(null);
    try {
      const record = await filesApi.exportRecord(conversation.id);
      setExported(t.files.joinNames(record.pdf.name, record.manifest.name));
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  }

  const authorOf = (messageId: string) => messages.find((m) => m.id === messageId)?.author.name;

  return (
    <div className={styles.root}>
      {(canShare || matterId) && (
        <div className={styles.actions}>
          {canShare && (
            <Button ref={shareButton} onClick={() => sharePicker.open(true)}>
              {t.files.shareADocument}
            </Button>
          )}
          {matterId && (
            <Button disabledFocusable={exporting} onClick={() => void exportConversation()}>
              {exporting ? t.files.exporting : t.files.exportConversation}
            </Button>
          )}
          {matterId && (
            <Button disabledFocusable={exporting} onClick={() => void exportRecord()}>
              {t.files.exportRecord}
            </Button>
          )}
        </div>
      )}
      {exported && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <span role="status">{t.files.exportedToTheMatters(exported)}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {error != null && <ErrorNotice error={error} />}
      {state.status === 'loading' && <Spinner size="small" label={t.files.loadingFiles} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <section className={styles.section} aria-labelledby="files-shared-heading">
            <Subtitle2 as="h3" id="files-shared-heading" className={styles.heading}>
              {t.files.sharedDocuments}
            </Subtitle2>
            {state.data.shares.length === 0 ? (
              <Text className={styles.muted}>{t.files.noDocumentsAreShared}</Text>
            ) : (
              <ul className={styles.list} aria-label={t.files.sharedDocuments}>
                {state.data.shares.map((share) => (
                  <li key={share.id} className={styles.item} data-testid="share-row">
                    <div className={styles.text}>
                      <Text className={styles.name} title={share.document.name}>
                        {share.document.name}
                      </Text>
                      <Text size={200} className={styles.meta}>
                        {t.files.shareMeta(
                          describeShareState(share, formatActivityTime),
                          share.sharedBy.name,
                          share.document.latest.version,
                          share.document.latest.version > 1
                            ? t.files.updated(formatActivityTime(share.document.latest.createdAt))
                            : '',
                          formatFileSize(share.document.latest.size),
                        )}
                      </Text>
                    </div>
                    {share.revokedAt ? (
                      <Badge appearance="tint" color="subtle">
                        {t.files.accessRemoved}
                      </Badge>
                    ) : (
                      <>
                        <Button
                          size="small"
                          appearance="subtle"
                          aria-label={t.files.download(share.document.name)}
                          onClick={() =>
                            void download({ versionId: share.document.latest.id, name: share.document.name })
                          }
                        >
                          {t.files.downloadLabel}
                        </Button>
                        {!readOnly && (
                          <Button size="small" onClick={() => revoking.open(share)}>
                            {t.files.removeAccess}
                          </Button>
                        )}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className={styles.section} aria-labelledby="files-sent-heading">
            <Subtitle2 as="h3" id="files-sent-heading" className={styles.heading}>
              {t.files.filesSent}
            </Subtitle2>
            {state.data.attachments.length === 0 ? (
              <Text className={styles.muted}>{t.files.noFilesHaveBeen}</Text>
            ) : (
              <ul className={styles.list} aria-label={t.files.filesSent}>
                {state.data.attachments.map(({ messageId, file, sentAt }) => {
                  const author = authorOf(messageId);
                  return (
                    <li key={`${messageId}:${file.versionId}`} className={styles.item}>
                      <div className={styles.text}>
                        <Text className={styles.name} title={file.name}>
                          {file.name}
                        </Text>
                        <Text size={200} className={styles.meta}>
                          {formatFileSize(file.size)} · {author ? `${author}, ` : ''}
                          {formatActivityTime(sentAt)}
                        </Text>
                      </div>
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={t.files.download(file.name)}
                        onClick={() => void download(file)}
                      >
                        {t.files.downloadLabel}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </>
      )}

      {canShare && sharePicker.state && (
        <Suspense fallback={null}>
          <MatterDocumentPicker
            key={sharePicker.state.key}
            open={sharePicker.state.open}
            matterId={matterId}
            title={t.files.shareADocument}
            description={t.files.thePeopleInThis}
            confirmLabel={t.files.share}
            busyLabel={t.files.sharing}
            multiple={false}
            onPick={async ([doc]) => {
              if (!doc) return;
              await filesApi.shareDocument(conversation.id, doc.id);
              sharePicker.close();
              reload();
              requestAnimationFrame(() => shareButton.current?.focus());
            }}
            onClose={() => {
              sharePicker.close();
              requestAnimationFrame(() => shareButton.current?.focus());
            }}
          />
        </Suspense>
      )}
      {revoking.state && (
        <ConfirmDialog
          key={revoking.state.key}
          open={revoking.state.open}
          title={t.files.removeAccessTitle}
          body={t.files.noLongerAbleToOpen(revoking.state.value.document.name)}
          confirmLabel={t.files.removeAccess}
          busyLabel={t.files.removing}
          onConfirm={async () => {
            const share = revoking.state?.value;
            if (!share) return;
            await filesApi.revokeShare(share.id);
            revoking.close();
            reload();
          }}
          onClose={revoking.close}
        />
      )}
    </div>
  );
}
