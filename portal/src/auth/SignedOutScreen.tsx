import { Body1, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { AuthLayout } from './AuthLayout';
import { RequestLinkForm } from './RequestLinkForm';

const useStyles = makeStyles({ text: { margin: 0 } });

export type SignedOutScreenProps = { notice?: string | null };

export function SignedOutScreen({ notice }: SignedOutScreenProps) {
  const styles = useStyles();
  return (
    <AuthLayout title="Sign in with your secure link">
      {notice ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Body1 as="p" className={styles.text}>
        To open your conversations, use the secure link in the most recent email from your law firm. There is no
        password: we email you a short code to confirm it is you.
      </Body1>
      <Body1 as="p" className={styles.text}>
        Cannot find the email, or has the link expired? Ask for a new one below.
      </Body1>
      <RequestLinkForm />
    </AuthLayout>
  );
}
