import type { ReactNode } from 'react';
import { CounterBadge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  CalendarRegular,
  ChatRegular,
  DocumentRegular,
  ReceiptRegular,
  TaskListLtrRegular,
} from '@fluentui/react-icons';
import { VisuallyHidden } from '@confer/ui/components';
import type { Route } from '../routing/route';
import { RouterLink } from '../routing/RouterLink';
import { t } from '../messages';

const useStyles = makeStyles({
  nav: {
    gridArea: 'nav',
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: 'env(safe-area-inset-bottom)',
    '@media (min-width: 768px)': {
      borderTop: 'none',
      borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      backgroundColor: tokens.colorNeutralBackground2,
      paddingTop: tokens.spacingVerticalM,
    },
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(5, minmax(0, 1fr))',
    '@media (min-width: 768px)': { gridTemplateColumns: '1fr', gap: tokens.spacingVerticalXS },
  },
  link: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: '2px',
    minHeight: '56px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXXS}`,
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
    textDecoration: 'none',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    // "Documents", the longest label, fits the narrowest phones (320 px) in one line.
    '@media (max-width: 359px)': { fontSize: tokens.fontSizeBase100 },
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-3px',
    },
    '@media (min-width: 768px)': {
      flexDirection: 'row',
      justifyContent: 'flex-start',
      gap: tokens.spacingHorizontalM,
      minHeight: '44px',
      margin: `0 ${tokens.spacingHorizontalS}`,
      padding: `0 ${tokens.spacingHorizontalM}`,
      borderRadius: tokens.borderRadiusMedium,
      fontSize: tokens.fontSizeBase300,
    },
  },
  // Brand foreground 2 keeps AA contrast on the brand background in both themes, hovered too.
  current: {
    color: tokens.colorBrandForeground2,
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { color: tokens.colorBrandForeground2, backgroundColor: tokens.colorBrandBackground2Hover },
  },
  icon: { fontSize: '24px', display: 'flex' },
  badge: {
    position: 'absolute',
    top: '6px',
    left: 'calc(50% + 6px)',
    '@media (min-width: 768px)': { position: 'static', marginLeft: 'auto' },
  },
});

type Section = 'todo' | 'conversations' | 'documents' | 'events' | 'billing';

export type SectionNavProps = { current: Section | null; unread: number };

function NavItem({
  to,
  label,
  icon,
  current,
  badge,
}: {
  to: Route;
  label: ReactNode;
  icon: ReactNode;
  current: boolean;
  badge?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <li>
      <RouterLink
        to={to}
        className={mergeClasses(styles.link, current && styles.current)}
        aria-current={current ? 'page' : undefined}
      >
        <span className={styles.icon}>{icon}</span>
        <span>{label}</span>
        {badge}
      </RouterLink>
    </li>
  );
}

/** To do, Messages, Documents, Events, Billing: a bottom bar on phones, a side list on wider screens. */
export function SectionNav({ current, unread }: SectionNavProps) {
  const styles = useStyles();
  return (
    <nav className={styles.nav} aria-label={t.shell.sections}>
      <ul className={styles.list}>
        <NavItem
          to={{ name: 'todo' }}
          label={t.shell.toDo}
          icon={<TaskListLtrRegular />}
          current={current === 'todo'}
        />
        <NavItem
          to={{ name: 'conversations' }}
          label={t.shell.messages}
          icon={<ChatRegular />}
          current={current === 'conversations'}
          badge={
            unread > 0 ? (
              <>
                <CounterBadge className={styles.badge} count={unread} size="small" aria-hidden="true" />
                <VisuallyHidden>, {t.common.unreadMessages(unread)}</VisuallyHidden>
              </>
            ) : null
          }
        />
        <NavItem
          to={{ name: 'documents' }}
          label={t.shell.documents}
          icon={<DocumentRegular />}
          current={current === 'documents'}
        />
        <NavItem
          to={{ name: 'events' }}
          label={t.shell.events}
          icon={<CalendarRegular />}
          current={current === 'events'}
        />
        <NavItem
          to={{ name: 'billing' }}
          label={t.shell.billing}
          icon={<ReceiptRegular />}
          current={current === 'billing'}
        />
      </ul>
    </nav>
  );
}
