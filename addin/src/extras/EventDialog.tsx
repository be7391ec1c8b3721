import { useMemo, useState } from 'react';
import { Checkbox, Field, Input, Select } from '@fluentui/react-components';
import {
  browserTimeZone,
  isValidTimeZone,
  listTimeZones,
  utcToZonedLocal,
  zonedLocalToUtc,
  type CalendarEvent,
  type Contact,
  type Matter,
} from '@confer/ui';
import { ContactChecklist } from '../matters/ContactChecklist';
import { FormDialog } from './FormDialog';
import { extrasFieldErrors } from './extras-field-errors';
import { useExtrasStyles } from './extras-styles';
import { useExtrasApi } from './use-extras-api';
import { t } from '../messages';

type EventDialogProps = {
  open: boolean;
  matter: Matter;
  contacts: Contact[];
  /** The event to edit; none to add one. */
  event: CalendarEvent | null;
  onSaved: (event: CalendarEvent) => void;
  onClose: () => void;
};

/** Adds or edits an event: title, start and end in a chosen time zone, place or video link, attendees. */
export function EventDialog({ open, matter, contacts, event, onSaved, onClose }: EventDialogProps) {
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const initialZone = event?.timeZone ?? browserTimeZone();
  const [title, setTitle] = useState(event?.title ?? '');
  const [timeZone, setTimeZone] = useState(initialZone);
  const [start, setStart] = useState(event ? utcToZonedLocal(event.startsAt, initialZone) : '');
  const [end, setEnd] = useState(event ? utcToZonedLocal(event.endsAt, initialZone) : '');
  const [location, setLocation] = useState(event?.location ?? '');
  const [videoUrl, setVideoUrl] = useState(event?.videoUrl ?? '');
  const [attendees, setAttendees] = useState<Set<string>>(new Set(event?.attendees.map((a) => a.contactId) ?? []));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => listTimeZones([initialZone]), [initialZone]);
  const linked = contacts.filter((c) => c.active);

  function check() {
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t.extras.giveTheEventA;
    if (!isValidTimeZone(timeZone)) found.timeZone = t.extras.chooseATimeZone;
    const startsAt = zonedLocalToUtc(start, timeZone);
    const endsAt = zonedLocalToUtc(end, timeZone);
    if (!startsAt) found.startsAt = t.extras.chooseTheStartDate;
    if (!endsAt) found.endsAt = t.extras.chooseTheEndDate;
    else if (startsAt && endsAt <= startsAt) found.endsAt = t.extras.theEndMustBe;
    const video = videoUrl.trim();
    if (video && !/^https:\/\/[^\s]+$/i.test(video)) found.videoUrl = t.extras.useAnHttpsLink;
    return { found, startsAt, endsAt };
  }

  async function submit() {
    const { found, startsAt, endsAt } = check();
    setErrors(found);
    if (Object.keys(found).length > 0 || !startsAt || !endsAt) return;
    setBusy(true);
    setProblem(null);
    const input = {
      title: title.trim(),
      startsAt,
      endsAt,
      timeZone,
      location: location.trim() || null,
      videoUrl: videoUrl.trim() || null,
      attendeeContactIds: [...attendees],
    };
    try {
      onSaved(event ? await api.updateEvent(event.id, input) : await api.createEvent(matter.id, input));
    } catch (error) {
      const byField = extrasFieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setProblem(error);
      setBusy(false);
    }
  }

  const state = (key: string) => (errors[key] ? ('error' as const) : ('none' as const));

  return (
    <FormDialog
      open={open}
      subtitle={`${matter.number} · ${matter.title}`}
      title={event ? t.extras.editEvent : t.extras.addEvent}
      submitLabel={event ? t.extras.saveChanges : t.extras.addEvent}
      busyLabel={t.extras.saving}
      busy={busy}
      error={problem}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t.extras.title} required validationMessage={errors.title} validationState={state('title')}>
        <Input value={title} maxLength={200} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <div className={x.pair}>
        <Field label={t.extras.starts} required validationMessage={errors.startsAt} validationState={state('startsAt')}>
          <Input type="datetime-local" value={start} onChange={(_, d) => setStart(d.value)} />
        </Field>
        <Field label={t.extras.ends} required validationMessage={errors.endsAt} validationState={state('endsAt')}>
          <Input type="datetime-local" value={end} onChange={(_, d) => setEnd(d.value)} />
        </Field>
      </div>
      <Field
        label={t.extras.timeZone}
        hint={t.extras.theStartAndEnd}
        validationMessage={errors.timeZone}
        validationState={state('timeZone')}
      >
        <Select value={timeZone} onChange={(_, d) => setTimeZone(d.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.extras.locationOptional} validationMessage={errors.location} validationState={state('location')}>
        <Input value={location} maxLength={500} onChange={(_, d) => setLocation(d.value)} />
      </Field>
      <Field
        label={t.extras.videoCallLinkOptional}
        hint={t.extras.anHttpsLink}
        validationMessage={errors.videoUrl}
        validationState={state('videoUrl')}
      >
        <Input type="url" value={videoUrl} maxLength={2000} onChange={(_, d) => setVideoUrl(d.value)} />
      </Field>
      <ContactChecklist
        labelId="event-attendees-label"
        label={t.extras.attendees}
        hint={t.extras.attendeesWithAnEmail}
        empty={linked.length === 0}
        error={errors.attendeeContactIds}
        maxHeight="200px"
      >
        {linked.map((contact) => (
          <Checkbox
            key={contact.id}
            label={contact.email ? `${contact.name} (${contact.email})` : contact.name}
            checked={attendees.has(contact.id)}
            onChange={(_, d) =>
              setAttendees((prev) => {
                const next = new Set(prev);
                if (d.checked === true) next.add(contact.id);
                else next.delete(contact.id);
                return next;
              })
            }
          />
        ))}
      </ContactChecklist>
    </FormDialog>
  );
}
