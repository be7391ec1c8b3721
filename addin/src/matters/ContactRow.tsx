import { Badge, Button, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Contact } from '@confer/ui';
import { t } from '../messages';
import { notificationChoiceLine } from './notification-choice-line';

const KIND_LABEL: Record<Contact['kind'], string> = { client: t.matters.clientKind, third_party: t.matters.thirdParty };

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    display: 'grid',
    // Name line across; email and mobile on the left, the engagement action on the right.
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"top top" "email action" "mobile action" "notified notified"',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  top: { gridArea: 'top', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  badge: { flexShrink: 0 },
  edit: { marginLeft: 'auto', flexShrink: 0 },
  email: { gridArea: 'email' },
  mobile: { gridArea: 'mobile' },
  notified: { gridArea: 'notified' },
  action: { gridArea: 'action', alignSelf: 'center' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  missing: { color: tokens.colorNeutralForeground3 },
});

type ContactRowProps = {
  contact: Contact;
  /** Offered on open matters; opens the confirmation. */
  onEndEngagement?: (contact: Contact, trigger: HTMLElement) => void;
  engagementEnded?: boolean;
  /** Opens the dialog to change name, email and mobile. */
  onEdit?: (contact: Contact, trigger: HTMLElement) => void;
};

export function ContactRow({ contact, onEndEngagement, engagementEnded, onEdit }: ContactRowProps) {
  const styles = useStyles();
  return (
    <li className={styles.item}>
      <div className={styles.top}>
        <Text weight="semibold" className={styles.name}>
          {contact.name}
        </Text>
        <Badge
          size="small"
          appearance="tint"
          color={contact.kind === 'client' ? 'brand' : 'informative'}
          className={styles.badge}
        >
          {KIND_LABEL[contact.kind]}
        </Badge>
        {!contact.active && (
          <Badge size="small" appearance="outline" color="informative" className={styles.badge}>
            {t.matters.inactive}
          </Badge>
        )}
        {onEdit && (
          <Button
            size="small"
            appearance="subtle"
            className={styles.edit}
            aria-label={t.matters.edit(contact.name)}
            onClick={(e) => onEdit(contact, e.currentTarget)}
          >
            {t.matters.editLabel}
          </Button>
        )}
      </div>
      <Text size={200} className={mergeClasses(styles.detail, styles.email)}>
        {contact.email ? (
          <Link href={`mailto:${contact.email}`} aria-label={t.matters.emailLabel(contact.name, contact.email)}>
            {contact.email}
          </Link>
        ) : (
          <span className={styles.missing}>{t.matters.noEmail}</span>
        )}
      </Text>
      <Text size={200} className={mergeClasses(styles.detail, styles.mobile)}>
        {contact.mobile ? (
          <Link
            href={`tel:${contact.mobile.replace(/[^\d+]/g, '')}`}
            aria-label={t.matters.call(contact.name, contact.mobile)}
          >
            {contact.mobile}
          </Link>
        ) : (
          <span className={styles.missing}>{t.matters.noMobile}</span>
        )}
      </Text>
      {contact.notificationChoice ? (
        <Text size={200} className={mergeClasses(styles.detail, styles.notified)}>
          {notificationChoiceLine(contact.notificationChoice)}
        </Text>
      ) : null}
      {engagementEnded ? (
        <Badge size="small" appearance="outline" color="subtle" className={styles.action}>
          {t.matters.engagementEnded}
        </Badge>
      ) : (
        onEndEngagement && (
          <Button
            size="small"
            appearance="subtle"
            className={styles.action}
            aria-label={t.matters.endEngagementWith(contact.name)}
            onClick={(e) => onEndEngagement(contact, e.currentTarget)}
          >
            {t.matters.endEngagement}
          </Button>
        )
      )}
    </li>
  );
}
