import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { RouterLink } from '../routing/RouterLink';
import { t } from '../messages';

const useStyles = makeStyles({
  tabs: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    minHeight: '44px',
    boxSizing: 'border-box',
    display: 'inline-flex',
    alignItems: 'center',
    color: tokens.colorNeutralForeground2,
    textDecoration: 'none',
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  current: { color: tokens.colorBrandForeground1, borderBottomColor: tokens.colorBrandStroke1 },
});

/** Files and Forms, the two parts of the Documents section. */
export function DocsTabs({ current }: { current: 'files' | 'forms' }) {
  const styles = useStyles();
  return (
    <nav aria-label={t.docs.documents} className={styles.tabs}>
      <RouterLink
        to={{ name: 'documents' }}
        className={mergeClasses(styles.tab, current === 'files' && styles.current)}
        aria-current={current === 'files' ? 'page' : undefined}
      >
        {t.docs.files}
      </RouterLink>
      <RouterLink
        to={{ name: 'forms' }}
        className={mergeClasses(styles.tab, current === 'forms' && styles.current)}
        aria-current={current === 'forms' ? 'page' : undefined}
      >
        {t.docs.forms}
      </RouterLink>
    </nav>
  );
}
