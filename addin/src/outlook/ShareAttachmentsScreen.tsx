import { formatFileSize, useLoader } from '@confer/ui';
import { useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeError, useUploadLimits, type Contact, type Conversation, type EmailContext } from '@confer/ui';
import { createIdempotencyKey } from '../composer/create-idempotency-key';
import { ErrorNotice } from '@confer/ui/errors';
import { ChevronLeftRegular } from '@fluentui/react-icons';
import type { MailAttachment, OfficeHost, ReadMailItem } from '../office/office-host';
import { useOffice } from '../office/use-office';
import { useApi } from '../common/use-api';
import { routeHref } from '../shell/use-hash-route';
import { useMessagingStore } from '../conversations/use-messaging';
import { useGetToken } from '../auth/use-token';
import { peopleOfReadItem } from './email-addresses';
import { describeDelivery, ensureExternalConversation } from './ensure-conversation';
import { FileProgressList, type FileProgress } from './FileProgressList';
import { MatterChoice } from './MatterChoice';
import { linkLines, readAttachment } from './read-attachment';
import { listNames, planSends, reachable } from './share-plan';
import { progressPerFile, uploadToConversation } from './upload-files';
import { useMailItem } from './use-mail-item';
import { useMatterChoice } from './use-matter-choice';
import { t } from '../messages';

export const useShareStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  option: { display: 'flex', flexDirection: 'column' },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginLeft: '32px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
  },
});

export function BackToHome() {
  const styles = useShareStyles();
  return (
    <Link href={routeHref({ name: 'home' })} className={styles.back}>
      <ChevronLeftRegular />
      {t.outlook.back}
    </Link>
  );
}

const KIND_DETAIL: Record<MailAttachment['kind'], string> = {
  file: t.outlook.kindFile,
  item: t.outlook.kindEmail,
  cloud: t.outlook.kindCloud,
};

/** "Share attachments": an email's attachments into the matter's secure conversation. */
export function ShareAttachmentsScreen() {
  const styles = useShareStyles();
  const { host } = useOffice();
  const { state } = useMailItem(host);

  let body;
  if (!host) {
    body = <Text>{t.outlook.sharingAttachmentsWorksFrom}</Text>;
  } else if (state.status === 'loading') {
    body = <Spinner size="tiny" label={t.outlook.readingTheEmail} />;
  } else if (state.status === 'error') {
    body = <ErrorNotice error={state.error} />;
  } else if (!state.item || state.item.mode !== 'read') {
    body = <Text>{t.outlook.openAnEmailWith}</Text>;
  } else if (state.item.attachments.length === 0) {
    body = <Text>{t.outlook.thisEmailHasNo}</Text>;
  } else {
    body = <ShareAttachmentsForm key={state.item.threadId ?? 'email'} host={host} item={state.item} />;
  }

  return (
    <article className={styles.root} aria-labelledby="share-attachments-heading">
      <BackToHome />
      <Title3 as="h2" id="share-attachments-heading" className={styles.heading}>
        {t.outlook.shareAttachmentsLabel}
      </Title3>
      <Text className={styles.muted}>{t.outlook.sendAttachmentsToClients}</Text>
      {body}
    </article>
  );
}

type Result = { conversation: Conversation; delivery: string; shared: number; links: number };

