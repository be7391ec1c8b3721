import { useState } from 'react';
import { Badge, Button, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import type { Contact, FormRequest, Matter } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatDateTime } from '@confer/ui/format-time';
import { FormRequestDetails } from './FormRequestDetails';
import { AddRegular } from '@fluentui/react-icons';
import { SendFormDialog } from './SendFormDialog';
import { useExtrasStyles } from './extras-styles';
import { useDialogState } from '../common/use-dialog-state';
import { useExtrasApi } from './use-extras-api';
import { useLoader } from '@confer/ui';
import { useLiveEvents } from '../conversations/use-messaging';
import { t } from '../messages';

const STATUS: Record<FormRequest['status'], { label: string; color: 'informative' | 'warning' | 'success' }> = {
  sent: { label: t.extras.statusSent, color: 'informative' },
  draft: { label: t.extras.inProgress, color: 'warning' },
  submitted: { label: t.extras.statusSubmitted, color: 'success' },
};

function when(request: FormRequest): string {
  if (request.submittedAt) return t.extras.submittedAt(formatDateTime(request.submittedAt));
  if (request.draftSavedAt) return t.extras.draftSavedAt(formatDateTime(request.draftSavedAt));
  return t.extras.sentAt(formatDateTime(request.sentAt));
}

/** Intake forms sent on a matter, their status, and each submission's answers and files. */
export function MatterForms({ matter, contacts }: { matter: Matter; contacts: Contact[] }) {
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const { state, reload, setData } = useLoader(
    (signal) => api.listMatterFormRequests(matter.id, { signal }).then((r) => r.items),
    [api, matter.id],
  );
  const sending = useDialogState();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const items = state.status === 'ready' ? state.data : [];

  // A submission on this matter, or a reconnect that may have missed some: refresh in place.
  async function refreshQuietly() {
    try {
      setData((await api.listMatterFormRequests(matter.id)).items);
    } catch (error) {
      console.warn('Could not refresh the forms', error);
    }
  }

  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.type === 'form.submitted' && event.data.matterId === matter.id)) {
      void refreshQuietly();
    }
  });

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className={x.section} aria-labelledby="forms-heading">
      <div className={x.top}>
        <Subtitle2 as="h3" id="forms-heading" className={x.heading}>
          {t.extras.forms}
        </Subtitle2>
        {matter.status === 'open' && (
          <Button size="small" icon={<AddRegular />} onClick={() => sending.open(true)}>
            {t.extras.sendForm}
          </Button>
        )}
      </div>
      {state.status === 'loading' && <Spinner size="tiny" label={t.extras.loadingForms} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && items.length === 0 && <Text className={x.muted}>{t.extras.noFormsSentYet}</Text>}
      {items.length > 0 && (
        <ul aria-label={t.extras.formsSent} className={x.list}>
          {items.map((request) => (
            <li key={request.id} className={x.item} aria-label={t.extras.for(request.form.title, request.contact.name)}>
              <div className={x.row}>
                <Text className={x.name}>{request.form.title}</Text>
                <Badge appearance="tint" color={STATUS[request.status].color}>
                  {STATUS[request.status].label}
                </Badge>
              </div>
              <Text size={200} className={x.muted}>
                {request.contact.name} · {when(request)}
              </Text>
              {request.status === 'submitted' && (
                <div className={x.actions}>
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-expanded={expanded.has(request.id)}
                    onClick={() => toggle(request.id)}
                  >
                    {expanded.has(request.id) ? t.extras.hideAnswers : t.extras.showAnswers}
                  </Button>
                </div>
              )}
              {request.status === 'submitted' && expanded.has(request.id) && <FormRequestDetails request={request} />}
            </li>
          ))}
        </ul>
      )}
      {sending.state && (
        <SendFormDialog
          key={sending.state.key}
          open={sending.state.open}
          matter={matter}
          contacts={contacts}
          onSent={(request) => {
            setData([request, ...items]);
            sending.close();
          }}
          onClose={sending.close}
        />
      )}
    </section>
  );
}
