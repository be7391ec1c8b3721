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
  type PreviewKind,
} from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import type { FileToView } from './file-viewer-context';
import { formatFullDateTime } from '../common/format-message-time';
import { useFilesApi } from './use-files-api';
import { useGetToken } from '../auth/use-token';

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
  const [error, setError] = useState<unknown>(null);
  const documentId = 'documentId' in target ? target.documentId : null;
  useEffect(() => {
    if (!documentId) return;
    const controller = new AbortController();
    filesApi.getDocument(documentId, { signal: controller.signal }).then(
      ({ document }) =>
        setShown({
          versionId: document.latest.id,
          name: document.latest.name,
          contentType: document.latest.contentType,
          size: document.latest.size,
          version: { number: document.latest.version, at: document.latest.createdAt },
        }),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [filesApi, documentId]);
  return { shown, error };
}

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
  if (state.status === 'loading') return <Spinner size="small" label="Opening…" />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  if (state.status === 'not_text') return <Text>This file cannot be previewed here. Download it to open it.</Text>;
  return (
    <pre className={styles.text} tabIndex={0} aria-label={`Preview of ${name}`}>
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
    <img className={styles.image} src={url} alt={`Preview of ${shown.name}`} />
  ) : (
    <iframe className={styles.frame} src={url} title={`Preview of ${shown.name}`} />
  );
}

/**
 * A file in the staff app: a preview (PDFs, images, text as text), Print (the browser's print
 * dialog for the file itself) and Download. A document shows its latest version and says which.
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
  const { shown, error: shownError } = useShownVersion(target);
  const kind = shown ? previewKindOf(shown) : null;
  const { blob, error: blobError } = useFileBlob(shown?.versionId ?? null, kind !== null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const getToken = useGetToken();
  const title = shown?.name ?? ('name' in target ? target.name : 'File');

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
                {shown.version
                  ? `Version ${shown.version.number} · ${shown.version.number > 1 ? 'updated' : 'added'} ${formatFullDateTime(shown.version.at)} · `
                  : ''}
                {formatFileSize(shown.size)}
              </Text>
            )}
            {shownError != null && <ErrorNotice error={shownError} />}
            {!shown && shownError == null && <Spinner size="small" label="Opening…" />}
            {shown && kind === null && <Text>This type of file cannot be previewed here. Download it to open it.</Text>}
            {shown && kind !== null && !blob && blobError == null && <Spinner size="small" label="Loading preview…" />}
            {blobError != null && <ErrorNotice error={blobError} />}
            {shown && kind !== null && blob && <Preview kind={kind} blob={blob} shown={shown} />}
            {actionError != null && <ErrorNotice error={actionError} />}
          </DialogContent>
          <DialogActions className={styles.actions}>
            {isPrintable(kind) && (
              <Button disabledFocusable={!blob || printing} onClick={() => void print()}>
                {printing ? 'Preparing…' : 'Print'}
              </Button>
            )}
            <Button appearance="primary" disabledFocusable={!shown} onClick={() => void download()}>
              Download
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
