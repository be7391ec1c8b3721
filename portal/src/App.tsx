import { Body1, Caption1, Title2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: tokens.spacingVerticalL,
    minHeight: '100vh',
    maxWidth: '480px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    boxSizing: 'border-box',
  },
  heading: { margin: 0, color: tokens.colorBrandForeground1 },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusLarge,
  },
  text: { margin: 0 },
  footnote: { color: tokens.colorNeutralForeground3 },
});

export function App() {
  const styles = useStyles();
  return (
    <main className={styles.root} aria-labelledby="portal-heading">
      <Title2 as="h1" id="portal-heading" className={styles.heading}>
        Confer client portal
      </Title2>
      <div className={styles.card}>
        <Body1 as="p" className={styles.text}>
          Your law firm will send you a secure link to sign in and talk with them about your matter. Secure-link sign-in
          arrives soon.
        </Body1>
      </div>
      <Caption1 className={styles.footnote}>
        If you were expecting a message from your lawyer, contact their office directly.
      </Caption1>
    </main>
  );
}
