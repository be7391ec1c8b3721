import { Avatar, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Me } from '@confer/ui';
import { routeHref } from './use-hash-route';

type AppHeaderProps = {
  me: Me;
  section: 'matters' | 'staff';
  onSignOut: () => void;
};

const useStyles = makeStyles({
  header: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bar: {
    display: 'flex',
    maxWidth: '880px',
    margin: '0 auto',
    boxSizing: 'border-box',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  firm: {
    flexGrow: 1,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  firmName: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  product: { color: tokens.colorNeutralForeground3 },
  nav: {
    display: 'flex',
    maxWidth: '880px',
    margin: '0 auto',
    boxSizing: 'border-box',
    gap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  navLink: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    fontSize: tokens.fontSizeBase300,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    ':hover': { borderBottomColor: tokens.colorCompoundBrandStroke },
  },
});

export function AppHeader({ me, section, onSignOut }: AppHeaderProps) {
  const styles = useStyles();
  const isAdmin = me.staff.role === 'admin';

  return (
    <header className={styles.header}>
      <div className={styles.bar}>
        <div className={styles.firm}>
          <Text weight="semibold" className={styles.firmName} title={me.firm.name}>
            {me.firm.name}
          </Text>
          <Text size={100} className={styles.product}>
            Confer
          </Text>
        </div>
        <Avatar
          initials={me.staff.initials}
          name={me.staff.name}
          color="colorful"
          size={28}
          aria-label={`Signed in as ${me.staff.name}`}
          title={`Signed in as ${me.staff.name}`}
        />
        <Button appearance="subtle" size="small" onClick={onSignOut}>
          Sign out
        </Button>
      </div>
      {isAdmin && (
        <nav className={styles.nav} aria-label="Sections">
          <a
            href={routeHref({ name: 'matters' })}
            className={mergeClasses(styles.navLink, section === 'matters' && styles.current)}
            aria-current={section === 'matters' ? 'page' : undefined}
          >
            Matters
          </a>
          <a
            href={routeHref({ name: 'staff' })}
            className={mergeClasses(styles.navLink, section === 'staff' && styles.current)}
            aria-current={section === 'staff' ? 'page' : undefined}
          >
            Staff
          </a>
        </nav>
      )}
    </header>
  );
}
