import { Badge, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Contact } from '@confer/ui';

const KIND_LABEL: Record<Contact['kind'], string> = { client: 'Client', third_party: 'Third party' };

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  missing: { color: tokens.colorNeutralForeground3 },
});

export function ContactRow({ contact }: { contact: Contact }) {
  const styles = useStyles();
  return (
    <li className={styles.item}>
      <div className={styles.top}>
        <Text weight="semibold" className={styles.name}>
          {contact.name}
        </Text>
        <Badge size="small" appearance="tint" color={contact.kind === 'client' ? 'brand' : 'informative'}>
          {KIND_LABEL[contact.kind]}
        </Badge>
        {!contact.active && (
          <Badge size="small" appearance="outline" color="informative">
            Inactive
          </Badge>
        )}
      </div>
      <Text size={200} className={styles.detail}>
        {contact.email ? (
          <Link href={`mailto:${contact.email}`} aria-label={`Email ${contact.name}: ${contact.email}`}>
            {contact.email}
          </Link>
        ) : (
          <span className={styles.missing}>No email</span>
        )}
      </Text>
      <Text size={200} className={styles.detail}>
        {contact.mobile ? (
          <Link
            href={`tel:${contact.mobile.replace(/[^\d+]/g, '')}`}
            aria-label={`Call ${contact.name}: ${contact.mobile}`}
          >
            {contact.mobile}
          </Link>
        ) : (
          <span className={styles.missing}>No mobile</span>
        )}
      </Text>
    </li>
  );
}
