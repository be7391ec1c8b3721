/**
 * An event's time in its own zone, and in the reader's zone when that reads differently:
 * "Wed, 4 Mar 2026, 14:00 – 15:00 GMT" and "Wed, 4 Mar 2026, 09:00 – 10:00 EST".
 */
export type EventTimeText = { inEventZone: string; inViewerZone: string | null };

function formatRange(startsAt: string, endsAt: string, timeZone: string, locale: string | undefined, named: boolean) {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  const last = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(named ? { timeZoneName: 'short' as const } : {}),
  });
  return day.format(start) === day.format(end)
    ? `${day.format(start)}, ${time.format(start)} – ${last.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${last.format(end)}`;
}

export function formatEventTime(
  event: { startsAt: string; endsAt: string; timeZone: string },
  viewerZone: string,
  locale?: string,
): EventTimeText {
  let zone = event.timeZone;
  try {
    new Intl.DateTimeFormat(locale, { timeZone: zone });
  } catch {
    zone = viewerZone;
  }
  const inEventZone = formatRange(event.startsAt, event.endsAt, zone, locale, true);
  // The same wall clock (e.g. two names for one zone) needs no second line.
  const same =
    formatRange(event.startsAt, event.endsAt, zone, locale, false) ===
    formatRange(event.startsAt, event.endsAt, viewerZone, locale, false);
  return {
    inEventZone,
    inViewerZone: same ? null : formatRange(event.startsAt, event.endsAt, viewerZone, locale, true),
  };
}
