/** The server refuses deadlines closer than this (acknowledgements/service minimumLeadMinutes). */
export const MINIMUM_LEAD_MS = 5 * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');
/** A `datetime-local` value ("2026-12-05T17:00") for a time, in the browser's zone. */
export const toLocalInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** Tomorrow at 17:00, the browser's time: the deadline offered first. */
export function defaultDeadline(now = new Date()): string {
  const due = new Date(now);
  due.setDate(due.getDate() + 1);
  due.setHours(17, 0, 0, 0);
  return toLocalInput(due);
}
