import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { FormAnswerValue, FormRequest } from '@confer/ui';
import { formatDateOnly } from '@confer/ui/format-time';
import { t } from '../messages';

const useStyles = makeStyles({
  list: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  question: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  answer: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  none: { color: tokens.colorNeutralForeground3 },
});

function answerText(request: FormRequest, type: string, value: FormAnswerValue | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (type === 'checkbox') return value === true ? t.forms.yes : t.forms.no;
  if (type === 'date' && typeof value === 'string') return formatDateOnly(value);
  if (typeof value === 'object' && value !== null) {
    const names = value.fileIds.map((id) => request.files.find((f) => f.id === id)?.name ?? t.forms.file);
    return names.length > 0 ? names.join(', ') : null;
  }
  return typeof value === 'string' ? value : String(value);
}

/** The questions and the answers given, read-only. */
export function FormAnswersView({ request }: { request: FormRequest }) {
  const styles = useStyles();
  return (
    <dl className={styles.list} aria-label={t.forms.yourAnswers}>
      {request.form.fields.map((field) => {
        const text = answerText(request, field.type, request.answers[field.key]);
        return (
          <div key={field.key}>
            <dt className={styles.question}>{field.label}</dt>
            <dd className={styles.answer}>
              {text ? <Body1>{text}</Body1> : <Caption1 className={styles.none}>{t.forms.noAnswer}</Caption1>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
