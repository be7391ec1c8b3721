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
          Events
        </Subtitle2>
        {matter.status === 'open' && (
          <Button ref={addButton} size="small" icon={<AddRegular />} onClick={() => editing.open(null)}>
            Add event
          </Button>
        )}
      </div>
      {state.status === 'loading' && <Spinner size="tiny" label="Loading events…" />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && items.length === 0 && <Text className={x.muted}>No events yet.</Text>}
      {items.length > 0 && (
        <ul aria-label="Events" className={x.list}>
          {items.map((event) => {
            const time = formatEventTime(event, viewerZone);
            return (
              <li key={event.id} className={x.item} aria-label={event.title}>
                <div className={x.row}>
                  <Text className={x.name}>{event.title}</Text>
                  {event.cancelledAt && (
                    <Badge appearance="tint" color="danger">
                      Cancelled
                    </Badge>
                  )}
                </div>
                <Text size={200}>{time.inEventZone}</Text>
                {time.inViewerZone && (
                  <Text size={200} className={x.muted}>
                    Your time: {time.inViewerZone}
                  </Text>
                )}
                {event.location && <Text size={200}>{event.location}</Text>}
                {event.videoUrl && (
                  <Link href={event.videoUrl} target="_blank" rel="noopener noreferrer">
                    Video call link
                  </Link>
                )}
                <Text size={200} className={x.muted}>
                  {event.attendees.length > 0
                    ? `Attendees: ${event.attendees.map((a) => a.name).join(', ')}`
                    : 'No attendees'}
                </Text>
                {!event.cancelledAt && (
                  <div className={x.actions}>
                    <Button size="small" onClick={() => editing.open(event)} aria-label={`Edit ${event.title}`}>
                      Edit
                    </Button>
                    <Button
                      size="small"
                      onClick={() => cancelling.open(event)}
                      aria-label={`Cancel event: ${event.title}`}
                    >
                      Cancel event
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
          title="Cancel this event?"
          body={`"${cancelling.state.value.title}" will be marked cancelled, and its attendees will get an email saying so.`}
          confirmLabel="Cancel event"
          busyLabel="Cancelling…"
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
