import { t } from '../messages';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** "14:05" or "2:05 PM", in the reader's own locale and time zone. */
export const formatTime = (iso: string) => timeFormat.format(new Date(iso));

/** "Wednesday, 4 March 2026" in full, for tooltips and screen readers. */
export const formatFullDateTime = (iso: string) => fullFormat.format(new Date(iso));

/** A local calendar day key ("2026-3-4"), for grouping messages by day. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** "Today", "Yesterday" or the full date. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const diff = Math.round((startOfDay(now) - startOfDay(new Date(iso))) / 86_400_000);
  if (diff === 0) return t.common.today;
  if (diff === 1) return t.common.yesterday;
  return dayFormat.format(new Date(iso));
}

/** The time today, "Yesterday", or a short date: for lists. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const diff = Math.round((startOfDay(now) - startOfDay(new Date(iso))) / 86_400_000);
  if (diff === 0) return formatTime(iso);
  if (diff === 1) return t.common.yesterday;
  return shortDateFormat.format(new Date(iso));
}

export const formatDate = (iso: string) => shortDateFormat.format(new Date(iso));
