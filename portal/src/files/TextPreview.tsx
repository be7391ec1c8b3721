import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { useTextPreview } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { Loading } from '../common/Loading';
import { t } from '../messages';

const useStyles = makeStyles({
  text: {
    margin: 0,
    maxHeight: '70vh',
    overflow: 'auto',
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  note: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/** A text file shown as text (React text, never HTML). */
export function TextPreview({ name, load }: { name: string; load: (signal: AbortSignal) => Promise<Blob> }) {
  const styles = useStyles();
  const state = useTextPreview(load);
  if (state.status === 'loading') return <Loading label={t.files.openingTheFile} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  if (state.status === 'not_text') {
    return (
      <Body1 as="p" className={styles.note}>
        {t.files.thisFileCannotBe}
      </Body1>
    );
  }
  return (
    <pre className={styles.text} tabIndex={0} aria-label={t.files.previewOf(name)}>
      {state.text}
    </pre>
  );
}
