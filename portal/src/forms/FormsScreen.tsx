import { Caption1 } from '@fluentui/react-components';
import type { FormRequest } from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { FormRegular } from '@fluentui/react-icons';
import { LinkRow, useLinkRowStyles } from '../common/LinkRow';
import { ListSection } from '../common/ListSection';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { formatDateTime } from '@confer/ui/format-time';
import { matterLine } from '../common/matter-line';
import { useLoader } from '@confer/ui';
import { DocsTabs } from '../docs/DocsTabs';
import { portalExtras } from '../session/portal-extras';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { t } from '../messages';

function statusText(request: FormRequest): string {
  if (request.status === 'submitted' && request.submittedAt) return t.forms.sentAt(formatDateTime(request.submittedAt));
  if (request.status === 'draft' && request.draftSavedAt)
    return t.forms.draftSaved(formatDateTime(request.draftSavedAt));
  return t.forms.receivedAt(formatDateTime(request.sentAt));
}

function FormRow({ request }: { request: FormRequest }) {
  const styles = useLinkRowStyles();
  return (
    <LinkRow to={{ name: 'form', requestId: request.id }} icon={<FormRegular />} title={request.form.title}>
      <Caption1 className={styles.meta}>{matterLine(request.matter)}</Caption1>
      <Caption1 className={request.status === 'sent' ? styles.fresh : styles.meta}>
        {request.status === 'sent' ? t.forms.notStarted : ''}
        {statusText(request)}
      </Caption1>
    </LinkRow>
  );
}

/** The intake forms the firm asked the client to fill in: to complete, then submitted. */
export function FormsScreen() {
  const { session } = usePortal();
  const forms = useLoader((signal) => portalExtras.listForms({ signal }), [session.firm.id]);
  const { reload } = forms;
  useLiveEvent((event) => {
    if (event.type === 'resync') reload();
  });
  const items = forms.data?.items;
  const open = (items ?? []).filter((r) => r.status !== 'submitted');
  const done = (items ?? []).filter((r) => r.status === 'submitted');

  return (
    <Page title={t.forms.documents}>
      <DocsTabs current="forms" />
      {forms.error ? <ErrorNotice error={forms.error} /> : null}
      {!items && forms.loading ? <Loading label={t.forms.loadingYourForms} /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<FormRegular />} title={t.forms.noForms}>
          {t.forms.whenAsksYouTo(session.firm.name)}
        </EmptyState>
      ) : null}
      {open.length > 0 ? (
        <ListSection
          id="forms-open"
          heading={t.forms.toComplete}
          items={open}
          keyOf={(request) => request.id}
          renderItem={(request) => <FormRow request={request} />}
          nameList
        />
      ) : null}
      {done.length > 0 ? (
        <ListSection
          id="forms-done"
          heading={t.forms.submitted}
          items={done}
          keyOf={(request) => request.id}
          renderItem={(request) => <FormRow request={request} />}
          nameList
        />
      ) : null}
    </Page>
  );
}
