import {
  Button,
  Caption1,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PortalSession } from '@confer/ui';
import { AlertRegular, ArrowSwapRegular, KeyRegular, SignOutRegular } from '@fluentui/react-icons';
import { navigate } from '../routing/navigation';
import { RouterLink } from '../routing/RouterLink';
import { t } from '../messages';

const useStyles = makeStyles({
  header: {
    gridArea: 'header',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    minHeight: '52px',
    boxSizing: 'border-box',
  },
  who: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column' },
  firm: {
    margin: 0,
    color: 'inherit',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  name: { color: 'inherit', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  button: {
    color: tokens.colorNeutralForegroundOnBrand,
    minWidth: 'auto',
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    ':hover:active': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundPressed,
    },
  },
  label: { '@media (max-width: 419px)': { display: 'none' } },
  link: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '32px',
    minHeight: '32px',
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralForegroundOnBrand}` },
  },
  linkIcon: { fontSize: '20px' },
});

export type PortalHeaderProps = {
  session: PortalSession;
  onSwitchFirm: (firmId: string) => void;
  onSignOut: () => void;
  busy: boolean;
};

export function PortalHeader({ session, onSwitchFirm, onSignOut, busy }: PortalHeaderProps) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <div className={styles.who}>
        <Subtitle2 as="h1" className={styles.firm}>
          {session.firm.name}
        </Subtitle2>
        <Caption1 className={styles.name}>
          <span>{t.shell.signedInAs}</span>
          {session.contact.name}
        </Caption1>
      </div>
      <div className={styles.actions}>
        {session.otherFirms.length > 0 ? (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button
                appearance="transparent"
                className={styles.button}
                icon={<ArrowSwapRegular />}
                aria-label={t.shell.switchFirm}
                disabled={busy}
              >
                <span className={styles.label} aria-hidden="true">
                  {t.shell.switchFirm}
                </span>
              </Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {session.otherFirms.map((firm) => (
                  <MenuItem key={firm.firmId} onClick={() => onSwitchFirm(firm.firmId)}>
                    {firm.firmName}
                  </MenuItem>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        ) : null}
        {session.scopeConversationId === null ? (
          <RouterLink
            to={{ name: 'notifications' }}
            className={styles.link}
            aria-label={t.shell.notifications}
            title={t.shell.notifications}
          >
            <AlertRegular className={styles.linkIcon} aria-hidden="true" />
          </RouterLink>
        ) : null}
        {session.scopeConversationId === null ? (
          <Button
            appearance="transparent"
            className={styles.button}
            icon={<KeyRegular />}
            aria-label={t.security.passkeys}
            onClick={() => navigate({ name: 'security' })}
          >
            <span className={styles.label} aria-hidden="true">
              {t.security.passkeys}
            </span>
          </Button>
        ) : null}
        <Button
          appearance="transparent"
          className={styles.button}
          icon={<SignOutRegular />}
          onClick={onSignOut}
          disabled={busy}
        >
          {t.shell.signOut}
        </Button>
      </div>
    </header>
  );
}
