import { useMemo } from 'react';
import { Body1, makeStyles, tokens } from '@fluentui/react-components';
import { browserTimeZone, useLoader } from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { CalendarRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { portalExtras } from '../session/portal-extras';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { EventCard } from './EventCard';

const useStyles = makeStyles({
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** Upcoming meetings and appointments the firm has invited the client to, soonest first. */
export function EventsScreen() {
  const styles = useStyles();
  const { session } = usePortal();
  const viewerZone = useMemo(() => browserTimeZone(), []);
  const events = useLoader((signal) => portalExtras.listEvents({ signal }), [session.firm.id]);
  const { reload } = events;
  useLiveEvent((event) => {
    if (event.type === 'resync') reload();
  });
  const items = events.data?.items;

  return (
    <Page title="Events">
      <Body1 as="p" className={styles.intro}>
        Meetings and appointments with {session.firm.name}. Times are shown in the event&apos;s time zone, and in yours
        when it differs.
      </Body1>
      {events.error ? <ErrorNotice error={events.error} /> : null}
      {!items && events.loading ? <Loading label="Loading your events" /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<CalendarRegular />} title="No upcoming events">
          When {session.firm.name} invites you to a meeting, it will be listed here.
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <ul className={styles.list} aria-label="Upcoming events">
          {items.map((event) => (
            <li key={event.id}>
              <EventCard event={event} viewerZone={viewerZone} />
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
