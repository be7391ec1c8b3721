import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Route } from '../routing/route';
import { RouterLink } from '../routing/RouterLink';

/** The look of a list row that links somewhere; `meta` and `fresh` are for its caption lines. */
export const useLinkRowStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  centered: { alignItems: 'center' },
  icon: { fontSize: '24px', color: tokens.colorBrandForeground1, display: 'flex', flexShrink: 0 },
  text: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  fresh: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
});

type LinkRowProps = {
  to: Route;
  icon?: ReactNode;
  title: ReactNode;
  /** Caption lines under the title. */
  children?: ReactNode;
  /** After the text, e.g. a badge. */
  end?: ReactNode;
  /** Centres the icon, text and end vertically (the default aligns them to the top). */
  centered?: boolean;
};

/** One row of a list that opens something: icon, a bold title with caption lines, and an optional end. */
export function LinkRow({ to, icon, title, children, end, centered = false }: LinkRowProps) {
  const styles = useLinkRowStyles();
  return (
    <RouterLink className={mergeClasses(styles.row, centered && styles.centered)} to={to}>
      {icon ? <span className={styles.icon}>{icon}</span> : null}
      <span className={styles.text}>
        <span className={styles.title}>{title}</span>
        {children}
      </span>
      {end}
    </RouterLink>
  );
}
