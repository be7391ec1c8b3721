import { Body1, makeStyles } from '@fluentui/react-components';
import { AuthLayout } from './AuthLayout';
import { RequestLinkForm } from './RequestLinkForm';

const useStyles = makeStyles({ text: { margin: 0 } });

export function LinkInvalidScreen() {
  const styles = useStyles();
  return (
    <AuthLayout title="This link has expired or is not valid">
      <Body1 as="p" className={styles.text}>
        Secure links work for 7 days, and only for the person they were sent to. Enter your email address and, if it
        matches a client of a firm using Confer, we will email you a new link.
      </Body1>
      <RequestLinkForm />
    </AuthLayout>
  );
}
