import { useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, type FileRef } from '@confer/ui';
import { useGetToken } from './use-token';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
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
  name: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  size: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, flexShrink: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} B`;

/** A message's attached files, each downloadable (through the API, with the staff token). */
export function MessageFiles({ files }: { files: FileRef[] | undefined }) {
  const styles = useStyles();
  const getToken = useGetToken();
  const [error, setError] = useState<unknown>(null);
  if (!files || files.length === 0) return null;

  async function download(file: FileRef) {
    setError(null);
    try {
      const token = await getToken();
      const response = await fetch(`/api/v1/files/${encodeURIComponent(file.versionId)}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) throw new Error(`The download failed (${response.status})`);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <ul className={styles.list} aria-label="Attached files">
        {files.map((file) => (
          <li key={file.versionId} className={styles.item}>
            <Text className={styles.name} title={file.name}>
              {file.name}
            </Text>
            <span className={styles.size}>{formatSize(file.size)}</span>
            <Button
              size="small"
              appearance="subtle"
              onClick={() => void download(file)}
              aria-label={`Download ${file.name}`}
            >
              Download
            </Button>
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
