import type { PortalMessage } from '@confer/ui';

/** Adds or replaces messages by id and keeps them in conversation order (seq). */
export function mergeMessages(current: readonly PortalMessage[], incoming: readonly PortalMessage[]): PortalMessage[] {
  if (incoming.length === 0) return current as PortalMessage[];
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export type DayGroup = { key: string; firstAt: string; messages: PortalMessage[] };

/** Consecutive messages of the same local day, for day separators. */
export function groupByDay(messages: readonly PortalMessage[], dayKey: (iso: string) => string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const message of messages) {
    const key = dayKey(message.createdAt);
    const last = groups.at(-1);
    if (last && last.key === key) last.messages.push(message);
    else groups.push({ key, firstAt: message.createdAt, messages: [message] });
  }
  return groups;
}
