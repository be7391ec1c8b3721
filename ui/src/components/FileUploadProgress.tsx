import { Field, ProgressBar, makeStyles } from '@fluentui/react-components';
import { formatFileSize } from '../files/format-file-size.js';
import { uiMessages as t } from '../messages/en.js';

const useStyles = makeStyles({ label: { overflowWrap: 'anywhere' } });

export type FileUploadProgressProps = {
  name: string;
  size: number;
  /** 0..1 of this file sent. */
  value: number;
  className?: string;
};

/** One file of an upload under way: its name and size, a bar, and "NN%" or "Uploaded". */
export function FileUploadProgress({ name, size, value, className }: FileUploadProgressProps) {
  const styles = useStyles();
  return (
    <Field
      className={className}
      label={{ children: `${name} (${formatFileSize(size)})`, className: styles.label }}
      hint={value >= 1 ? t.files.uploaded : t.files.uploadPercent(Math.round(value * 100))}
      size="small"
    >
      <ProgressBar value={value} max={1} thickness="large" />
    </Field>
  );
}
