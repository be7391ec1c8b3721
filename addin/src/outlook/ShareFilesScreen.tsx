import { formatFileSize, useDebouncedValue, useLoader } from '@confer/ui';
import { formatActivityTime } from '@confer/ui/format-time';
import { useMemo, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  Title3,
} from '@fluentui/react-components';
import {
  describeError,
  type Contact,
  type ContactKind,
  type Conversation,
  type EmailContext,
  type Matter,
  type MatterDocument,
  useUploadLimits,
} from '@confer/ui';
import { createIdempotencyKey } from '../composer/create-idempotency-key';
import { ErrorNotice } from '@confer/ui/errors';
import type { EmailAddress, OfficeHost } from '../office/office-host';
import { useOffice } from '../office/use-office';
import { useApi } from '../common/use-api';
import { useMessagingStore } from '../conversations/use-messaging';
import { useGetToken } from '../auth/use-token';
import { peopleOf } from './email-addresses';
import { ensureExternalConversation } from './ensure-conversation';
import { FileProgressList, type FileProgress } from './FileProgressList';
import { MatterChoice, matterLabel } from './MatterChoice';
import { secureLinkContent } from './secure-link';
import { BackToHome, useShareStyles } from './ShareAttachmentsScreen';
import { listNames, planSends, reachable } from './share-plan';
import { progressPerFile, uploadToConversation } from './upload-files';
import { useMailItem } from './use-mail-item';
import { useMatterChoice } from './use-matter-choice';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

/** "Share files via secure link": files into a secure conversation, a link to it into the email. */
export function ShareFilesScreen() {
  const styles = useShareStyles();
  const { host } = useOffice();
  const { state } = useMailItem(host);

  let body;
  if (!host) {
    body = <Text>{t.outlook.thisWorksWhileWriting}</Text>;
  } else if (state.status === 'loading') {
    body = <Spinner size="tiny" label={t.outlook.readingTheEmail} />;
  } else if (state.status === 'error') {
    body = <ErrorNotice error={state.error} />;
  } else if (!state.item || state.item.mode !== 'compose') {
    body = <Text>{t.outlook.startWritingAnEmail}</Text>;
  } else {
    body = <ComposeShare key={state.item.threadId ?? 'new-email'} host={host} threadId={state.item.threadId} />;
  }

  return (
    <article className={styles.root} aria-labelledby="share-files-heading">
      <BackToHome />
      <Title3 as="h2" id="share-files-heading" className={styles.heading}>
        {t.outlook.shareFilesViaSecure}
      </Title3>
      <Text className={styles.muted}>{t.outlook.theFilesGoTo}</Text>
      {body}
    </article>
  );
}

function ComposeShare({ host, threadId }: { host: OfficeHost; threadId: string | null }) {
  const styles = useShareStyles();
  const api = useApi();
  const store = useMessagingStore();
  const [readAt, setReadAt] = useState(0);
  // Recipients (To and Cc; Bcc recipients stay private), firm staff left out.
  const people = useLoader<EmailAddress[]>(async () => {
    const [recipients, staff] = await Promise.all([host.getComposeRecipients(), api.listStaff()]);
    const staffEmails = new Set(staff.items.map((s) => s.email.toLowerCase()));
    return peopleOf([...recipients.to, ...recipients.cc], store.me.staff.email).filter(
      (p) => !staffEmails.has(p.email),
    );
  }, [host, api, readAt]);

  if (people.state.status === 'loading') return <Spinner size="tiny" label={t.outlook.readingTheRecipients} />;
  if (people.state.status === 'error') return <ErrorNotice error={people.state.error} onRetry={people.reload} />;
  const recipients = people.state.data;
  const refresh = (
    <Button size="small" onClick={() => setReadAt((n) => n + 1)}>
      {t.outlook.refreshRecipients}
    </Button>
  );
  if (recipients.length === 0) {
    return (
      <div className={styles.card}>
        <Text>{t.outlook.addTheClientsOr}</Text>
        <div className={styles.actions}>{refresh}</div>
      </div>
    );
  }
  return (
    <>
      <div className={styles.card}>
        <Text>
          {fill(t.outlook.recipientsNames, { names: <strong>{recipients.map((r) => r.name).join(', ')}</strong> })}
        </Text>
        <div className={styles.actions}>{refresh}</div>
      </div>
      <RecipientsMatter
        key={recipients.map((r) => r.email).join(',')}
        threadId={threadId}
        recipients={recipients}
        host={host}
      />
    </>
  );
}

