import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Link,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { Contact, Matter } from '@confer/ui';
import { ContactRow } from './ContactRow';
import { ErrorNotice } from '@confer/ui/errors';
import { MatterConversations } from './MatterConversations';
import { MatterDocuments } from './MatterDocuments';
import { MatterExtras } from '../extras/MatterExtras';
import { ChevronLeftRegular, LockClosedRegular } from '@fluentui/react-icons';
import { useApi } from '../common/use-api';
import { useDialogState } from '../common/use-dialog-state';
import { routeHref } from '../shell/use-hash-route';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

const CloseMatterDialog = lazy(() => import('./CloseMatterDialog').then((m) => ({ default: m.CloseMatterDialog })));
const EndEngagementDialog = lazy(() =>
  import('./EndEngagementDialog').then((m) => ({ default: m.EndEngagementDialog })),
);
const EditContactDialog = lazy(() => import('./EditContactDialog').then((m) => ({ default: m.EditContactDialog })));
const AddMatterContactDialog = lazy(() =>
  import('./AddMatterContactDialog').then((m) => ({ default: m.AddMatterContactDialog })),
);

type MatterDetailScreenProps = {
  matterId: string;
  onMatterChanged: (matter: Matter) => void;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, alignSelf: 'flex-start' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  heading: {
    ...typographyStyles.title3,
    margin: 0,
    fontVariantNumeric: 'tabular-nums',
    ':focus': { outlineStyle: 'none' },
  },
  title: { overflowWrap: 'anywhere' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionHeading: { margin: 0 },
  sectionHeader: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

type MatterWithContacts = {
  matter: Matter;
  contacts: Contact[];
};

export function MatterDetailScreen({ matterId, onMatterChanged }: MatterDetailScreenProps) {
  const styles = useStyles();
  const api = useApi();
  const { state, reload, setData } = useLoader<MatterWithContacts>(
    async (signal) => {
      const [matter, contacts] = await Promise.all([
        api.getMatter(matterId, { signal }),
        api.listMatterContacts(matterId, { signal }),
      ]);
      return { matter, contacts: contacts.items };
    },
    [api, matterId],
  );
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ending = useDialogState<{ contact: Contact; trigger: HTMLElement }>();
  const editing = useDialogState<{ contact: Contact; trigger: HTMLElement }>();
  const adding = useDialogState<HTMLElement>();
  const closing = useDialogState<HTMLElement>();
  // This session only: the API has no engagement status on the contact (yet).
  const [endedContactIds, setEndedContactIds] = useState<ReadonlySet<string>>(new Set());
  const [conversationsKey, setConversationsKey] = useState(0);

  // Move focus to the heading once the matter shows, so screen readers announce the new view.
  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready]);

  const back = (
    <Link href={routeHref({ name: 'home' })} className={styles.back}>
      <ChevronLeftRegular />
      {t.matters.backToMatters}
    </Link>
  );

  if (state.status === 'loading') {
    return (
      <div className={styles.root}>
        {back}
        <Spinner label={t.matters.loadingMatter} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={styles.root}>
        {back}
        <ErrorNotice error={state.error} onRetry={reload} />
      </div>
    );
  }

  const { matter, contacts } = state.data;
  const closed = matter.status === 'closed';

  function updateContact(contact: Contact) {
    // an edit answers the contact without their notification choice: keep the one shown
    setData({
      matter,
      contacts: contacts.map((c) =>
        c.id === contact.id ? { notificationChoice: c.notificationChoice, ...contact } : c,
      ),
    });
  }

  function statusChanged(updated: Matter) {
    setData({ matter: updated, contacts });
    onMatterChanged(updated);
    setConversationsKey((n) => n + 1);
  }

  /** Closing asks first (CloseMatterDialog); reopening needs no confirmation. */
  async function reopen() {
    setBusy(true);
    setActionError(null);
    try {
      statusChanged(await api.reopenMatter(matter.id));
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className={styles.root} aria-labelledby="matter-heading">
      {back}
      <div className={styles.card}>
        <h2 id="matter-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
          {matter.number}
        </h2>
        <Text size={400} className={styles.title}>
          {matter.title}
        </Text>
        <div className={styles.badges}>
          <Badge appearance="tint" color={closed ? 'subtle' : 'success'}>
            {closed ? t.matters.closed : t.matters.open}
          </Badge>
          {matter.restricted && (
            <Badge appearance="tint" color="warning" icon={<LockClosedRegular />}>
              {t.matters.restricted}
            </Badge>
          )}
        </div>
        {actionError != null && <ErrorNotice error={actionError} />}
        <div className={styles.actions}>
          {closed ? (
            <Button onClick={() => void reopen()} disabledFocusable={busy}>
              {busy ? t.matters.reopening : t.matters.reopenMatter}
            </Button>
          ) : (
            <Button onClick={(e) => closing.open(e.currentTarget)}>{t.matters.closeMatterLabel}</Button>
          )}
        </div>
      </div>

      <section className={styles.section} aria-labelledby="contacts-heading">
        <div className={styles.sectionHeader}>
          <Subtitle2 as="h3" id="contacts-heading" className={styles.sectionHeading}>
            {t.matters.contacts}
          </Subtitle2>
          {!closed && (
            <Button size="small" onClick={(e) => adding.open(e.currentTarget)}>
              {t.matters.addContact}
            </Button>
          )}
        </div>
        {contacts.length === 0 ? (
          <Text className={styles.muted}>{t.matters.noContactsAreLinked}</Text>
        ) : (
          <ul role="list" aria-label={t.matters.contacts} className={styles.list}>
            {contacts.map((contact) => (
              <ContactRow
                key={contact.id}
                contact={contact}
                engagementEnded={endedContactIds.has(contact.id)}
                onEndEngagement={closed ? undefined : (c, trigger) => ending.open({ contact: c, trigger })}
                onEdit={(c, trigger) => editing.open({ contact: c, trigger })}
              />
            ))}
          </ul>
        )}
      </section>

      <MatterConversations
        matter={matter}
        contacts={contacts}
        onContactUpdated={updateContact}
        refreshKey={conversationsKey}
      />
      <MatterExtras matter={matter} contacts={contacts} />
      <MatterDocuments matter={matter} />

      {editing.state && (
        <Suspense fallback={null}>
          <EditContactDialog
            key={editing.state.key}
            open={editing.state.open}
            contact={editing.state.value.contact}
            onClose={() => {
              const trigger = editing.state?.value.trigger;
              editing.close();
              requestAnimationFrame(() => trigger?.focus());
            }}
            onSaved={(contact) => {
              const trigger = editing.state?.value.trigger;
              updateContact(contact);
              editing.close();
              requestAnimationFrame(() => trigger?.focus());
            }}
          />
        </Suspense>
      )}
      {adding.state && (
        <Suspense fallback={null}>
          <AddMatterContactDialog
            key={adding.state.key}
            open={adding.state.open}
            matter={matter}
            linkedContactIds={new Set(contacts.map((c) => c.id))}
            onClose={() => {
              const trigger = adding.state?.value;
              adding.close();
              requestAnimationFrame(() => trigger?.focus());
            }}
            onAdded={(contact) => {
              const trigger = adding.state?.value;
              setData({ matter, contacts: [...contacts, contact] });
              adding.close();
              requestAnimationFrame(() => trigger?.focus());
            }}
          />
        </Suspense>
      )}
      {closing.state && (
        <Suspense fallback={null}>
          <CloseMatterDialog
            key={closing.state.key}
            open={closing.state.open}
            matter={matter}
            onClosed={(updated) => {
              closing.close();
              statusChanged(updated);
              requestAnimationFrame(() => headingRef.current?.focus());
            }}
            onClose={() => {
              const trigger = closing.state?.value;
              closing.close();
              requestAnimationFrame(() => trigger?.focus());
            }}
          />
        </Suspense>
      )}
      {ending.state && (
        <Suspense fallback={null}>
          <EndEngagementDialog
            key={ending.state.key}
            open={ending.state.open}
            matter={matter}
            contact={ending.state.value.contact}
            onClose={() => {
              const trigger = ending.state?.value.trigger;
              ending.close();
              requestAnimationFrame(() => trigger?.focus());
            }}
            onEnded={() => {
              const ended = ending.state?.value.contact.id;
              if (ended) setEndedContactIds((prev) => new Set([...prev, ended]));
              ending.close();
              setConversationsKey((n) => n + 1);
              requestAnimationFrame(() => headingRef.current?.focus());
            }}
          />
        </Suspense>
      )}
    </article>
  );
}