function ShareAttachmentsForm({ host, item }: { host: OfficeHost; item: ReadMailItem }) {
  const styles = useShareStyles();
  const api = useApi();
  const store = useMessagingStore();
  const { settings } = useOffice();
  const people = peopleOfReadItem(item, store.me.staff.email);
  const key = people.map((p) => p.email).join(',');
  const { state, reload } = useLoader<EmailContext>(
    (signal) =>
      people.length > 0
        ? api.getEmailContext(
            people.map((p) => p.email),
            { signal },
          )
        : Promise.resolve({ contacts: [], unknownEmails: [], matters: [] }),
    [api, key],
  );
  const context = state.status === 'ready' ? state.data : null;
  const openMatters = useMemo(
    () => context?.matters.filter((m) => m.matter.status === 'open').map((m) => m.matter) ?? [],
    [context],
  );
  const choice = useMatterChoice(settings, item.threadId, openMatters);
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(item.attachments.filter((a) => !a.isInline).map((a) => a.id)),
  );

  if (state.status === 'loading') return <Spinner size="tiny" label={t.outlook.findingTheMatter} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;

  const toggle = (id: string, checked: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.outlook.attachments}</legend>
        {item.attachments.map((a) => (
          <div key={a.id} className={styles.option}>
            <Checkbox
              checked={selected.has(a.id)}
              onChange={(_e, data) => toggle(a.id, Boolean(data.checked))}
              label={a.name}
            />
            <Text className={styles.detail}>
              {KIND_DETAIL[a.kind]}
              {a.size > 0 && a.kind !== 'cloud' ? ` · ${formatFileSize(a.size)}` : ''}
              {a.isInline ? t.outlook.inTheEmailBody : ''}
            </Text>
          </div>
        ))}
      </fieldset>
      {openMatters.length === 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.outlook.noOneOnThisEmail}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <MatterChoice matters={openMatters} matterId={choice.matterId} onChoose={choice.choose} />
          {choice.matter && (
            <ShareToMatter
              key={choice.matter.id}
              host={host}
              matterId={choice.matter.id}
              matchedContactIds={context!.matters.find((m) => m.matter.id === choice.matterId)?.contactIds ?? []}
              attachments={item.attachments.filter((a) => selected.has(a.id))}
            />
          )}
        </>
      )}
    </>
  );
}

