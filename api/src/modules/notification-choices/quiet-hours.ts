/** Time-of-day rules for notification choices: quiet hours and the digest's time, in a contact's zone. */

export type TQuietHours = { quietStart: number | null; quietEnd: number | null; timeZone: string };

/** The daily digest goes at 08:00 in the contact's zone (or when their quiet hours end, if later). */
export const digestMinuteOfDay = 8 * 60;

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM" ↔ minutes of the day. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The minute of the day at `at` in `zone`. */
export function localMinuteOf(at: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Whether `minute` falls in the window [start, end) (which may wrap midnight). */
function inWindow(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The first instant at or after `from` whose local time in `zone` is `minute` (to the minute).
 * Across a daylight-saving change the local time is checked again and corrected once.
 */
export function nextLocalTime(from: Date, zone: string, minute: number): Date {
  const start = new Date(Math.floor(from.getTime() / 60_000) * 60_000);
  const delta = (minute - localMinuteOf(start, zone) + 1440) % 1440;
  let at = new Date(start.getTime() + delta * 60_000);
  const drift = (minute - localMinuteOf(at, zone) + 1440) % 1440;
  if (drift !== 0) at = new Date(at.getTime() + (drift > 720 ? drift - 1440 : drift) * 60_000);
  return at.getTime() < from.getTime() ? from : at;
}

/** When the contact's quiet hours end, if `at` falls inside them; undefined otherwise. */
export function quietUntil(choice: TQuietHours, at: Date): Date | undefined {
  if (choice.quietStart === null || choice.quietEnd === null || choice.quietStart === choice.quietEnd) return undefined;
  if (!inWindow(localMinuteOf(at, choice.timeZone), choice.quietStart, choice.quietEnd)) return undefined;
  return nextLocalTime(at, choice.timeZone, choice.quietEnd);
}

/** The next digest time after `at`: 08:00 in the contact's zone, moved to the end of quiet hours when they cover it. */
export function nextDigestAt(choice: TQuietHours, at: Date): Date {
  const eight = nextLocalTime(at, choice.timeZone, digestMinuteOfDay);
  return quietUntil(choice, eight) ?? eight;
}
