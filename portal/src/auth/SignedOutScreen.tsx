import { Body1, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { AuthLayout } from './AuthLayout';
import { RequestLinkForm } from './RequestLinkForm';
import { t } from '../messages';

const useStyles = makeStyles({ text: { margin: 0 } });

export type SignedOutScreenProps = { notice?: string | null };

export function SignedOutScreen({ notice }: SignedOutScreenProps) {
  const styles = useStyles();
  return (
    <AuthLayout title={t.auth.signInWithYour}>
      {notice ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Body1 as="p" className={styles.text}>
        {t.auth.toOpenYourConversations}
      </Body1>
      <Body1 as="p" className={styles.text}>
        {t.auth.cannotFindTheEmail}
      </Body1>
      <RequestLinkForm />
    </AuthLayout>
  );
}
