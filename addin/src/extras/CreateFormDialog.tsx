import { useState } from 'react';
import { Button, Field, Input, Select, Switch, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import {
  FORM_FIELD_TYPES,
  makeFieldKey,
  validateFormDefinition,
  type FormField,
  type FormFieldType,
  type IntakeForm,
} from '@confer/ui';
import { FormDialog } from './FormDialog';
import { AddRegular } from '@fluentui/react-icons';
import { useExtrasStyles } from './extras-styles';
import { useExtrasApi } from './use-extras-api';
import { t } from '../messages';

const TYPE_LABELS: Record<FormFieldType, string> = {
  short_text: t.extras.shortText,
  long_text: t.extras.longText,
  date: t.extras.fieldDate,
  choice: t.extras.choiceOneOfA,
  checkbox: t.extras.fieldCheckbox,
  file: t.extras.fileUpload,
};

const useStyles = makeStyles({
  question: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  questionActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  questions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Draft = { id: number; label: string; type: FormFieldType; required: boolean; options: string; help: string };

function toFields(drafts: Draft[]): FormField[] {
  const taken: string[] = [];
  return drafts.map((d) => {
    const key = makeFieldKey(d.label, taken);
    taken.push(key);
    const options = d.options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    return {
      key,
      label: d.label.trim(),
      type: d.type,
      required: d.required,
      ...(d.type === 'choice' ? { options } : {}),
      ...(d.help.trim() ? { help: d.help.trim() } : {}),
    };
  });
}

type CreateFormDialogProps = { open: boolean; onCreated: (form: IntakeForm) => void; onClose: () => void };

/** Builds a firm form: title, description, and questions with type, required and choices. */
export function CreateFormDialog({ open, onCreated, onClose }: CreateFormDialogProps) {
  const styles = useStyles();
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([
    { id: 0, label: '', type: 'short_text', required: true, options: '', help: '' },
  ]);
  const [nextId, setNextId] = useState(1);
  const [errors, setErrors] = useState<Array<{ index: number | null; message: string }>>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const update = (id: number, change: Partial<Draft>) =>
    setDrafts((list) => list.map((d) => (d.id === id ? { ...d, ...change } : d)));

  function move(index: number, by: -1 | 1) {
    setDrafts((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  }

  async function submit() {
    const fields = toFields(drafts);
    const found = validateFormDefinition(title, fields);
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      onCreated(
        await api.createForm({
          title: title.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          fields,
        }),
      );
    } catch (error) {
      setProblem(error);
      setBusy(false);
    }
  }

  const general = errors.filter((e) => e.index === null);

  return (
    <FormDialog
      open={open}
      title={t.extras.newForm}
      submitLabel={t.extras.createForm}
      busyLabel={t.extras.creating}
      busy={busy}
      error={problem}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t.extras.title} required>
        <Input value={title} maxLength={200} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <Field label={t.extras.descriptionOptional} hint={t.extras.shownToTheClient}>
        <Textarea value={description} maxLength={2000} onChange={(_, d) => setDescription(d.value)} />
      </Field>
      <div className={styles.questions}>
        {drafts.map((d, index) => {
          const mine = errors.filter((e) => e.index === index);
          return (
            <fieldset key={d.id} className={styles.question}>
              <legend className={styles.legend}>{t.extras.questionNumber(index + 1)}</legend>
              <Field
                label={t.extras.questionLabel}
                required
                validationMessage={mine.map((e) => e.message).join(' ') || undefined}
              >
                <Input value={d.label} maxLength={200} onChange={(_, v) => update(d.id, { label: v.value })} />
              </Field>
              <Field label={t.extras.answerType}>
                <Select value={d.type} onChange={(_, v) => update(d.id, { type: v.value as FormFieldType })}>
                  {FORM_FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABELS[type]}
                    </option>
                  ))}
                </Select>
              </Field>
              {d.type === 'choice' && (
                <Field label={t.extras.choices} hint={t.extras.onePerLine} required>
                  <Textarea value={d.options} onChange={(_, v) => update(d.id, { options: v.value })} />
                </Field>
              )}
              <Field label={t.extras.helpTextOptional}>
                <Input value={d.help} maxLength={500} onChange={(_, v) => update(d.id, { help: v.value })} />
              </Field>
              <div className={styles.questionActions}>
                <Switch
                  checked={d.required}
                  label={t.extras.required}
                  onChange={(_, v) => update(d.id, { required: v.checked })}
                />
                <Button size="small" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t.extras.moveUp}
                </Button>
                <Button size="small" disabled={index === drafts.length - 1} onClick={() => move(index, 1)}>
                  {t.extras.moveDown}
                </Button>
                <Button
                  size="small"
                  disabled={drafts.length === 1}
                  onClick={() => setDrafts((list) => list.filter((q) => q.id !== d.id))}
                >
                  {t.extras.remove}
                </Button>
              </div>
            </fieldset>
          );
        })}
      </div>
      <Button
        icon={<AddRegular />}
        disabled={drafts.length >= 50}
        onClick={() => {
          setDrafts((list) => [
            ...list,
            { id: nextId, label: '', type: 'short_text', required: false, options: '', help: '' },
          ]);
          setNextId((n) => n + 1);
        }}
      >
        {t.extras.addQuestion}
      </Button>
      {general.map((e) => (
        <Text key={e.message} role="alert" size={200} className={x.error}>
          {e.message}
        </Text>
      ))}
    </FormDialog>
  );
}
