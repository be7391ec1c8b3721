import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { AuthLayout } from './AuthLayout';

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
    <AuthLayout title={`Welcome, ${first}`} eyebrow={firmName}>
      <Body1 as="p" className={styles.text}>
        {firmName} uses Confer to talk with you privately about your matter. Here you can read their messages, reply,
        and send or receive documents, all in one protected place instead of ordinary email.
      </Body1>
      <Body1 as="p" className={styles.text}>
        There is no password to remember. Each time you sign in we email you a 6-digit code, so only you can open your
        conversations.
      </Body1>
      <Button className={styles.button} appearance="primary" size="large" onClick={onContinue}>
        Continue
      </Button>
    </AuthLayout>
  );
}
