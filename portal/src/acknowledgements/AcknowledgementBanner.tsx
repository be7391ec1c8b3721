import { useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeError, type ClientAcknowledgement } from '@confer/ui';
import { formatDateTime, formatFullDateTime } from '@confer/ui/format-time';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, flexShrink: 0 },
  excerpt: { fontStyle: 'italic', overflowWrap: 'anywhere' },
});

type BannerProps = {
  items: ClientAcknowledgement[];
  firmName: string;
  /** Records "I have read this"; answers the request as it now stands. */
  onAcknowledge: (messageId: string) => Promise<ClientAcknowledgement>;
  className?: string;
};

/**
 * The banner of messages the firm marked "needs acknowledgement by" or "needs a reply by":
 * what is asked, by when, the start of the message, and "I have read this" (a reply answers
 * the other kind). Once pressed, a thank-you says the firm can see it.
 */
export function AcknowledgementBanner({ items, firmName, onAcknowledge, className }: BannerProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<ClientAcknowledgement[]>([]);
  const [error, setError] = useState<unknown>(null);
  const pending = items.filter((a) => !a.acknowledgedAt && !done.some((d) => d.messageId === a.messageId));
  if (pending.length === 0 && done.length === 0) return null;

  async function acknowledge(messageId: string) {
    setBusy(messageId);
    setError(null);
    try {
      const result = await onAcknowledge(messageId);
      setDone((list) => [...list.filter((d) => d.messageId !== messageId), result]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={[styles.root, className].filter(Boolean).join(' ')}>
      {pending.map((a) => {
        const due = formatDateTime(a.dueAt);
        const overdue = Date.parse(a.dueAt) <= Date.now();
        return (
          <MessageBar
            key={a.messageId}
            intent={overdue || a.remindedAt ? 'warning' : 'info'}
            layout="multiline"
            role="region"
            aria-label={a.kind === 'read' ? t.acknowledgements.pleaseConfirm : t.acknowledgements.replyNeeded}
          >
            <MessageBarBody>
              <MessageBarTitle>
                {a.kind === 'read' ? t.acknowledgements.pleaseConfirm : t.acknowledgements.replyNeeded}
              </MessageBarTitle>{' '}
              <span title={formatFullDateTime(a.dueAt)}>
                {a.kind === 'read'
                  ? t.acknowledgements.askedToConfirmBy(a.authorName, due)
                  : t.acknowledgements.askedForReplyBy(a.authorName, due)}
              </span>{' '}
              <span className={styles.excerpt}>{t.acknowledgements.quoted(a.excerpt)}</span>
            </MessageBarBody>
            {a.kind === 'read' ? (
              <MessageBarActions>
                <Button
                  appearance="primary"
                  size="small"
                  disabledFocusable={busy !== null}
                  onClick={() => void acknowledge(a.messageId)}
                >
                  {busy === a.messageId ? t.acknowledgements.saving : t.acknowledgements.iHaveReadThis}
                </Button>
              </MessageBarActions>
            ) : null}
          </MessageBar>
        );
      })}
      {done.map((d) => (
        <MessageBar key={d.messageId} intent="success" layout="multiline" role="status">
          <MessageBarBody>
            {t.acknowledgements.thankYou(firmName, d.acknowledgedAt ? formatDateTime(d.acknowledgedAt) : '')}
          </MessageBarBody>
        </MessageBar>
      ))}
      {error != null && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{describeError(error)}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
