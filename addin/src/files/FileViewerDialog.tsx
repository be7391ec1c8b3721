import { useEffect, useState } from 'react';
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
  tokens,
} from '@fluentui/react-components';
import {
  fetchStaffFile,
  formatFileSize,
  isPrintable,
  previewKindOf,
  printFile,
  saveBlob,
  useTextPreview,
  type DocumentDetails,
  type PreviewKind,
} from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import type { FileToView } from './file-viewer-context';
import { FileComments } from './FileComments';
import { FileVersionList } from './FileVersionList';
import { formatFullDateTime } from '@confer/ui/format-time';
import { useFilesApi } from './use-files-api';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

/** The version shown: name, type and size, and for a document (always its latest) its number and date. */
type Shown = {
  versionId: string;
  name: string;
  contentType: string;
  size: number;
  version?: { number: number; at: string };
};

const useStyles = makeStyles({
  surface: { width: 'min(960px, calc(100vw - 24px))', maxWidth: 'none' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  meta: { color: tokens.colorNeutralForeground3 },
  frame: {
    width: '100%',
    height: '60vh',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  image: { display: 'block', maxWidth: '100%', maxHeight: '60vh', margin: '0 auto' },
  text: {
    margin: 0,
    maxHeight: '60vh',
    overflow: 'auto',
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  actions: { flexWrap: 'wrap' },
});

/**
 * The version shown and its document's details (versions, comments): an attachment starts at
 * the version that was sent, a document at its latest; another version can be opened in place.
 */
function useShownVersion(target: FileToView) {
  const filesApi = useFilesApi();
  const [shown, setShown] = useState<Shown | null>(
    'file' in target
      ? {
          versionId: target.file.versionId,
          name: target.file.name,
          contentType: target.file.contentType,
          size: target.file.size,
        }
      : null,
  );
  const [details, setDetails] = useState<DocumentDetails | null>(null);
  const [error, setError] = useState<unknown>(null);
  const documentId = 'documentId' in target ? target.documentId : target.file.documentId;
  const opensLatest = !('file' in target);
  useEffect(() => {
    const controller = new AbortController();
    filesApi.getDocument(documentId, { signal: controller.signal }).then(
      (found) => {
        setDetails(found);
        const sent = shown ? found.versions.find((v) => v.id === shown.versionId) : undefined;
        const v = opensLatest || !sent ? found.document.latest : sent;
        setShown(shownOf(v));
      },
      (e: unknown) => {
        // an attachment still opens without its document's details (e.g. a matter one may not see)
        if (!controller.signal.aborted && opensLatest) setError(e);
      },
    );
    return () => controller.abort();
    // once per document: `shown` is only the version to start at
  }, [filesApi, documentId, opensLatest]);
  return { shown, setShown, details, error };
}

const shownOf = (v: DocumentDetails['versions'][number]): Shown => ({
  versionId: v.id,
  name: v.name,
  contentType: v.contentType,
  size: v.size,
  version: { number: v.version, at: v.createdAt },
});

/** The file's bytes, fetched once with the staff token for the preview, Print and Download. */
function useFileBlob(versionId: string | null, wanted: boolean) {
  const getToken = useGetToken();
  const [blob, setBlob] = useState<Blob | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!versionId || !wanted) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const fetched = await fetchStaffFile(versionId, { token: await getToken(), signal: controller.signal });
        if (!controller.signal.aborted) setBlob(fetched);
      } catch (e) {
        if (!controller.signal.aborted) setError(e);
      }
    })();
    return () => controller.abort();
  }, [versionId, wanted, getToken]);
  return { blob, error };
}

function TextPreview({ blob, name }: { blob: Blob; name: string }) {
  const styles = useStyles();
  const state = useTextPreview(async () => blob);
  if (state.status === 'loading') return <Spinner size="small" label={t.files.opening} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  if (state.status === 'not_text') return <Text>{t.files.thisFileCannotBe}</Text>;
  return (
    <pre className={styles.text} tabIndex={0} aria-label={t.files.previewOf(name)}>
      {state.text}
    </pre>
  );
}

