import { Checkbox, Field, Input, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { FormAnswerValue, FormField, FormUploadedFile } from '@confer/ui';
import { FileFieldInput } from './FileFieldInput';
import { t } from '../messages';

const useStyles = makeStyles({
  field: { scrollMarginTop: tokens.spacingVerticalXXL },
  date: { maxWidth: '220px' },
});

export type FormFieldInputProps = {
  requestId: string;
  field: FormField;
  value: FormAnswerValue | undefined;
  error: string | undefined;
  /** Every file uploaded to this request, by id. */
  filesById: ReadonlyMap<string, FormUploadedFile>;
  disabled: boolean;
  onChange: (value: FormAnswerValue | undefined) => void;
  /** A file question gained a file (applied to the latest answers, so parallel uploads all count). */
  onFileAdded: (file: FormUploadedFile) => void;
  onFileRemoved: (fileId: string) => void;
};

const fileIdsOf = (value: FormAnswerValue | undefined): string[] =>
  typeof value === 'object' && value !== null && Array.isArray(value.fileIds) ? value.fileIds : [];

/** One question of an intake form, as the control its type asks for, with its error next to it. */
export function FormFieldInput(props: FormFieldInputProps) {
  const { requestId, field, value, error, filesById, disabled, onChange, onFileAdded, onFileRemoved } = props;
  const styles = useStyles();
  const id = `field-${field.key}`;
  const common = {
    className: styles.field,
    hint: field.help,
    required: field.required,
    validationMessage: error,
    validationState: error ? ('error' as const) : ('none' as const),
  };
  const text = typeof value === 'string' ? value : '';

  switch (field.type) {
    case 'short_text':
      return (
        <Field {...common} label={field.label}>
          <Input id={id} value={text} disabled={disabled} maxLength={1000} onChange={(_, d) => onChange(d.value)} />
        </Field>
      );
    case 'long_text':
      return (
        <Field {...common} label={field.label}>
          <Textarea
            id={id}
            value={text}
            disabled={disabled}
            resize="vertical"
            rows={4}
            onChange={(_, d) => onChange(d.value)}
          />
        </Field>
      );
    case 'date':
      return (
        <Field {...common} label={field.label}>
          <Input
            id={id}
            className={styles.date}
            type="date"
            value={text}
            disabled={disabled}
            onChange={(_, d) => onChange(d.value)}
          />
        </Field>
      );
    case 'choice':
      return (
        <Field {...common} label={field.label}>
          <RadioGroup id={id} value={text} disabled={disabled} onChange={(_, d) => onChange(d.value)}>
            {(field.options ?? []).map((option) => (
              <Radio key={option} value={option} label={option} />
            ))}
          </RadioGroup>
        </Field>
      );
    case 'checkbox':
      return (
        <Field {...common}>
          <Checkbox
            id={id}
            label={field.label}
            required={field.required}
            checked={value === true}
            disabled={disabled}
            onChange={(_, d) => onChange(d.checked === true)}
          />
        </Field>
      );
    case 'file': {
      const ids = fileIdsOf(value);
      const files = ids.map((fid) => filesById.get(fid) ?? { id: fid, name: t.forms.uploadedFile, size: 0 });
      return (
        <Field {...common} label={{ children: field.label, htmlFor: undefined, id: `${id}-label` }}>
          <FileFieldInput
            requestId={requestId}
            fieldKey={field.key}
            label={field.label}
            files={files}
            disabled={disabled}
            onUploaded={onFileAdded}
            onRemove={onFileRemoved}
          />
        </Field>
      );
    }
  }
}