function RecipientsMatter(props: { threadId: string | null; recipients: EmailAddress[]; host: OfficeHost }) {
  const { threadId, recipients, host } = props;
  const api = useApi();
  const { settings } = useOffice();
  const emails = recipients.map((r) => r.email);
  const { state, reload, setData } = useLoader<EmailContext>(
    (signal) => api.getEmailContext(emails, { signal }),
    [api, emails.join(',')],
  );
  // After a contact is added: refresh quietly, keeping the form (and the files picked) in place.
  const refreshContext = () =>
    api
      .getEmailContext(emails)
      .then(setData, (error: unknown) =>
        console.warn('Could not refresh the recipients', error instanceof Error ? error.message : ''),
      );
  const [searched, setSearched] = useState<Matter | null>(null);
  const suggested = useMemo(
    () =>
      state.status === 'ready' ? state.data.matters.filter((m) => m.matter.status === 'open').map((m) => m.matter) : [],
    [state],
  );
  const candidates = useMemo(
    () => (searched && !suggested.some((m) => m.id === searched.id) ? [...suggested, searched] : suggested),
    [searched, suggested],
  );
  const choice = useMatterChoice(settings, threadId, candidates);

  if (state.status === 'loading') return <Spinner size="tiny" label={t.outlook.findingTheMatter} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const context = state.status === 'ready' ? state.data : null;

  return (
    <>
      {suggested.length === 0 && <Text>{t.outlook.noneOfTheRecipients}</Text>}
      <MatterChoice matters={candidates} matterId={choice.matterId} onChoose={choice.choose} />
      {suggested.length === 0 && !searched && (
        <MatterSearch
          onPick={(m) => {
            setSearched(m);
            choice.choose(m.id);
          }}
        />
      )}
      {choice.matter && context && (
        <ShareIntoMatter
          key={choice.matter.id}
          host={host}
          matter={choice.matter}
          recipients={recipients}
          context={context}
          onContactsChanged={() => void refreshContext()}
        />
      )}
    </>
  );
}

function MatterSearch({ onPick }: { onPick: (matter: Matter) => void }) {
  const styles = useShareStyles();
  const api = useApi();
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q.trim(), 300);
  const { state } = useLoader<Matter[]>(
    (signal) =>
      query
        ? api.listMatters({ q: query, status: 'open', limit: 8 }, { signal }).then((p) => p.items)
        : Promise.resolve([]),
    [api, query],
  );
  return (
    <div className={styles.fieldset}>
      <Field label={t.outlook.findAMatter}>
        <Input
          type="search"
          value={q}
          onChange={(_e, data) => setQ(data.value)}
          placeholder={t.outlook.numberOrTitle}
        />
      </Field>
      {state.status === 'ready' &&
        state.data.map((m) => (
          <Button key={m.id} appearance="subtle" onClick={() => onPick(m)}>
            {matterLabel(m)}
          </Button>
        ))}
    </div>
  );
}

type RecipientState =
  | { kind: 'on-matter'; contact: Contact }
  | { kind: 'contact'; contact: Contact }
  | { kind: 'unknown' }
  | { kind: 'unreachable'; contact: Contact };

