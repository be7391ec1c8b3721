import { useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, downloadStaffFile, type FormAnswerValue, type FormRequest } from '@confer/ui';
import { useExtrasStyles } from './extras-styles';
import { useExtrasApi } from './use-extras-api';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

const useStyles = makeStyles({
  answers: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  question: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  answer: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
});

function answerText(request: FormRequest, value: FormAnswerValue | undefined, type: string): string {
  if (value === undefined || value === '') return '—';
  if (type === 'checkbox') return value === true ? t.extras.yes : t.extras.no;
  if (typeof value === 'object' && value !== null) {
    return value.fileIds.map((id) => request.files.find((f) => f.id === id)?.name ?? t.extras.file).join(', ') || '—';
  }
  return String(value);
}

/** A submitted form's answers, with its PDF and CSV (matter documents) to download. */
export function FormRequestDetails({ request }: { request: FormRequest }) {
  const styles = useStyles();
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const getToken = useGetToken();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function download(documentId: string) {
    setBusy(documentId);
    setError(null);
    try {
      const latest = await api.getDocumentLatestVersion(documentId);
      await downloadStaffFile(latest.versionId, latest.name, { token: await getToken() });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <dl className={styles.answers} aria-label={t.extras.answersTo(request.form.title)}>
        {request.form.fields.map((field) => (
          <div key={field.key}>
            <dt className={styles.question}>{field.label}</dt>
            <dd className={styles.answer}>{answerText(request, request.answers[field.key], field.type)}</dd>
          </div>
        ))}
      </dl>
      {request.documents && (
        <div className={x.actions}>
          <Button
            size="small"
            disabledFocusable={busy !== null}
            onClick={() => void download(request.documents!.pdfDocumentId)}
          >
            {busy === request.documents.pdfDocumentId ? t.extras.downloading : t.extras.downloadPdf}
          </Button>
          <Button
            size="small"
            disabledFocusable={busy !== null}
            onClick={() => void download(request.documents!.csvDocumentId)}
          >
            {busy === request.documents.csvDocumentId ? t.extras.downloading : t.extras.downloadCsv}
          </Button>
        </div>
      )}
      {error != null && (
        <Text size={200} role="alert" className={x.error}>
          {describeError(error)}
        </Text>
      )}
    </>
  );
}
