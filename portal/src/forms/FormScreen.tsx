import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  compactAnswers,
  errorsByField,
  isApiProblem,
  validateFormAnswers,
  type FormAnswerValue,
  type FormAnswers,
  type FormRequest,
  type FormUploadedFile,
  useLoader,
} from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { formatDateTime } from '@confer/ui/format-time';
import { matterLine } from '../common/matter-line';
import { InlineLink } from '../routing/InlineLink';
import { portalExtras } from '../session/portal-extras';
import { usePortal } from '../shell/portal-context';
import { FormAnswersView } from './FormAnswersView';
import { FormFieldInput } from './FormFieldInput';
import { t } from '../messages';

const useStyles = makeStyles({
  meta: { margin: 0, color: tokens.colorNeutralForeground3 },
  description: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  legend: { margin: 0, color: tokens.colorNeutralForeground3 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    position: 'sticky',
    bottom: 0,
    padding: `${tokens.spacingVerticalS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  status: { color: tokens.colorNeutralForeground3 },
});

type Props = { requestId: string };

/** One intake form: fill it in, save a draft, submit; once submitted, the answers read-only. */
export function FormScreen({ requestId }: Props) {
  const { session } = usePortal();
  const loaded = useLoader((signal) => portalExtras.getForm(requestId, { signal }), [session.firm.id, requestId]);
  const [current, setCurrent] = useState<FormRequest | null>(null);
  const request = current ?? loaded.data ?? null;

  return (
    <Page title={request ? request.form.title : t.forms.form}>
      <InlineLink to={{ name: 'forms' }}>{t.forms.allForms}</InlineLink>
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      {!request && loaded.loading ? <Loading label={t.forms.loadingTheForm} /> : null}
      {request ? (
        request.status === 'submitted' ? (
          <SubmittedForm request={request} firmName={session.firm.name} />
        ) : (
          <FormEditor request={request} onChanged={setCurrent} />
        )
      ) : null}
    </Page>
  );
}

function SubmittedForm({ request, firmName }: { request: FormRequest; firmName: string }) {
  const styles = useStyles();
  return (
    <>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t.forms.formSent}</MessageBarTitle>
          <span role="status">
            {t.forms.receivedYourAnswers(firmName, request.submittedAt ? formatDateTime(request.submittedAt) : null)}
          </span>
        </MessageBarBody>
      </MessageBar>
      <Body1 as="p" className={styles.meta}>
        {matterLine(request.matter)}
      </Body1>
      <FormAnswersView request={request} />
    </>
  );
}

function FormEditor({ request, onChanged }: { request: FormRequest; onChanged: (request: FormRequest) => void }) {
  const styles = useStyles();
  const { form } = request;
  const [answers, setAnswers] = useState<FormAnswers>(request.answers);
  const [uploaded, setUploaded] = useState<FormUploadedFile[]>(request.files);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(request.draftSavedAt);
  const [dirty, setDirty] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const filesById = useMemo(() => new Map(uploaded.map((f) => [f.id, f])), [uploaded]);
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  function setAnswer(key: string, value: FormAnswerValue | undefined) {
    setDirty(true);
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    setErrors((prev) => {
      if (!(key in prev)) return prev;
      const next = { ...prev };
      delete next[key];
      return next;
    });
  }

  function addFile(key: string, file: FormUploadedFile) {
    setUploaded((prev) => [...prev, file]);
    setDirty(true);
    setAnswers((prev) => {
      const existing = prev[key];
      const ids = typeof existing === 'object' && existing !== null ? existing.fileIds : [];
      return { ...prev, [key]: { fileIds: [...ids, file.id] } };
    });
    setErrors((prev) => {
      const next = { ...prev };
      delete next[key];
      return next;
    });
  }

  function removeFile(key: string, fileId: string) {
    setDirty(true);
    setAnswers((prev) => {
      const existing = prev[key];
      const ids = (typeof existing === 'object' && existing !== null ? existing.fileIds : []).filter(
        (id) => id !== fileId,
      );
      const next = { ...prev };
      if (ids.length > 0) next[key] = { fileIds: ids };
      else delete next[key];
      return next;
    });
  }

  function showErrors(list: Array<{ field: string; message: string }>) {
    const byField = errorsByField(list);
    setErrors(byField);
    const first = form.fields.find((f) => f.key in byField);
    requestAnimationFrame(() => {
      const target = first
        ? (document.querySelector<HTMLElement>(`[data-field-focus="${first.key}"]`) ??
          document.querySelector<HTMLElement>(`#field-${first.key} input, #field-${first.key}`))
        : null;
      if (target) target.focus();
      else summaryRef.current?.focus();
    });
  }

  async function save(kind: 'draft' | 'submit') {
    // A second press (or Enter in a field) while saving would send the answers twice.
    if (busy !== null) return;
    setProblem(null);
    const clean = compactAnswers(form.fields, answers);
    const local = validateFormAnswers(form.fields, clean, {
      uploadedFileIds: uploaded.map((f) => f.id),
      partial: kind === 'draft',
    });
    if (local.length > 0) {
      showErrors(local);
      return;
    }
    setErrors({});
    setBusy(kind);
    try {
      const saved =
        kind === 'draft'
          ? await portalExtras.saveFormDraft(request.id, clean)
          : await portalExtras.submitForm(request.id, clean);
      setDirty(false);
      setSavedAt(saved.draftSavedAt);
      setUploaded((prev) => [...saved.files, ...prev.filter((f) => !saved.files.some((s) => s.id === f.id))]);
      onChanged(saved);
    } catch (error) {
      if (isApiProblem(error) && error.errors.length > 0 && error.status === 400) {
        showErrors(error.errors);
      } else {
        setProblem(error);
        if (isApiProblem(error) && error.status === 409) {
          portalExtras.getForm(request.id).then(onChanged, () => undefined);
        }
      }
    } finally {
      setBusy(null);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save('submit');
  };

  return (
    <>
      <Body1 as="p" className={styles.meta}>
        {matterLine(request.matter)}
      </Body1>
      {form.description ? (
        <Body1 as="p" className={styles.description}>
          {form.description}
        </Body1>
      ) : null}
      <div ref={summaryRef} tabIndex={-1}>
        {errorCount > 0 ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <span role="alert">{t.forms.questionsNeedAttention(errorCount)}</span>
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {problem ? <ErrorNotice error={problem} /> : null}
      <form className={styles.form} onSubmit={onSubmit} noValidate aria-label={form.title}>
        {form.fields.some((f) => f.required) ? (
          <Caption1 className={styles.legend}>{t.forms.questionsMarkedNeedAn}</Caption1>
        ) : null}
        {form.fields.map((field) => (
          <FormFieldInput
            key={field.key}
            requestId={request.id}
            field={field}
            value={answers[field.key]}
            error={errors[field.key]}
            filesById={filesById}
            disabled={busy !== null}
            onChange={(value) => setAnswer(field.key, value)}
            onFileAdded={(file) => addFile(field.key, file)}
            onFileRemoved={(fileId) => removeFile(field.key, fileId)}
          />
        ))}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabledFocusable={busy !== null}>
            {busy === 'submit' ? t.forms.submitting : t.forms.submit}
          </Button>
          <Button type="button" disabledFocusable={busy !== null} onClick={() => void save('draft')}>
            {busy === 'draft' ? t.forms.saving : t.forms.saveDraft}
          </Button>
          <Caption1 className={styles.status} role="status">
            {savedAt ? t.forms.draftSaved(formatDateTime(savedAt)) : ''}
          </Caption1>
        </div>
      </form>
    </>
  );
}
