import { formatFileSize } from '@confer/ui';
import { useRef, useState } from 'react';
import { Button, Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, isAbortError, type FormUploadedFile } from '@confer/ui';
import { ArrowUploadRegular, DismissRegular } from '@fluentui/react-icons';
import { portalExtras } from '../session/portal-extras';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  input: { display: 'none' },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    alignSelf: 'stretch',
  },
  file: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  name: { flex: '1 1 auto', minWidth: 0, overflowWrap: 'anywhere' },
  progress: { flex: '1 1 auto', display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

type Uploading = { key: number; name: string; size: number; loaded: number; total: number; abort: () => void };

export type FileFieldInputProps = {
  requestId: string;
  fieldKey: string;
  label: string;
  /** Files already uploaded for this question (names known). */
  files: FormUploadedFile[];
  disabled?: boolean;
  onUploaded: (file: FormUploadedFile) => void;
  onRemove: (fileId: string) => void;
};

/** Choose files for a file question: each uploads at once (with progress and cancel) and can be removed. */
export function FileFieldInput({
  requestId,
  fieldKey,
  label,
  files,
  disabled,
  onUploaded,
  onRemove,
}: FileFieldInputProps) {
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [error, setError] = useState<string | null>(null);
  const nextKey = useRef(0);

  function start(file: File) {
    const key = nextKey.current++;
    const upload = portalExtras.uploadFormFile(requestId, file, (p) =>
      setUploading((list) => list.map((u) => (u.key === key ? { ...u, loaded: p.loaded, total: p.total } : u))),
    );
    setUploading((list) => [
      ...list,
      { key, name: file.name, size: file.size, loaded: 0, total: file.size, abort: upload.abort },
    ]);
    upload.promise
      .then(
        (uploaded) => onUploaded(uploaded),
        (e: unknown) => {
          if (!isAbortError(e)) setError(`${file.name}: ${describeError(e)}`);
        },
      )
      .finally(() => setUploading((list) => list.filter((u) => u.key !== key)));
  }

  return (
    <div className={styles.root}>
      <input
        ref={inputRef}
        id={`field-${fieldKey}`}
        className={styles.input}
        type="file"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          setError(null);
          for (const file of Array.from(event.target.files ?? [])) start(file);
          event.target.value = '';
        }}
      />
      <Button
        icon={<ArrowUploadRegular />}
        disabled={disabled}
        data-field-focus={fieldKey}
        aria-label={t.forms.fileButtonFor(files.length > 0 ? t.forms.addAnotherFile : t.forms.chooseFile, label)}
        onClick={() => inputRef.current?.click()}
      >
        {files.length > 0 ? t.forms.addAnotherFile : t.forms.chooseFile}
      </Button>
      {files.length > 0 || uploading.length > 0 ? (
        <ul className={styles.list} aria-label={t.forms.filesFor(label)}>
          {files.map((file) => (
            <li key={file.id} className={styles.file}>
              <span className={styles.name}>
                {file.name} <Caption1>({formatFileSize(file.size)})</Caption1>
              </span>
              {!disabled ? (
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<DismissRegular />}
                  aria-label={t.forms.remove(file.name)}
                  onClick={() => onRemove(file.id)}
                />
              ) : null}
            </li>
          ))}
          {uploading.map((u) => {
            const value = u.total > 0 ? Math.min(1, u.loaded / u.total) : 0;
            return (
              <li key={`up-${u.key}`} className={styles.file}>
                <span className={styles.progress}>
                  <Caption1 className={styles.name}>
                    {t.forms.uploadingProgress(u.name, formatFileSize(u.size), Math.round(value * 100))}
                  </Caption1>
                  <ProgressBar value={value} max={1} thickness="large" aria-label={t.forms.uploadingName(u.name)} />
                </span>
                <Button size="small" onClick={u.abort}>
                  {t.forms.cancel}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? (
        <Caption1 role="alert" className={styles.error}>
          {error}
        </Caption1>
      ) : null}
    </div>
  );
}
