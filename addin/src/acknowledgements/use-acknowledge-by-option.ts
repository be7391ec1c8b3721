import { useState } from 'react';
import type { AcknowledgeBy } from '@confer/ui';
import { MINIMUM_LEAD_MS, defaultDeadline } from './default-deadline';

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
  const invalid =
    available && enabled && (Number.isNaN(dueAt.getTime()) || dueAt.getTime() - Date.now() < MINIMUM_LEAD_MS);
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
