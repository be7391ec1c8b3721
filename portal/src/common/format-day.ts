const dateOnlyFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date 'YYYY-MM-DD' as "4 Mar 2026", the same day in every time zone. */
export function formatDateOnly(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return dateOnlyFormat.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** "4 Mar 2026, 14:05" in the reader's zone. */
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

/** "Wed, 4 Mar, 14:00 GMT" in the event's own zone (for short lists). */
export function formatInZone(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
  }
}
