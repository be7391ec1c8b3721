import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { Matter } from '@confer/ui';
import { LockClosedRegular } from '@fluentui/react-icons';
import { UnreadBadge } from '../common/UnreadBadge';
import { routeHref } from '../shell/use-hash-route';
import { listRowLinkStyle } from '../common/list-row-link-style';
import { t } from '../messages';

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  link: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"number badges" "title title"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    ...listRowLinkStyle,
  },
  number: {
    gridArea: 'number',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    fontVariantNumeric: 'tabular-nums',
  },
  title: {
    gridArea: 'title',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  badges: {
    gridArea: 'badges',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
});

/** One matter in the list; the link's accessible name starts with the matter number. */
export function MatterRow({ matter, unread = 0 }: { matter: Matter; unread?: number }) {
  const styles = useStyles();
  return (
    <li className={styles.item}>
      <a className={styles.link} href={routeHref({ name: 'matter', matterId: matter.id })} data-matter-id={matter.id}>
        <span className={styles.number}>{matter.number}</span>
        <span className={styles.title} title={matter.title}>
          {matter.title}
        </span>
        {(matter.restricted || matter.status === 'closed' || unread > 0) && (
          <div className={styles.badges}>
            {matter.restricted && (
              <Badge size="small" appearance="tint" color="warning" icon={<LockClosedRegular />}>
                {t.matters.restricted}
              </Badge>
            )}
            {matter.status === 'closed' && (
              <Badge size="small" appearance="outline" color="informative">
                {t.matters.closed}
              </Badge>
            )}
            <UnreadBadge count={unread} />
          </div>
        )}
      </a>
    </li>
  );
}
