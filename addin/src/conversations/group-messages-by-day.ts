import type { Message } from '@confer/ui';
import { dayKeyOf, formatDayLabel } from '@confer/ui/format-time';
import type { PendingMessage } from './use-conversation-messages';

export type MessageListEntry =
  | { kind: 'message'; key: string; createdAt: string; message: Message }
  | { kind: 'pending'; key: string; createdAt: string; pending: PendingMessage };

export type DayGroup = { key: string; label: string; entries: MessageListEntry[] };

/** Sent messages then unsent ones, grouped by local calendar day for the day separators. */
export function groupMessagesByDay(messages: Message[], pending: PendingMessage[], now = new Date()): DayGroup[] {
  const entries: MessageListEntry[] = [
    ...messages.map((message) => ({
      kind: 'message' as const,
      key: message.id,
      createdAt: message.createdAt,
      message,
    })),
    ...pending.map((p) => ({ kind: 'pending' as const, key: p.key, createdAt: p.createdAt, pending: p })),
  ];
  const groups: DayGroup[] = [];
  for (const entry of entries) {
    const key = dayKeyOf(entry.createdAt);
    const last = groups.at(-1);
    if (last && last.key === key) last.entries.push(entry);
    else groups.push({ key, label: formatDayLabel(entry.createdAt, { now }), entries: [entry] });
  }
  return groups;
}
