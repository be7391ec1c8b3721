import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { AuthLayout } from './AuthLayout';
import { t } from '../messages';

const useStyles = makeStyles({
  text: { margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalXS },
  button: { alignSelf: 'stretch', '@media (min-width: 600px)': { alignSelf: 'flex-start' } },
});

export type WelcomeScreenProps = { firmName: string; contactName: string; onContinue: () => void };

/** First visit only: what this is, in two or three sentences, before the code screen. */
export function WelcomeScreen({ firmName, contactName, onContinue }: WelcomeScreenProps) {
  const styles = useStyles();
  const first = contactName.split(/\s+/u)[0] ?? contactName;
  return (
    <AuthLayout title={t.auth.welcome(first)} eyebrow={firmName}>
      <Body1 as="p" className={styles.text}>
        {t.auth.usesConferToTalk(firmName)}
      </Body1>
      <Body1 as="p" className={styles.text}>
        {t.auth.thereIsNoPassword}
      </Body1>
      <Button className={styles.button} appearance="primary" size="large" onClick={onContinue}>
        {t.auth.continue}
      </Button>
    </AuthLayout>
  );
}
