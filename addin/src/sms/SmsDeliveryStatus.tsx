import { useEffect, useId, useState } from 'react';
import { Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MessageSmsRecipient, SmsAttempt } from '@confer/ui';
import { SMS_STATUS_LABEL, hasSmsProblem, summarizeSmsStatus } from './summarize-sms-status';
import { useSmsLiveEvents } from './sms-live-events';
import { useSmsApi } from './use-sms-api';
import { t } from '../messages';

type Recipient = MessageSmsRecipient & { to?: string };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  line: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, alignSelf: 'flex-start' },
  problem: { color: tokens.colorPaletteRedForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  reason: { color: tokens.colorNeutralForeground3 },
});

const fromAttempt = (a: SmsAttempt): Recipient => ({
  contactId: a.contactId,
  name: a.name,
  status: a.status,
  reason: a.reason,
  to: a.to,
});

/**
 * Per-recipient delivery of a message sent as SMS: a compact line ("Texts: 2 delivered") that
 * expands to each recipient's status and reason. Fetches the statuses again on every
 * `message.sms` event for this message, so it moves live (Sending → Sent → Delivered, Failed).
 */
export function SmsDeliveryStatus({
  messageId,
  initial,
}: {
  messageId: string;
  initial: MessageSmsRecipient[] | null;
}) {
  const styles = useStyles();
  const smsApi = useSmsApi();
  const listId = useId();
  const [recipients, setRecipients] = useState<Recipient[] | null>(initial);
  const [expanded, setExpanded] = useState(false);
  const [version, setVersion] = useState(0);

  // What the message itself says (e.g. the send's answer) until fresher statuses arrive.
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    setShownInitial(initial);
    if (initial && version === 0) setRecipients(initial);
  }

  useSmsLiveEvents((event) => {
    if (event.data.messageId === messageId) setVersion((n) => n + 1);
  });

  // Texts still sending when shown may have moved on before this message appeared (the send's
  // answer can arrive after the status events): ask once rather than wait for the next event.
  const awaiting = recipients?.some((r) => r.status === 'sending') ?? false;

  useEffect(() => {
    if (version === 0 && !expanded && !awaiting) return;
    const controller = new AbortController();
    smsApi.getMessageTexts(messageId, { signal: controller.signal }).then(
      (texts) => {
        if (!controller.signal.aborted) setRecipients(texts.recipients.map(fromAttempt));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) console.warn('Could not load text statuses', error);
      },
    );
    return () => controller.abort();
  }, [smsApi, messageId, version, expanded, awaiting]);

  if (!recipients || recipients.length === 0) return null;
  const problem = hasSmsProblem(recipients);

  return (
    <div className={styles.root} data-testid="sms-status">
      <Link
        as="button"
        className={mergeClasses(styles.line, problem && styles.problem)}
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => setExpanded((v) => !v)}
      >
        {summarizeSmsStatus(recipients)}
      </Link>
      {expanded && (
        <ul id={listId} className={styles.list} aria-label={t.sms.textDeliveryByRecipient}>
          {recipients.map((r, index) => (
            <li key={r.contactId ?? index}>
              <Text size={200} weight="semibold">
                {r.name}
              </Text>
              {r.to ? <Text size={200}> ({r.to})</Text> : null}
              <Text size={200}>: {SMS_STATUS_LABEL[r.status]}</Text>
              {r.reason && (
                <Text size={200} className={styles.reason}>
                  {' '}
                  — {r.reason}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
