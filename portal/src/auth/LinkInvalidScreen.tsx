import { Body1, makeStyles } from '@fluentui/react-components';
import { AuthLayout } from './AuthLayout';
import { RequestLinkForm } from './RequestLinkForm';
import { t } from '../messages';

const useStyles = makeStyles({ text: { margin: 0 } });

export function LinkInvalidScreen() {
  const styles = useStyles();
  return (
    <AuthLayout title={t.auth.thisLinkHasExpired}>
      <Body1 as="p" className={styles.text}>
        {t.auth.secureLinksWorkFor}
      </Body1>
      <RequestLinkForm />
    </AuthLayout>
  );
}
