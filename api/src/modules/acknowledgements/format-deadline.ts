/** "Friday 4 December 2026, 17:00 (Europe/London time)": a deadline on the firm's clock, named. */
export function formatDeadline(at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(at)}, ${time.format(at)} (${timeZone} time)`;
}

/**
 * The 80% reminder by text: who asks, what for and by when, never the message itself (the
 * link in the text opens it). `smsText` adds the firm's name, the reply link and STOP.
 */
export function reminderSmsBody(kind: 'read' | 'reply', author: string, due: string): string {
  return kind === 'read'
    ? `Reminder: ${author} asked you to confirm you have read their message by ${due}. Open the link to read it and press "I have read this".`
    : `Reminder: ${author} asked for your reply to their message by ${due}. Open the link to read it and reply.`;
}
