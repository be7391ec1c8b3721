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
      setExported(`${record.pdf.name} and ${record.manifest.name}`);
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
              Share a document
            </Button>
          )}
          {matterId && (
            <Button disabledFocusable={exporting} onClick={() => void exportConversation()}>
              {exporting ? 'Exporting…' : 'Export conversation'}
            </Button>
          )}
          {matterId && (
            <Button disabledFocusable={exporting} onClick={() => void exportRecord()}>
              Export record
            </Button>
          )}
        </div>
      )}
      {exported && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <span role="status">Exported to the matter&apos;s documents as {exported}.</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {error != null && <ErrorNotice error={error} />}
      {state.status === 'loading' && <Spinner size="small" label="Loading files…" />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <section className={styles.section} aria-labelledby="files-shared-heading">
            <Subtitle2 as="h3" id="files-shared-heading" className={styles.heading}>
              Shared documents
            </Subtitle2>
            {state.data.shares.length === 0 ? (
              <Text className={styles.muted}>No documents are shared in this conversation.</Text>
            ) : (
              <ul className={styles.list} aria-label="Shared documents">
                {state.data.shares.map((share) => (
                  <li key={share.id} className={styles.item} data-testid="share-row">
                    <div className={styles.text}>
                      <Text className={styles.name} title={share.document.name}>
                        {share.document.name}
                      </Text>
                      <Text size={200} className={styles.meta}>
                        {describeShareState(share, formatActivityTime)} · by {share.sharedBy.name} · version{' '}
                        {share.document.latest.version}
                        {share.document.latest.version > 1
                          ? `, updated ${formatActivityTime(share.document.latest.createdAt)}`
                          : ''}{' '}
                        · {formatFileSize(share.document.latest.size)}
                      </Text>
                    </div>
                    {share.revokedAt ? (
                      <Badge appearance="tint" color="subtle">
                        Access removed
                      </Badge>
                    ) : (
                      <>
                        <Button
                          size="small"
                          appearance="subtle"
                          aria-label={`Download ${share.document.name}`}
                          onClick={() =>
                            void download({ versionId: share.document.latest.id, name: share.document.name })
                          }
                        >
                          Download
                        </Button>
                        {!readOnly && (
                          <Button size="small" onClick={() => revoking.open(share)}>
                            Remove access
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
              Files sent
            </Subtitle2>
            {state.data.attachments.length === 0 ? (
              <Text className={styles.muted}>No files have been sent in this conversation.</Text>
            ) : (
              <ul className={styles.list} aria-label="Files sent">
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
                        aria-label={`Download ${file.name}`}
                        onClick={() => void download(file)}
                      >
                        Download
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
            title="Share a document"
            description="The people in this conversation can open the document's latest version until you remove their access."
            confirmLabel="Share"
            busyLabel="Sharing…"
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
          title="Remove access?"
          body={`The people in this conversation will no longer be able to open ${revoking.state.value.document.name}. The document stays in the matter.`}
          confirmLabel="Remove access"
          busyLabel="Removing…"
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
