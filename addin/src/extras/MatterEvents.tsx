import { useRef } from 'react';
import { Badge, Button, Link, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import { formatEventTime, type CalendarEvent, type Contact, type Matter, useLoader } from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ErrorNotice } from '@confer/ui/errors';
import { EventDialog } from './EventDialog';
import { AddRegular } from '@fluentui/react-icons';
import { useExtrasStyles } from './extras-styles';
import { useDialogState } from '../common/use-dialog-state';
import { useExtrasApi } from './use-extras-api';
import { t } from '../messages';

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A matter's events (cancelled ones marked), with add, edit and cancel. */
export function MatterEvents({ matter, contacts }: { matter: Matter; contacts: Contact[] }) {
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const { state, reload, setData } = useLoader(
    (signal) => api.listMatterEvents(matter.id, { signal }).then((r) => r.items),
    [api, matter.id],
  );
  const editing = useDialogState<CalendarEvent | null>();
  const cancelling = useDialogState<CalendarEvent>();
  const addButton = useRef<HTMLButtonElement>(null);
  const items = state.status === 'ready' ? state.data : [];

  function replace(event: CalendarEvent) {
    const rest = items.filter((e) => e.id !== event.id);
    setData([...rest, event].sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
  }

  return (
    <section className={x.section} aria-labelledby="events-heading">
      <div className={x.top}>
        <Subtitle2 as="h3" id="events-heading" className={x.heading}>
          {t.extras.events}
        </Subtitle2>
        {matter.status === 'open' && (
          <Button ref={addButton} size="small" icon={<AddRegular />} onClick={() => editing.open(null)}>
            {t.extras.addEvent}
          </Button>
        )}
      </div>
      {state.status === 'loading' && <Spinner size="tiny" label={t.extras.loadingEvents} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && items.length === 0 && <Text className={x.muted}>{t.extras.noEventsYet}</Text>}
      {items.length > 0 && (
        <ul aria-label={t.extras.events} className={x.list}>
          {items.map((event) => {
            const time = formatEventTime(event, viewerZone);
            return (
              <li key={event.id} className={x.item} aria-label={event.title}>
                <div className={x.row}>
                  <Text className={x.name}>{event.title}</Text>
                  {event.cancelledAt && (
                    <Badge appearance="tint" color="danger">
                      {t.extras.cancelled}
                    </Badge>
                  )}
                </div>
                <Text size={200}>{time.inEventZone}</Text>
                {time.inViewerZone && (
                  <Text size={200} className={x.muted}>
                    {t.extras.yourTime(time.inViewerZone)}
                  </Text>
                )}
                {event.location && <Text size={200}>{event.location}</Text>}
                {event.videoUrl && (
                  <Link href={event.videoUrl} target="_blank" rel="noopener noreferrer">
                    {t.extras.videoCallLink}
                  </Link>
                )}
                <Text size={200} className={x.muted}>
                  {event.attendees.length > 0
                    ? t.extras.attendeesList(event.attendees.map((a) => a.name).join(', '))
                    : t.extras.noAttendees}
                </Text>
                {!event.cancelledAt && (
                  <div className={x.actions}>
                    <Button size="small" onClick={() => editing.open(event)} aria-label={t.extras.edit(event.title)}>
                      {t.extras.editLabel}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => cancelling.open(event)}
                      aria-label={t.extras.cancelEvent(event.title)}
                    >
                      {t.extras.cancelEventLabel}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editing.state && (
        <EventDialog
          key={editing.state.key}
          open={editing.state.open}
          matter={matter}
          contacts={contacts}
          event={editing.state.value}
          onSaved={(event) => {
            replace(event);
            editing.close();
          }}
          onClose={editing.close}
        />
      )}
      {cancelling.state && (
        <ConfirmDialog
          key={cancelling.state.key}
          open={cancelling.state.open}
          title={t.extras.cancelThisEvent}
          body={t.extras.willBeMarkedCancelled(cancelling.state.value.title)}
          confirmLabel={t.extras.cancelEventLabel}
          busyLabel={t.extras.cancelling}
          onConfirm={async () => {
            const value = cancelling.state?.value;
            if (!value) return;
            replace(await api.cancelEvent(value.id));
            cancelling.close();
          }}
          onClose={cancelling.close}
        />
      )}
    </section>
  );
}
