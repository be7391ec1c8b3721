import { t } from '../messages';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortWeekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const fullDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** Local calendar day, e.g. "2026-3-14", for grouping. */
export function dayKeyOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function daysBetween(iso: string, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(new Date(iso))) / 86_400_000);
}

/** "Today", "Yesterday", "Monday", "Monday 3 March", or with the year when not this year. */
export function formatDayLabel(iso: string, now = new Date()): string {
  const days = daysBetween(iso, now);
  if (days === 0) return t.common.today;
  if (days === 1) return t.common.yesterday;
  const date = new Date(iso);
  if (days > 1 && days < 7) return weekdayFormat.format(date);
  return date.getFullYear() === now.getFullYear() ? dayFormat.format(date) : fullDayFormat.format(date);
}

/** "14:05" (or "2:05 PM", per locale). */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** Compact activity time for lists: time today, weekday this week, else a short date. */
export function formatActivityTime(iso: string, now = new Date()): string {
  const days = daysBetween(iso, now);
  if (days === 0) return formatTime(iso);
  if (days > 0 && days < 7) return shortWeekdayFormat.format(new Date(iso));
  return shortDateFormat.format(new Date(iso));
}

/** Unambiguous date and time for tooltips and screen readers. */
export function formatFullDateTime(iso: string): string {
  return fullDateTimeFormat.format(new Date(iso));
}
