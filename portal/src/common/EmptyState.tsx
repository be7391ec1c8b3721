import type { ReactNode } from 'react';
import { Body1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: '32px', color: tokens.colorNeutralForeground3 },
  text: { margin: 0, maxWidth: '36ch' },
  heading: { margin: 0, color: tokens.colorNeutralForeground1 },
});

export type EmptyStateProps = { icon?: ReactNode; title: string; children?: ReactNode };

export function EmptyState({ icon, title, children }: EmptyStateProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {icon ? <span className={styles.icon}>{icon}</span> : null}
      <Subtitle2 as="p" className={styles.heading}>
        {title}
      </Subtitle2>
      {children ? (
        <Body1 as="p" className={styles.text}>
          {children}
        </Body1>
      ) : null}
    </div>
  );
}
