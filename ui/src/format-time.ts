/**
 * How both apps write a message's time and day, in the reader's own locale and time zone.
 * Every function takes the reader's clock, zone and locale as options so that a test (or a
 * caller that knows better) can fix them; by default they are the browser's.
 *
 * - Day dividers: "Today", "Yesterday", the weekday within the last week ("Monday"), then the
 *   date ("Monday 3 March"), with the year when it is not this year.
 * - Lists: the time today ("14:05"), "Yesterday", the short weekday within the last week
 *   ("Mon"), then a short date ("3 Mar"), with the year when it is not this year.
 * - Tooltips and screen readers: the full, unambiguous date and time.
 */
import { uiMessages as t } from './messages/en.js';

export type TimeFormatOptions = {
  /** The reader's clock; "today" is the calendar day this falls on. */
  now?: Date;
  /** The IANA zone calendar days are counted in; the reader's own by default. */
  timeZone?: string;
  /** A BCP 47 locale; the reader's own by default. */
  locale?: string;
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale, zone and style: building them is the slow part. */
function formatter(style: Intl.DateTimeFormatOptions, { locale, timeZone }: TimeFormatOptions) {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${JSON.stringify(style)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...style });
    formats.set(key, format);
  }
  return format;
}

const CALENDAR_DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric' };

/** The calendar day (year, month, day) an instant falls on in the zone. */
function calendarDay(date: Date, options: TimeFormatOptions): [number, number, number] {
  const parts = formatter(CALENDAR_DAY, { timeZone: options.timeZone, locale: 'en-US' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return [part('year'), part('month'), part('day')];
}

/** Whole calendar days from the instant's day to today's (0 today, 1 yesterday; negative ahead). */
function daysAgo(date: Date, options: TimeFormatOptions): number {
  const [y, m, d] = calendarDay(date, options);
  const [ny, nm, nd] = calendarDay(options.now ?? new Date(), options);
  return Math.round((Date.UTC(ny, nm - 1, nd) - Date.UTC(y, m - 1, d)) / 86_400_000);
}

function isThisYear(date: Date, options: TimeFormatOptions): boolean {
  return calendarDay(date, options)[0] === calendarDay(options.now ?? new Date(), options)[0];
}

/** The reader's calendar day, e.g. "2026-3-14": messages with the same key share a day divider. */
export function dayKeyOf(iso: string, options: TimeFormatOptions = {}): string {
  return calendarDay(new Date(iso), options).join('-');
}

/** "09:05" (or "9:05 AM"): the locale's own short time. */
export function formatTime(iso: string, options: TimeFormatOptions = {}): string {
  return formatter({ timeStyle: 'short' }, options).format(new Date(iso));
}

/** A day divider: "Today", "Yesterday", "Monday", "Monday 3 March", or "Monday, 3 March 2025" when not this year. */
export function formatDayLabel(iso: string, options: TimeFormatOptions = {}): string {
  const date = new Date(iso);
  const days = daysAgo(date, options);
  if (days === 0) return t.time.today;
  if (days === 1) return t.time.yesterday;
  if (days > 1 && days < 7) return formatter({ weekday: 'long' }, options).format(date);
  return formatter(
    isThisYear(date, options)
      ? { weekday: 'long', day: 'numeric', month: 'long' }
      : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    options,
  ).format(date);
}

/** A list's compact time: "14:05" today, "Yesterday", "Mon" this week, "3 Mar", "3 Mar 2025". */
export function formatActivityTime(iso: string, options: TimeFormatOptions = {}): string {
  const date = new Date(iso);
  const days = daysAgo(date, options);
  if (days === 0) return formatTime(iso, options);
  if (days === 1) return t.time.yesterday;
  if (days > 1 && days < 7) return formatter({ weekday: 'short' }, options).format(date);
  return isThisYear(date, options)
    ? formatter({ day: 'numeric', month: 'short' }, options).format(date)
    : formatDate(iso, options);
}

/** "4 Mar 2026": a short date that always says the year. */
export function formatDate(iso: string, options: TimeFormatOptions = {}): string {
  return formatter({ day: 'numeric', month: 'short', year: 'numeric' }, options).format(new Date(iso));
}

/** "4 Mar 2026, 14:05". */
export function formatDateTime(iso: string, options: TimeFormatOptions = {}): string {
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }, options).format(new Date(iso));
}

/** "Wednesday, 4 March 2026 at 14:05": unambiguous, for tooltips and screen readers. */
export function formatFullDateTime(iso: string, options: TimeFormatOptions = {}): string {
  return formatter({ dateStyle: 'full', timeStyle: 'short' }, options).format(new Date(iso));
}

/** A calendar date 'YYYY-MM-DD' (a due date) as "4 Mar 2026", the same day in every time zone. */
export function formatDateOnly(date: string, options: Pick<TimeFormatOptions, 'locale'> = {}): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return formatter({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }, options).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
}

/** "Wed, 4 Mar, 14:00 GMT" in the event's own zone (for short lists); the reader's when the zone is unknown. */
export function formatInZone(iso: string, timeZone: string, options: Pick<TimeFormatOptions, 'locale'> = {}): string {
  const style: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return formatter(style, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return formatter(style, options).format(new Date(iso));
  }
}
