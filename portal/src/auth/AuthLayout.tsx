import type { ReactNode } from 'react';
import { Caption1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { t } from '../messages';

const useStyles = makeStyles({
  root: {
    minHeight: '100%',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  main: {
    flex: '1 0 auto',
    display: 'flex',
    justifyContent: 'center',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXL}`,
  },
  card: {
    width: '100%',
    maxWidth: '460px',
    alignSelf: 'flex-start',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow4,
    boxSizing: 'border-box',
    '@media (min-width: 600px)': { marginTop: tokens.spacingVerticalXXXL },
  },
  heading: { margin: 0 },
  eyebrow: { color: tokens.colorNeutralForeground3, margin: 0 },
  footer: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
  },
});

export type AuthLayoutProps = {
  title: string;
  /** A line above the heading, e.g. the firm's name. */
  eyebrow?: string;
  children: ReactNode;
};

/** The signed-out screens: a single card, readable on a phone, with one h1. */
export function AuthLayout({ title, eyebrow, children }: AuthLayoutProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <header className={styles.brand}>
        <LockClosedRegular />
        <span>{t.auth.confer}</span>
      </header>
      <main className={styles.main}>
        <div className={styles.card}>
          <div>
            {eyebrow ? (
              <Caption1 as="p" block className={styles.eyebrow}>
                {eyebrow}
              </Caption1>
            ) : null}
            <Title2 as="h1" className={styles.heading}>
              {title}
            </Title2>
          </div>
          {children}
        </div>
      </main>
      <footer className={styles.footer}>
        <Caption1>{t.auth.conferKeepsYourConversations}</Caption1>
      </footer>
    </div>
  );
}
