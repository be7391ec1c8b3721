import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  PORTAL_LIMITS,
  createQuickReplyClient,
  describeError,
  formatFileSize,
  isQuickReplyLinkInvalid,
  type QuickReplyMessage,
  type QuickReplyPage as QuickReplyView,
} from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { AuthLayout } from '../auth/AuthLayout';
import { formatFullDateTime, formatTime } from '@confer/ui/format-time';
import { DocumentRegular } from '@fluentui/react-icons';
import { forgetReplyToken } from './take-reply-token';
import { AcknowledgementBanner } from '../acknowledgements/AcknowledgementBanner';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const client = createQuickReplyClient();

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; view: QuickReplyView }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: unknown };

const useStyles = makeStyles({
  text: { margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  message: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground3,
    maxWidth: '90%',
    alignSelf: 'flex-start',
    overflowWrap: 'anywhere',
  },
  mine: { alignSelf: 'flex-end', backgroundColor: tokens.colorBrandBackground2 },
  meta: { color: tokens.colorNeutralForeground3 },
  files: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  file: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  fileName: { overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  send: { alignSelf: 'stretch', minHeight: '44px' },
  actions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/**
 * A text's quick-reply link, without signing in: the firm, the conversation's last messages
 * and a reply box (files by name: opening them needs a sign-in). The token was already taken
 * out of the address bar and kept for this tab's life, so a reload stays here (take-reply-token.ts).
 */
export function QuickReplyPage({ token }: { token: string }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    client.view(token).then(
      (view) => active && setState({ kind: 'ready', view }),
      (error: unknown) => {
        if (!active) return;
        if (isQuickReplyLinkInvalid(error)) forgetReplyToken();
        setState(isQuickReplyLinkInvalid(error) ? { kind: 'invalid' } : { kind: 'failed', error });
      },
    );
    return () => {
      active = false;
    };
  }, [token, attempt]);

  switch (state.kind) {
    case 'loading':
      return (
        <AuthLayout title={t.quickReply.openingYourConversation}>
          <Spinner label={t.quickReply.loading} />
        </AuthLayout>
      );
    case 'invalid':
      return (
        <AuthLayout title={t.quickReply.thisReplyLinkHas}>
          <Body1 as="p" className={styles.text}>
            {t.quickReply.replyLinksFromTexts}
          </Body1>
          <Button
            as="a"
            href="/portal/"
            appearance="primary"
            className={styles.send}
            onClick={() => forgetReplyToken()}
          >
            {t.quickReply.signInToThe}
          </Button>
        </AuthLayout>
      );
    case 'failed':
      return (
        <AuthLayout title={t.quickReply.somethingWentWrong}>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{describeError(state.error)}</MessageBarBody>
          </MessageBar>
          <Button appearance="primary" className={styles.send} onClick={() => setAttempt((n) => n + 1)}>
            {t.quickReply.tryAgain}
          </Button>
        </AuthLayout>
      );
    case 'ready':
      return <Conversation token={token} view={state.view} />;
  }
}

function Conversation({ token, view }: { token: string; view: QuickReplyView }) {
  const styles = useStyles();
  const [messages, setMessages] = useState<QuickReplyMessage[]>(view.messages);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  // a reply answers the requests for one: their banner goes once one is sent
  const [replied, setReplied] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const confirmation = useRef<HTMLDivElement>(null);
  const countId = useId();
  const chars = Array.from(body).length;
  const over = chars > PORTAL_LIMITS.messageChars;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (sending || over || !/\S/u.test(body)) return;
    setSending(true);
    setError(null);
    try {
      const message = await client.send(token, body, idempotencyKey.current);
      idempotencyKey.current = crypto.randomUUID();
      setMessages((list) => [...list.filter((m) => m.id !== message.id), message]);
      setBody('');
      setSent(true);
      setReplied(true);
      requestAnimationFrame(() => confirmation.current?.focus());
    } catch (e) {
      if (isQuickReplyLinkInvalid(e)) forgetReplyToken();
      setError(isQuickReplyLinkInvalid(e) ? t.quickReply.replyLinkExpired : e);
    } finally {
      setSending(false);
    }
  }

  return (
    <AuthLayout title={view.conversationTitle} eyebrow={view.firmName}>
      <AcknowledgementBanner
        items={view.acknowledgements.filter((a) => !(replied && a.kind === 'reply'))}
        firmName={view.firmName}
        onAcknowledge={(messageId) => client.acknowledge(token, messageId)}
      />
      <section aria-label={t.quickReply.latestMessages}>
        <ol className={styles.list}>
          {messages.map((m) => (
            <li key={m.id} className={mergeClasses(styles.message, m.mine && styles.mine)}>
              <Caption1 className={styles.meta}>
                {m.mine ? t.quickReply.you : m.author.name} ·{' '}
                <time dateTime={m.createdAt} title={formatFullDateTime(m.createdAt)}>
                  {formatTime(m.createdAt)}
                </time>
              </Caption1>
              {m.body ? <MessageText body={m.body} /> : null}
              {m.files.length > 0 ? (
                <ul className={styles.files} aria-label={t.quickReply.files}>
                  {m.files.map((file, index) => (
                    <li key={index} className={styles.file}>
                      <DocumentRegular />
                      <span className={styles.fileName}>{file.name}</span>
                      <span className={styles.meta}>{formatFileSize(file.size)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {sent && (
        <div ref={confirmation} tabIndex={-1} role="status">
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{t.quickReply.yourReplyWasSent(view.firmName)}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {view.canReply ? (
        <form className={styles.form} onSubmit={(e) => void send(e)} aria-label={t.quickReply.reply}>
          <Field
            label={sent ? t.quickReply.writeAnotherReply : t.quickReply.yourReply}
            validationMessage={over ? t.quickReply.atMostCharacters(PORTAL_LIMITS.messageChars) : undefined}
          >
            <Textarea
              value={body}
              resize="vertical"
              rows={4}
              aria-describedby={countId}
              onChange={(_, data) => {
                setBody(data.value);
                if (data.value) setSent(false);
              }}
            />
          </Field>
          <Caption1 id={countId} className={styles.meta}>
            {t.quickReply.charactersPleaseDoNot(chars, PORTAL_LIMITS.messageChars)}
          </Caption1>
          {error != null && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{typeof error === 'string' ? error : describeError(error)}</MessageBarBody>
            </MessageBar>
          )}
          <Button
            type="submit"
            appearance="primary"
            className={styles.send}
            disabledFocusable={sending || !body.trim()}
          >
            {sending ? t.quickReply.sending : t.quickReply.sendReply}
          </Button>
        </form>
      ) : (
        <Body1 as="p" className={styles.text}>
          {t.quickReply.thisConversationIsClosed}
        </Body1>
      )}
      <div className={styles.actions}>
        <Caption1 className={styles.meta}>
          {fill(t.quickReply.toSeeTheWhole, {
            link: (
              <Link href="/portal/" onClick={() => forgetReplyToken()}>
                {t.quickReply.signInToThePortal}
              </Link>
            ),
          })}
        </Caption1>
      </div>
    </AuthLayout>
  );
}
