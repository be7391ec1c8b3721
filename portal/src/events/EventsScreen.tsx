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
import { t } from '../messages';

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
    <Page title={t.events.events}>
      <Body1 as="p" className={styles.intro}>
        {t.events.meetingsAndAppointmentsWith(session.firm.name)}
      </Body1>
      {events.error ? <ErrorNotice error={events.error} /> : null}
      {!items && events.loading ? <Loading label={t.events.loadingYourEvents} /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<CalendarRegular />} title={t.events.noUpcomingEvents}>
          {t.events.whenInvitesYouTo(session.firm.name)}
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <ul className={styles.list} aria-label={t.events.upcomingEvents}>
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
