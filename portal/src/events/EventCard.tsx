import { Body1, Button, Caption1, Link, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { formatEventTime, portalEventIcsUrl, type PortalCalendarEvent } from '@confer/ui';
import { ArrowDownloadRegular, CalendarRegular, LocationRegular, VideoRegular } from '@fluentui/react-icons';
import { matterLine } from '../common/matter-line';
import { t } from '../messages';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  line: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, margin: 0 },
  icon: { display: 'flex', flexShrink: 0, paddingTop: '2px', color: tokens.colorBrandForeground1 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const isHttps = (url: string | null): url is string => Boolean(url && /^https:\/\//i.test(url));

/** One upcoming event: when (in its zone and the reader's), where, which matter, who; and a calendar file. */
export function EventCard({ event, viewerZone }: { event: PortalCalendarEvent; viewerZone: string }) {
  const styles = useStyles();
  const time = formatEventTime(event, viewerZone);
  const headingId = `event-${event.id}`;
  const matter = matterLine(event.matter);
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.title}>
        {event.title}
      </Subtitle2>
      <p className={styles.line}>
        <span className={styles.icon}>
          <CalendarRegular />
        </span>
        <span className={styles.text}>
          <Body1>{time.inEventZone}</Body1>
          {time.inViewerZone ? (
            <Caption1 className={styles.meta}>{t.events.yourTime(time.inViewerZone)}</Caption1>
          ) : null}
        </span>
      </p>
      {event.location ? (
        <p className={styles.line}>
          <span className={styles.icon}>
            <LocationRegular />
          </span>
          <Body1 className={styles.text}>{event.location}</Body1>
        </p>
      ) : null}
      {isHttps(event.videoUrl) ? (
        <p className={styles.line}>
          <span className={styles.icon}>
            <VideoRegular />
          </span>
          <Link href={event.videoUrl} target="_blank" rel="noopener noreferrer">
            {t.events.joinVideoCall}
          </Link>
        </p>
      ) : null}
      {matter ? <Caption1 className={styles.meta}>{matter}</Caption1> : null}
      {event.attendees.length > 0 ? (
        <Caption1 className={styles.meta}>
          {t.events.withPeople(event.attendees.map((a) => a.name).join(', '))}
        </Caption1>
      ) : null}
      <div className={styles.actions}>
        <Button
          as="a"
          href={portalEventIcsUrl(event.id)}
          download
          icon={<ArrowDownloadRegular />}
          aria-label={t.events.addToCalendarFor(event.title)}
        >
          {t.events.addToCalendar}
        </Button>
      </div>
    </article>
  );
}
