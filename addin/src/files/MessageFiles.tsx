import { useState } from 'react';
import { Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, downloadStaffFile, formatFileSize, type FileRef } from '@confer/ui';
import { FileThumbnail } from '@confer/ui/file-thumbnail';
import { useOpenFile } from './file-viewer-context';
import { useStaffPreview } from './use-staff-preview';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  entry: { listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  thumbnail: {
    alignSelf: 'flex-start',
    padding: 0,
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  item: {
    listStyleType: 'none',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxWidth: '420px',
  },
  name: {
    flexGrow: 1,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    textAlign: 'start',
  },
  size: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, flexShrink: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** An image's thumbnail or a PDF's first page above its row; clicking it opens the viewer. */
function FilePreviewButton({ file, onOpen }: { file: FileRef; onOpen: (() => void) | null }) {
  const styles = useStyles();
  const { preview, src } = useStaffPreview(file);
  if (!preview || preview.status === 'failed') return null;
  const thumbnail = <FileThumbnail name={file.name} preview={preview} src={src} />;
  if (!onOpen) return thumbnail;
  return (
    <button type="button" className={styles.thumbnail} onClick={onOpen} aria-label={t.files.openPreview(file.name)}>
      {thumbnail}
    </button>
  );
}

/** A message's attached files: each opens in the viewer, and downloads (through the API, with the staff token). */
export function MessageFiles({ files, conversationId }: { files: FileRef[] | undefined; conversationId?: string }) {
  const styles = useStyles();
  const getToken = useGetToken();
  const openFile = useOpenFile();
  const [error, setError] = useState<unknown>(null);
  if (!files || files.length === 0) return null;

  async function download(file: FileRef) {
    setError(null);
    try {
      await downloadStaffFile(file.versionId, file.name, { token: await getToken() });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <ul className={styles.list} aria-label={t.files.attachedFiles}>
        {files.map((file) => (
          <li key={file.versionId} className={styles.entry}>
            <FilePreviewButton file={file} onOpen={openFile ? () => openFile({ file, conversationId }) : null} />
            <div className={styles.item}>
              {openFile ? (
                <Link
                  as="button"
                  className={styles.name}
                  title={t.files.openLabel(file.name)}
                  aria-label={t.files.openLabel(file.name)}
                  onClick={() => openFile({ file, conversationId })}
                >
                  {file.name}
                </Link>
              ) : (
                <Text className={styles.name} title={file.name}>
                  {file.name}
                </Text>
              )}
              <span className={styles.size}>{formatFileSize(file.size)}</span>
              <Button
                size="small"
                appearance="subtle"
                onClick={() => void download(file)}
                aria-label={t.files.download(file.name)}
              >
                {t.files.downloadLabel}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {error != null && (
        <Text size={200} role="alert" className={styles.error}>
          {describeError(error)}
        </Text>
      )}
    </>
  );
}