function ShareToMatter(props: {
  host: OfficeHost;
  matterId: string;
  matchedContactIds: string[];
  attachments: MailAttachment[];
}) {
  const { host, matterId, matchedContactIds, attachments } = props;
  const styles = useShareStyles();
  const api = useApi();
  const store = useMessagingStore();
  const getToken = useGetToken();
  const contactsState = useLoader<Contact[]>(
    (signal) => api.listMatterContacts(matterId, { signal }).then((r) => r.items.filter(reachable)),
    [api, matterId],
  );
  const [recipients, setRecipients] = useState<Set<string>>(() => new Set(matchedContactIds));
  const [message, setMessage] = useState('');
  const [progress, setProgress] = useState<FileProgress[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Result | null>(null);

  if (contactsState.state.status === 'loading')
    return <Spinner size="tiny" label={t.outlook.loadingTheMattersContacts} />;
  if (contactsState.state.status === 'error') {
    return <ErrorNotice error={contactsState.state.error} onRetry={contactsState.reload} />;
  }
  const contacts = contactsState.state.data;
  const chosen = contacts.filter((c) => recipients.has(c.id));
  const names = listNames(chosen.map((c) => c.name));
  const files = attachments.filter((a) => a.kind !== 'cloud');
  const uploadLimits = useUploadLimits();
  const { tooLarge } = planSends(files, uploadLimits);

  const update = (key: string, patch: Partial<FileProgress>) =>
    setProgress((prev) => prev?.map((p) => (p.key === key ? { ...p, ...patch } : p)) ?? prev);

  async function share() {
    setBusy(true);
    setError(null);
    const rows: FileProgress[] = attachments.map((a) => ({
      key: a.id,
      name: a.name,
      size: a.size,
      progress: 0,
      state: 'waiting',
    }));
    setProgress(rows);
    try {
      // 1. Read every attachment through Outlook.
      const read: Array<{ id: string; file: File }> = [];
      const links: Array<{ name: string; url: string }> = [];
      for (const a of attachments) {
        if (tooLarge.some((large) => large.id === a.id)) {
          update(a.id, { state: 'failed', error: t.outlook.largerThan100Mb });
          continue;
        }
        update(a.id, { state: 'reading' });
        try {
          const shared = await readAttachment(host, a);
          if (shared.kind === 'link') {
            links.push({ name: shared.name, url: shared.url });
            update(a.id, { state: 'done', progress: 1 });
          } else {
            read.push({ id: a.id, file: shared.file });
            update(a.id, { state: 'waiting', size: shared.file.size });
          }
        } catch (e) {
          update(a.id, { state: 'failed', error: describeError(e) });
        }
      }
      if (read.length === 0 && links.length === 0) throw new Error(t.outlook.noneCouldBeRead);

      // 2. The conversation with these recipients (found, completed, or created).
      const ensured = await ensureExternalConversation(
        api,
        matterId,
        chosen.map((c) => c.id),
      );
      store.upsertConversation(ensured.conversation);

      // 3. Upload in sends the API accepts; the text (and any cloud links) goes with the first.
      const text = [message.trim(), linkLines(links)].filter(Boolean).join('\n\n');
      const { batches } = planSends(
        read.map((r) => ({ ...r, size: r.file.size })),
        uploadLimits,
      );
      if (batches.length === 0) {
        await api.sendMessage(ensured.conversation.id, { body: text }, { idempotencyKey: createIdempotencyKey() });
      }
      for (const [index, batch] of batches.entries()) {
        for (const f of batch) update(f.id, { state: 'uploading' });
        await uploadToConversation({
          conversationId: ensured.conversation.id,
          files: batch.map((f) => f.file),
          body: index === 0 ? text : '',
          token: await getToken(),
          idempotencyKey: createIdempotencyKey(),
          onProgress: (p) => {
            const parts = progressPerFile(
              batch.map((f) => f.file.size),
              p,
            );
            setProgress(
              (prev) =>
                prev?.map((row) => {
                  const at = batch.findIndex((f) => f.id === row.key);
                  return at === -1 ? row : { ...row, progress: parts[at]! };
                }) ?? prev,
            );
          },
        });
        for (const f of batch) update(f.id, { state: 'done', progress: 1 });
      }
      setResult({
        conversation: ensured.conversation,
        delivery: describeDelivery(ensured.outcome, names),
        shared: read.length,
        links: links.length,
      });
    } catch (e) {
      setError(e);
      setProgress(
        (prev) =>
          prev?.map((p) =>
            p.state === 'done' || p.state === 'failed' ? p : { ...p, state: 'failed', error: describeError(e) },
          ) ?? prev,
      );
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    return (
      <div className={styles.card}>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {t.outlook.sharedIn(result.shared, result.links, result.conversation.title)} {result.delivery}
          </MessageBarBody>
        </MessageBar>
        {progress && <FileProgressList items={progress} label={t.outlook.sharedAttachments} />}
        <div className={styles.actions}>
          <Button
            appearance="primary"
            as="a"
            href={routeHref({ name: 'conversation', conversationId: result.conversation.id, seq: null })}
          >
            {t.outlook.openTheConversation}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.outlook.recipients}</legend>
        {contacts.length === 0 && <Text className={styles.muted}>{t.outlook.thisMatterHasNo}</Text>}
        {contacts.map((c) => (
          <div key={c.id} className={styles.option}>
            <Checkbox
              checked={recipients.has(c.id)}
              disabled={busy}
              onChange={(_e, data) =>
                setRecipients((prev) => {
                  const next = new Set(prev);
                  if (data.checked) next.add(c.id);
                  else next.delete(c.id);
                  return next;
                })
              }
              label={c.name}
            />
            <Text className={styles.detail}>
              {c.kind === 'client' ? t.outlook.client : t.outlook.thirdParty} · {c.email}
            </Text>
          </div>
        ))}
      </fieldset>
      <Field label={t.outlook.messageOptional}>
        <Textarea value={message} disabled={busy} onChange={(_e, data) => setMessage(data.value)} resize="vertical" />
      </Field>
      {progress && <FileProgressList items={progress} label={t.outlook.uploadProgress} />}
      {error != null && <ErrorNotice error={error} />}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={busy || attachments.length === 0 || chosen.length === 0}
          onClick={() => void share()}
        >
          {busy ? t.outlook.sharing : t.outlook.shareAttachmentsWith(attachments.length, names)}
        </Button>
      </div>
    </>
  );
}
