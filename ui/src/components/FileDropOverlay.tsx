import type { ReactNode } from 'react';
import { Body1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { uiMessages as t } from '../messages/en.js';

const useStyles = makeStyles({
  overlay: {
    position: 'fixed',
    inset: 0,
    zIndex: 1000,
    pointerEvents: 'none',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackgroundAlpha2,
  },
  box: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    border: `3px dashed ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    color: tokens.colorBrandForeground1,
    textAlign: 'center',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  icon: { fontSize: '40px', display: 'flex' },
  heading: { margin: 0 },
  text: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export type FileDropOverlayProps = {
  /** The conversation the files go to. */
  title: string;
  /** What dropping does, e.g. "Drop files to attach". */
  heading: string;
  icon?: ReactNode;
};

/** Shown over the whole window while files are dragged over a conversation. */
export function FileDropOverlay({ title, heading, icon }: FileDropOverlayProps) {
  const styles = useStyles();
  return (
    <div className={styles.overlay} data-testid="drop-overlay">
      <div className={styles.box}>
        {icon ? <span className={styles.icon}>{icon}</span> : null}
        <Title3 as="p" className={styles.heading}>
          {heading}
        </Title3>
        <Body1 as="p" className={styles.text}>
          {t.files.dropHint(title)}
        </Body1>
      </div>
    </div>
  );
}
