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

function statusText(request: FormRequest): string {
  if (request.status === 'submitted' && request.submittedAt) return `Sent ${formatDateTime(request.submittedAt)}`;
  if (request.status === 'draft' && request.draftSavedAt) return `Draft saved ${formatDateTime(request.draftSavedAt)}`;
  return `Received ${formatDateTime(request.sentAt)}`;
}

function FormRow({ request }: { request: FormRequest }) {
  const styles = useLinkRowStyles();
  return (
    <LinkRow to={{ name: 'form', requestId: request.id }} icon={<FormRegular />} title={request.form.title}>
      <Caption1 className={styles.meta}>{matterLine(request.matter)}</Caption1>
      <Caption1 className={request.status === 'sent' ? styles.fresh : styles.meta}>
        {request.status === 'sent' ? 'Not started · ' : ''}
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
    <Page title="Documents">
      <DocsTabs current="forms" />
      {forms.error ? <ErrorNotice error={forms.error} /> : null}
      {!items && forms.loading ? <Loading label="Loading your forms" /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<FormRegular />} title="No forms">
          When {session.firm.name} asks you to fill in a form, it will be listed here.
        </EmptyState>
      ) : null}
      {open.length > 0 ? (
        <ListSection
          id="forms-open"
          heading="To complete"
          items={open}
          keyOf={(request) => request.id}
          renderItem={(request) => <FormRow request={request} />}
          nameList
        />
      ) : null}
      {done.length > 0 ? (
        <ListSection
          id="forms-done"
          heading="Submitted"
          items={done}
          keyOf={(request) => request.id}
          renderItem={(request) => <FormRow request={request} />}
          nameList
        />
      ) : null}
    </Page>
  );
}