function ShareIntoMatter(props: {
  host: OfficeHost;
  matter: Matter;
  recipients: EmailAddress[];
  context: EmailContext;
  onContactsChanged: () => void;
}) {
  const { host, matter, recipients, context, onContactsChanged } = props;
  const styles = useShareStyles();
  const api = useApi();
  const store = useMessagingStore();
  const getToken = useGetToken();
  const entry = context.matters.find((m) => m.matter.id === matter.id);
  const docs = useLoader<MatterDocument[]>(
    (signal) => api.listMatterDocuments(matter.id, { signal }).then((r) => r.items),
    [api, matter.id],
  );
  const [deviceFiles, setDeviceFiles] = useState<File[]>([]);
  const [documentIds, setDocumentIds] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<FileProgress[] | null>(null);
  const [done, setDone] = useState<{ conversation: Conversation; link: string; count: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const stateOf = (r: EmailAddress): RecipientState => {
    const contact = context.contacts.find((c) => c.email?.toLowerCase() === r.email);
    if (!contact) return { kind: 'unknown' };
    if (!reachable(contact)) return { kind: 'unreachable', contact };
    return entry?.contactIds.includes(contact.id) ? { kind: 'on-matter', contact } : { kind: 'contact', contact };
  };
  const states = recipients.map((r) => ({ address: r, state: stateOf(r) }));
  const ready = states.flatMap((s) => (s.state.kind === 'on-matter' ? [s.state.contact] : []));
  const pending = states.filter((s) => s.state.kind !== 'on-matter');
  const chosenDocs = docs.state.status === 'ready' ? docs.state.data.filter((d) => documentIds.has(d.id)) : [];
  const fileCount = deviceFiles.length + chosenDocs.length;
  const uploadLimits = useUploadLimits();
  const { tooLarge } = planSends(deviceFiles, uploadLimits);

  async function insertLink(conversation: Conversation, count: number) {
    const content = secureLinkContent(window.location.origin, conversation.id, count);
    await host.insertIntoBody(content);
    return content.url;
  }

  async function share() {
    setBusy(true);
    setError(null);
    const rows: FileProgress[] = [
      ...deviceFiles.map((f, i) => ({
        key: `f${i}`,
        name: f.name,
        size: f.size,
        progress: 0,
        state: 'waiting' as const,
      })),
      ...chosenDocs.map((d) => ({
        key: `d${d.id}`,
        name: d.name,
        size: d.latest.size,
        progress: 0,
        state: 'waiting' as const,
      })),
    ];
    setProgress(rows);
    const update = (keys: string[], patch: Partial<FileProgress>) =>
      setProgress((prev) => prev?.map((p) => (keys.includes(p.key) ? { ...p, ...patch } : p)) ?? prev);
    try {
      if (tooLarge.length > 0) throw new Error(t.outlook.largerThan100MbNames(tooLarge.map((f) => f.name).join(', ')));
      const ensured = await ensureExternalConversation(
        api,
        matter.id,
        ready.map((c) => c.id),
      );
      store.upsertConversation(ensured.conversation);
      const conversationId = ensured.conversation.id;
      const indexed = deviceFiles.map((file, i) => ({ key: `f${i}`, file, size: file.size }));
      const { batches } = planSends(indexed, uploadLimits);
      for (const [index, batch] of batches.entries()) {
        update(
          batch.map((b) => b.key),
          { state: 'uploading' },
        );
        await uploadToConversation({
          conversationId,
          files: batch.map((b) => b.file),
          body: index === 0 ? message.trim() : '',
          token: await getToken(),
          idempotencyKey: createIdempotencyKey(),
          onProgress: (p) => {
            const parts = progressPerFile(
              batch.map((b) => b.size),
              p,
            );
            setProgress(
              (prev) =>
                prev?.map((row) => {
                  const at = batch.findIndex((b) => b.key === row.key);
                  return at === -1 ? row : { ...row, progress: parts[at]! };
                }) ?? prev,
            );
          },
        });
        update(
          batch.map((b) => b.key),
          { state: 'done', progress: 1 },
        );
      }
      if (chosenDocs.length > 0) {
        const keys = chosenDocs.map((d) => `d${d.id}`);
        update(keys, { state: 'uploading' });
        await api.sendMessage(
          conversationId,
          { body: batches.length === 0 ? message.trim() : '', documentIds: chosenDocs.map((d) => d.id) },
          { idempotencyKey: createIdempotencyKey() },
        );
        update(keys, { state: 'done', progress: 1 });
      }
      const link = await insertLink(ensured.conversation, fileCount);
      setDone({ conversation: ensured.conversation, link, count: fileCount });
    } catch (e) {
      setError(e);
      setProgress(
        (prev) =>
          prev?.map((p) => (p.state === 'done' ? p : { ...p, state: 'failed' as const, error: describeError(e) })) ??
          prev,
      );
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className={styles.card}>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {t.outlook.theLinkToIs(done.conversation.title, listNames(ready.map((c) => c.name)))}
          </MessageBarBody>
        </MessageBar>
        {progress && <FileProgressList items={progress} label={t.outlook.sharedFiles} />}
        <div className={styles.actions}>
          <Button onClick={() => void insertLink(done.conversation, done.count).catch((e: unknown) => setError(e))}>
            {t.outlook.insertTheLinkAgain}
          </Button>
        </div>
        {error != null && <ErrorNotice error={error} />}
      </div>
    );
  }

  return (
    <>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.outlook.recipientsOn(matter.number)}</legend>
        {states.map(({ address, state }) => (
          <RecipientRow
            key={address.email}
            address={address}
            state={state}
            matter={matter}
            disabled={busy}
            onChanged={onContactsChanged}
          />
        ))}
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t.outlook.filesLabel}</legend>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label={t.outlook.filesFromThisDevice}
          onChange={(event) => {
            const picked = Array.from(event.target.files ?? []);
            setDeviceFiles((prev) => [...prev, ...picked]);
            event.target.value = '';
          }}
        />
        <div className={styles.actions}>
          <Button disabled={busy} onClick={() => fileInput.current?.click()}>
            {t.outlook.addFilesFromThis}
          </Button>
        </div>
        {deviceFiles.map((f, i) => (
          <div key={`${f.name}-${i}`} className={styles.actions}>
            <Text>
              {f.name} · {formatFileSize(f.size)}
            </Text>
            <Button
              size="small"
              appearance="subtle"
              disabled={busy}
              aria-label={t.outlook.remove(f.name)}
              onClick={() => setDeviceFiles((prev) => prev.filter((_, j) => j !== i))}
            >
              {t.outlook.removeLabel}
            </Button>
          </div>
        ))}
        <Text weight="semibold">{t.outlook.fromTheMattersDocuments}</Text>
        {docs.state.status === 'loading' && <Spinner size="tiny" label={t.outlook.loadingDocuments} />}
        {docs.state.status === 'error' && <ErrorNotice error={docs.state.error} onRetry={docs.reload} />}
        {docs.state.status === 'ready' && docs.state.data.length === 0 && (
          <Text className={styles.muted}>{t.outlook.thisMatterHasNoDocuments}</Text>
        )}
        {docs.state.status === 'ready' &&
          docs.state.data.map((d) => (
            <div key={d.id} className={styles.option}>
              <Checkbox
                label={d.name}
                disabled={busy}
                checked={documentIds.has(d.id)}
                onChange={(_e, data) =>
                  setDocumentIds((prev) => {
                    const next = new Set(prev);
                    if (data.checked) next.add(d.id);
                    else next.delete(d.id);
                    return next;
                  })
                }
              />
              <Text className={styles.detail}>
                {t.outlook.versionUpdated(
                  d.latest.version,
                  formatActivityTime(d.updatedAt),
                  formatFileSize(d.latest.size),
                )}
              </Text>
            </div>
          ))}
      </fieldset>
      <Field label={t.outlook.messageInTheConversation}>
        <Textarea value={message} disabled={busy} onChange={(_e, data) => setMessage(data.value)} resize="vertical" />
      </Field>
      {pending.length > 0 && ready.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.outlook.onlyWillGetThe(listNames(ready.map((c) => c.name)))}</MessageBarBody>
        </MessageBar>
      )}
      {progress && <FileProgressList items={progress} label={t.outlook.uploadProgress} />}
      {error != null && <ErrorNotice error={error} />}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={busy || fileCount === 0 || ready.length === 0}
          onClick={() => void share()}
        >
          {busy ? t.outlook.sharing : t.outlook.uploadAndInsertLink}
        </Button>
      </div>
    </>
  );
}

