import { useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { UnroutedSms } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatFullDateTime } from '@confer/ui/format-time';
import { routeHref } from '../shell/use-hash-route';
import { useApi } from '../common/use-api';
import { useLoader } from '@confer/ui';
import { useSmsApi } from '../sms/use-sms-api';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' } },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  quiet: { color: tokens.colorNeutralForeground3 },
  body: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  assign: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  select: { minWidth: '220px' },
});

const REASON: Record<string, string> = {
  not_texted: t.admin.noConversationTextedThis,
  ambiguous: t.admin.severalConversationsTextedThis,
  conversation_closed: t.admin.theConversationItAnswers,
};

/** Admins: texts from clients that could not be filed in a conversation, with "Assign to conversation". */
export function UnroutedTextsScreen() {
  const styles = useStyles();
  const smsApi = useSmsApi();
  const { state, reload, setData } = useLoader(
    (signal) => smsApi.listUnroutedTexts({}, { signal }).then((r) => r.items),
    [smsApi],
  );
  const [notice, setNotice] = useState<{ text: string; conversationId: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className={styles.root} aria-labelledby="unrouted-heading">
      <h2 id="unrouted-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        {t.admin.unroutedTexts}
      </h2>
      <Text className={styles.quiet}>{t.admin.repliesByTextThat}</Text>
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>
            {notice.text}{' '}
            <a href={routeHref({ name: 'conversation', conversationId: notice.conversationId, seq: null })}>
              {t.admin.openTheConversation}
            </a>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'loading' && <Spinner label={t.admin.loadingTexts} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <Text>{t.admin.noTextsAreWaiting}</Text>
        ) : (
          <ul className={styles.list} aria-label={t.admin.textsWaitingToBe}>
            {state.data.map((item) => (
              <UnroutedTextItem
                key={item.id}
                item={item}
                onAssigned={(conversationId, title) => {
                  setData(state.data.filter((i) => i.id !== item.id));
                  setNotice({ text: t.admin.textAddedTo(item.from, title), conversationId });
                  requestAnimationFrame(() => headingRef.current?.focus());
                }}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

type Target = { id: string; title: string };

/** Conversations to offer: those that texted the number, then the external conversations of its contacts' matters. */
function useAssignTargets(item: UnroutedSms, open: boolean) {
  const api = useApi();
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const { signal } = controller;
    (async () => {
      const found = new Map<string, Target>(
        item.suggestedConversations.map((c) => [c.id, { id: c.id, title: c.title }]),
      );
      for (const contact of item.contacts) {
        const matters = await api.listContactMatters(contact.id, { signal });
        for (const matter of matters.items.filter((m) => m.status === 'open')) {
          const conversations = await api.listMatterConversations(matter.id, { signal });
          for (const c of conversations.items) {
            if (c.kind !== 'external_matter' || c.archivedAt || found.has(c.id)) continue;
            if (!c.participants.some((p) => p.contactId === contact.id && !p.leftAt)) continue;
            found.set(c.id, { id: c.id, title: `${c.title} (${matter.number})` });
          }
        }
      }
      if (!signal.aborted) setTargets([...found.values()]);
    })().catch((e: unknown) => {
      if (!signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [api, item, open]);
  return { targets, error };
}

function UnroutedTextItem({
  item,
  onAssigned,
}: {
  item: UnroutedSms;
  onAssigned: (id: string, title: string) => void;
}) {
  const styles = useStyles();
  const smsApi = useSmsApi();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { targets, error: loadError } = useAssignTargets(item, open);
  const selectId = useId();
  const names = item.contacts.map((c) => c.name).join(', ');
  const selected = choice || targets?.[0]?.id || '';

  async function assign() {
    const target = targets?.find((target) => target.id === selected);
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await smsApi.assignUnroutedText(item.id, target.id);
      onAssigned(target.id, target.title);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <li className={styles.item} aria-label={t.admin.textFrom(item.from)}>
      <div className={styles.meta}>
        <Text weight="semibold">{t.admin.from(item.from)}</Text>
        {names && <Text>({names})</Text>}
        <time className={styles.quiet} dateTime={item.receivedAt}>
          {t.admin.received(formatFullDateTime(item.receivedAt))}
        </time>
      </div>
      <Text className={styles.body}>{item.body}</Text>
      <Text size={200} className={styles.quiet}>
        {REASON[item.reason] ?? item.reason}
      </Text>
      {!open ? (
        <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => setOpen(true)}>
          {t.admin.assignToConversation}
        </Button>
      ) : loadError != null ? (
        <ErrorNotice error={loadError} />
      ) : targets === null ? (
        <Spinner size="tiny" label={t.admin.findingConversations} />
      ) : targets.length === 0 ? (
        <Text>{t.admin.noOpenConversationWith}</Text>
      ) : (
        <div className={styles.assign}>
          <Field label={t.admin.conversation}>
            <Select
              id={selectId}
              className={styles.select}
              value={selected}
              onChange={(_, data) => setChoice(data.value)}
            >
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.title}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" disabledFocusable={busy} onClick={() => void assign()}>
            {busy ? t.admin.assigning : t.admin.assign}
          </Button>
          <Button appearance="subtle" onClick={() => setOpen(false)}>
            {t.admin.cancel}
          </Button>
        </div>
      )}
      {error != null && <ErrorNotice error={error} />}
    </li>
  );
}
