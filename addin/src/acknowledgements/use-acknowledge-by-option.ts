import { useState } from 'react';
import type { AcknowledgeBy } from '@confer/ui';

/** The server refuses deadlines closer than this (acknowledgements/service minimumLeadMinutes). */
const MINIMUM_LEAD_MS = 5 * 60_000;

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

export type AcknowledgeByOption = {
  /** Conversations with clients, writable. */
  available: boolean;
  enabled: boolean;
  setEnabled(enabled: boolean): void;
  kind: AcknowledgeBy['kind'];
  setKind(kind: AcknowledgeBy['kind']): void;
  /** The deadline as the `datetime-local` input holds it. */
  due: string;
  setDue(due: string): void;
  /** Set when the deadline cannot be used (not a time, or less than 5 minutes ahead). */
  invalid: boolean;
  /** What the send carries: nothing when off. */
  value(): AcknowledgeBy | undefined;
  /** After a send: off again, with a fresh default deadline. */
  reset(): void;
};

/** "Needs acknowledgement by" / "needs a reply by" in the composer. */
export function useAcknowledgeByOption(available: boolean): AcknowledgeByOption {
  const [enabled, setEnabled] = useState(false);
  const [kind, setKind] = useState<AcknowledgeBy['kind']>('read');
  const [due, setDue] = useState(defaultDeadline);
  const dueAt = new Date(due);
  const invalid = available && enabled && (Number.isNaN(dueAt.getTime()) || dueAt.getTime() - Date.now() < MINIMUM_LEAD_MS);
  return {
    available,
    enabled: available && enabled,
    setEnabled,
    kind,
    setKind,
    due,
    setDue,
    invalid,
    value: () => (available && enabled && !invalid ? { kind, dueAt: dueAt.toISOString() } : undefined),
    reset: () => {
      setEnabled(false);
      setDue(defaultDeadline());
    },
  };
}
