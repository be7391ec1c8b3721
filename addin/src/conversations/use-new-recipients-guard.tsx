import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Conversation } from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { describeRecipients, findNewRecipients } from './find-new-recipients';
import { NewRecipientsNotice } from './NewRecipientsNotice';
import { t } from '../messages';

/**
 * Warns before sending when clients or third parties joined since the last message: a notice
 * above the composer and, if the author sends without saying they checked, a confirmation.
 * Checking is remembered for this set of people in this conversation (this tab).
 */
export function useNewRecipientsGuard(conversation: Conversation | null | undefined, lastMessageAt: string | null) {
  const recipients = useMemo(
    () => (conversation ? findNewRecipients(conversation, lastMessageAt) : []),
    [conversation, lastMessageAt],
  );
  const key = `confer.recipients-checked:${conversation?.id}:${recipients.map((r) => r.id).join(',')}`;
  const [checked, setChecked] = useState<Set<string>>(() => new Set());
  const isChecked = recipients.length === 0 || checked.has(key) || sessionStorage.getItem(key) === '1';
  const markChecked = useCallback(() => {
    sessionStorage.setItem(key, '1');
    setChecked((s) => new Set(s).add(key));
  }, [key]);
  const [asking, setAsking] = useState(false);
  const answer = useRef<((send: boolean) => void) | null>(null);

  /** Resolves true when sending may go ahead (nothing new, checked, or confirmed now). */
  const confirmBeforeSend = useCallback((): Promise<boolean> => {
    if (isChecked) return Promise.resolve(true);
    setAsking(true);
    return new Promise<boolean>((resolve) => {
      answer.current = resolve;
    });
  }, [isChecked]);

  const settle = (send: boolean) => {
    setAsking(false);
    answer.current?.(send);
    answer.current = null;
  };

  const notice: ReactNode = isChecked ? null : <NewRecipientsNotice recipients={recipients} onChecked={markChecked} />;
  const dialog: ReactNode = (
    <ConfirmDialog
      open={asking}
      title={t.conversations.sendToThePeople}
      body={t.conversations.joinedAfter(describeRecipients(recipients))}
      confirmLabel={t.conversations.send}
      busyLabel={t.conversations.sending}
      cancelLabel={t.conversations.notYet}
      onConfirm={async () => {
        markChecked();
        settle(true);
      }}
      onClose={() => settle(false)}
    />
  );
  return { notice, dialog, confirmBeforeSend };
}
