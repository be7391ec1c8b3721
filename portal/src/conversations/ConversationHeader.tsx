import { Avatar, Caption1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { PortalConversation } from '@confer/ui';
import { ChevronLeftRegular } from '@fluentui/react-icons';
import { matterLine } from '../common/matter-line';
import { RouterLink } from '../routing/RouterLink';
import { t } from '../messages';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  back: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '44px',
    height: '44px',
    flexShrink: 0,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  text: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column' },
  title: {
    margin: 0,
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
  },
  matter: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  people: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexShrink: 0, gap: '2px' },
  person: { display: 'flex' },
  more: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '28px',
    height: '28px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

const maxShown = 4;

/** Title, matter, and who is in the conversation (initials; full names for screen readers and on hover). */
export function ConversationHeader({ conversation }: { conversation: PortalConversation }) {
  const styles = useStyles();
  const shown = conversation.participants.slice(0, maxShown);
  const hidden = conversation.participants.slice(maxShown);
  const matter = matterLine(conversation.matter, conversation.title);
  return (
    <div className={styles.header}>
      <RouterLink
        className={styles.back}
        to={{ name: 'conversations' }}
        aria-label={t.conversations.allConversations}
        title={t.conversations.allConversations}
      >
        <ChevronLeftRegular />
      </RouterLink>
      <div className={styles.text}>
        <Title3 as="h2" className={styles.title}>
          {conversation.title}
        </Title3>
        {matter ? <Caption1 className={styles.matter}>{matter}</Caption1> : null}
      </div>
      <ul className={styles.people} aria-label={t.conversations.peopleInThisConversation}>
        {shown.map((person, index) => (
          <li key={`${index}:${person.name}`} className={styles.person} title={person.name}>
            <Avatar
              size={28}
              name={person.name}
              initials={person.initials}
              color={person.kind === 'staff' ? 'brand' : 'colorful'}
            />
          </li>
        ))}
        {hidden.length > 0 ? (
          <li className={styles.person} title={hidden.map((p) => p.name).join(', ')}>
            <span
              className={styles.more}
              role="img"
              aria-label={t.conversations.andOthers(hidden.map((p) => p.name).join(', '))}
            >
              +{hidden.length}
            </span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
