import { useRef, useState } from 'react';
import {
  Button,
  Field,
  Link,
  ProgressBar,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  useUploadLimits,
  downloadStaffFile,
  isAbortError,
  uploadDocumentVersion,
  uploadMatterDocuments,
  type Matter,
  type MatterDocument,
  formatFileSize,
  useLoader,
} from '@confer/ui';
import { checkAttachmentLimits, countFiles } from '../composer/attachment-list';
import { documentSourceLabel } from '../files/document-source-label';
import { ErrorNotice } from '@confer/ui/errors';
import { useOpenFile } from '../files/file-viewer-context';
import { formatActivityTime, formatFullDateTime } from '@confer/ui/format-time';
import { useFilesApi } from '../files/use-files-api';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, flexGrow: 1 },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    overflowX: 'auto',
  },
  name: { overflowWrap: 'anywhere' },
  open: { textAlign: 'start', overflowWrap: 'anywhere' },
  actions: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  progress: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  progressField: { flexGrow: 1 },
});

type Uploading = { count: number; value: number; abort: () => void; label?: string };

/** A matter's documents (name, source, updated, version, size; open, download, new version) and uploading more. */
export function MatterDocuments({ matter }: { matter: Matter }) {
  const styles = useStyles();
  const filesApi = useFilesApi();
  const getToken = useGetToken();
  const { state, reload } = useLoader(
    (signal) => filesApi.listMatterDocuments(matter.id, { signal }),
    [filesApi, matter.id],
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const versionInputRef = useRef<HTMLInputElement>(null);
  const versionOf = useRef<MatterDocument | null>(null);
  const openFile = useOpenFile();
  const uploadLimits = useUploadLimits();
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const closed = matter.status === 'closed';

  async function upload(files: File[]) {
    if (files.length === 0) return;
    setError(null);
    setNotice(null);
    const tooMuch = checkAttachmentLimits(
      files.map((f) => f.size),
      uploadLimits,
      'upload',
    );
    if (tooMuch) {
      setNotice(tooMuch);
      return;
    }
    try {
      const running = uploadMatterDocuments(matter.id, {
        files,
        token: await getToken(),
        onProgress: ({ loaded, total }) =>
          setUploading((u) => (u ? { ...u, value: total > 0 ? loaded / total : 0 } : u)),
      });
      setUploading({ count: files.length, value: 0, abort: running.abort });
      const added = await running.promise;
      reload();
      setNotice(t.matters.uploadedFiles(countFiles(added.items.length)));
    } catch (e) {
      if (isAbortError(e)) setNotice(t.matters.uploadCancelled);
      else setError(e);
    } finally {
      setUploading(null);
    }
  }

  function chooseNewVersion(doc: MatterDocument) {
    versionOf.current = doc;
    versionInputRef.current?.click();
  }

  /** A new version of one document: conversations it is shared with live see it at once, and are told. */
  async function uploadVersion(doc: MatterDocument, file: File) {
    setError(null);
    setNotice(null);
    const tooMuch = checkAttachmentLimits([file.size], uploadLimits, 'upload');
    if (tooMuch) {
      setNotice(tooMuch);
      return;
    }
    try {
      const running = uploadDocumentVersion(doc.id, {
        file,
        token: await getToken(),
        onProgress: ({ loaded, total }) =>
          setUploading((u) => (u ? { ...u, value: total > 0 ? loaded / total : 0 } : u)),
      });
      setUploading({ count: 1, value: 0, abort: running.abort, label: t.matters.uploadingNewVersion(doc.name) });
      const updated = await running.promise;
      reload();
      setNotice(t.matters.uploadedVersion(updated.latest.version, updated.name));
    } catch (e) {
      if (isAbortError(e)) setNotice(t.matters.uploadCancelled);
      else setError(e);
    } finally {
      setUploading(null);
    }
  }

  async function download(doc: MatterDocument) {
    setError(null);
    try {
      await downloadStaffFile(doc.latest.id, doc.latest.name, { token: await getToken() });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className={styles.section} aria-labelledby="documents-heading">
      <div className={styles.head}>
        <Subtitle2 as="h3" id="documents-heading" className={styles.heading}>
          {t.matters.documents}
        </Subtitle2>
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid="matter-documents-input"
          onChange={(event) => {
            void upload(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
        <input
          ref={versionInputRef}
          type="file"
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid="document-version-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            const doc = versionOf.current;
            event.target.value = '';
            if (file && doc) void uploadVersion(doc, file);
          }}
        />
        {!closed && (
          <Button size="small" disabledFocusable={uploading !== null} onClick={() => inputRef.current?.click()}>
            {t.matters.uploadDocuments}
          </Button>
        )}
      </div>
      {uploading && (
        <div className={styles.progress}>
          <Field
            className={styles.progressField}
            label={uploading.label ?? t.matters.uploadingFiles(countFiles(uploading.count))}
            hint={`${Math.round(uploading.value * 100)}%`}
            size="small"
          >
            <ProgressBar value={uploading.value} max={1} thickness="large" />
          </Field>
          <Button size="small" onClick={uploading.abort}>
            {t.matters.cancel}
          </Button>
        </div>
      )}
      {notice && (
        <Text role="status" size={200}>
          {notice}
        </Text>
      )}
      {error != null && <ErrorNotice error={error} />}
      {state.status === 'loading' && <Spinner size="small" label={t.matters.loadingDocuments} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' &&
        (state.data.items.length === 0 ? (
          <Text className={styles.muted}>{t.matters.noDocumentsYet}</Text>
        ) : (
          <div className={styles.card}>
            <Table size="small" aria-label={t.matters.matterDocuments}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.matters.name}</TableHeaderCell>
                  <TableHeaderCell>{t.matters.source}</TableHeaderCell>
                  <TableHeaderCell>{t.matters.updated}</TableHeaderCell>
                  <TableHeaderCell>{t.matters.version}</TableHeaderCell>
                  <TableHeaderCell>{t.matters.size}</TableHeaderCell>
                  <TableHeaderCell>
                    <span className={styles.muted}>{t.matters.actions}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {state.data.items.map((doc) => (
                  <TableRow key={doc.id}>
                    <TableCell className={styles.name}>
                      {openFile ? (
                        <Link
                          as="button"
                          className={styles.open}
                          aria-label={t.matters.openLabel(doc.name)}
                          onClick={() => openFile({ documentId: doc.id, name: doc.name })}
                        >
                          {doc.name}
                        </Link>
                      ) : (
                        doc.name
                      )}
                    </TableCell>
                    <TableCell>{documentSourceLabel(doc.source)}</TableCell>
                    <TableCell title={formatFullDateTime(doc.updatedAt)}>{formatActivityTime(doc.updatedAt)}</TableCell>
                    <TableCell>{t.matters.v(doc.latest.version)}</TableCell>
                    <TableCell>{formatFileSize(doc.latest.size)}</TableCell>
                    <TableCell className={styles.actions}>
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={t.matters.download(doc.name)}
                        onClick={() => void download(doc)}
                      >
                        {t.matters.downloadLabel}
                      </Button>
                      {!closed && (
                        <Button
                          size="small"
                          appearance="subtle"
                          aria-label={t.matters.uploadANewVersion(doc.name)}
                          disabledFocusable={uploading !== null}
                          onClick={() => chooseNewVersion(doc)}
                        >
                          {t.matters.newVersion}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ))}
    </section>
  );
}