function RecipientRow(props: {
  address: EmailAddress;
  state: RecipientState;
  matter: Matter;
  disabled: boolean;
  onChanged: () => void;
}) {
  const { address, state, matter, disabled, onChanged } = props;
  const styles = useShareStyles();
  const api = useApi();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState(address.name === address.email ? '' : address.name);
  const [kind, setKind] = useState<ContactKind>('client');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function add() {
    setBusy(true);
    setError(null);
    try {
      let contactId: string;
      if (state.kind === 'unknown') {
        const created = await api.createContact({ name: name.trim(), email: address.email, kind });
        contactId = created.id;
      } else if (state.kind === 'contact') {
        contactId = state.contact.id;
      } else {
        return;
      }
      await api.linkMatterContact(matter.id, contactId);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const label = state.kind === 'unknown' ? address.email : `${state.contact.name} · ${address.email}`;
  return (
    <div className={styles.option}>
      <Text>{label}</Text>
      {state.kind === 'on-matter' && <Text className={styles.muted}>{t.outlook.getsTheFiles}</Text>}
      {state.kind === 'unreachable' && <Text className={styles.muted}>{t.outlook.thisContactIsDisabled}</Text>}
      {state.kind === 'contact' && (
        <div className={styles.actions}>
          <Text className={styles.muted}>{t.outlook.notOnThisMatter}</Text>
          <Button size="small" disabled={disabled || busy} onClick={() => void add()}>
            {busy ? t.outlook.adding : t.outlook.addTo(matter.number)}
          </Button>
        </div>
      )}
      {state.kind === 'unknown' && !adding && (
        <div className={styles.actions}>
          <Text className={styles.muted}>{t.outlook.notAContactYet}</Text>
          <Button size="small" disabled={disabled} onClick={() => setAdding(true)}>
            {t.outlook.addAsAContact(matter.number)}
          </Button>
        </div>
      )}
      {state.kind === 'unknown' && adding && (
        <form
          className={styles.fieldset}
          aria-label={t.outlook.newContact(address.email)}
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) void add();
          }}
        >
          <Field label={t.outlook.name} required>
            <Input value={name} onChange={(_e, data) => setName(data.value)} />
          </Field>
          <RadioGroup
            layout="horizontal"
            value={kind}
            aria-label={t.outlook.contactType}
            onChange={(_e, data) => setKind(data.value as ContactKind)}
          >
            <Radio value="client" label={t.outlook.client} />
            <Radio value="third_party" label={t.outlook.thirdParty} />
          </RadioGroup>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" size="small" disabled={busy || !name.trim()}>
              {busy ? t.outlook.adding : t.outlook.addContact}
            </Button>
            <Button size="small" onClick={() => setAdding(false)}>
              {t.outlook.cancel}
            </Button>
          </div>
        </form>
      )}
      {error != null && <ErrorNotice error={error} />}
    </div>
  );
}