function Preview({ kind, blob, shown }: { kind: PreviewKind; blob: Blob; shown: Shown }) {
  const styles = useStyles();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (kind === 'text') return;
    // Downloads arrive as application/octet-stream: give the frame the file's own type.
    const objectUrl = URL.createObjectURL(new Blob([blob], { type: shown.contentType }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob, kind, shown.contentType]);
  if (kind === 'text') return <TextPreview blob={blob} name={shown.name} />;
  if (!url) return null;
  return kind === 'image' ? (
    <img className={styles.image} src={url} alt={t.files.previewOf(shown.name)} />
  ) : (
    <iframe className={styles.frame} src={url} title={t.files.previewOf(shown.name)} />
  );
}

/**
 * A file in the staff app: a preview (PDFs, images, text as text), Print (the browser's print
 * dialog for the file itself) and Download; which version it is, the document's other versions
 * (each opens in place), its comments, and — opened from a conversation — a comment box that
 * posts there, linked to the file. A document opens at its latest version.
 */
export function FileViewerDialog({
  open,
  target,
  onClose,
}: {
  open: boolean;
  target: FileToView;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { shown, setShown, details, error: shownError } = useShownVersion(target);
  const kind = shown ? previewKindOf(shown) : null;
  const { blob, error: blobError } = useFileBlob(shown?.versionId ?? null, kind !== null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const getToken = useGetToken();
  const title = shown?.name ?? ('name' in target ? target.name : t.files.file);

  async function print() {
    if (!shown || !blob || (kind !== 'pdf' && kind !== 'image')) return;
    setPrinting(true);
    setActionError(null);
    try {
      await printFile(blob, { kind, contentType: shown.contentType, title: shown.name });
    } catch (e) {
      setActionError(e);
    } finally {
      setPrinting(false);
    }
  }

  async function download() {
    if (!shown) return;
    setActionError(null);
    try {
      saveBlob(blob ?? (await fetchStaffFile(shown.versionId, { token: await getToken() })), shown.name);
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label={title}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {shown && (
              <Text size={200} className={styles.meta} data-testid="file-viewer-meta">
                {shown.version ? t.files.versionMeta(shown.version.number, formatFullDateTime(shown.version.at)) : ''}
                {formatFileSize(shown.size)}
              </Text>
            )}
            {shownError != null && <ErrorNotice error={shownError} />}
            {!shown && shownError == null && <Spinner size="small" label={t.files.opening} />}
            {shown && kind === null && <Text>{t.files.thisTypeOfFile}</Text>}
            {shown && kind !== null && !blob && blobError == null && (
              <Spinner size="small" label={t.files.loadingPreview} />
            )}
            {blobError != null && <ErrorNotice error={blobError} />}
            {shown && kind !== null && blob && <Preview kind={kind} blob={blob} shown={shown} />}
            {actionError != null && <ErrorNotice error={actionError} />}
            {shown && details && details.versions.length > 1 && (
              <FileVersionList
                versions={details.versions}
                shownVersionId={shown.versionId}
                onOpen={(v) => setShown(shownOf(v))}
              />
            )}
            {shown && details && (
              <FileComments
                documentId={details.document.id}
                fileName={shown.name}
                comments={details.comments}
                conversationId={target.conversationId}
              />
            )}
          </DialogContent>
          <DialogActions className={styles.actions}>
            {isPrintable(kind) && (
              <Button disabledFocusable={!blob || printing} onClick={() => void print()}>
                {printing ? t.files.preparing : t.files.print}
              </Button>
            )}
            <Button appearance="primary" disabledFocusable={!shown} onClick={() => void download()}>
              {t.files.downloadLabel}
            </Button>
            <Button onClick={onClose}>{t.files.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
