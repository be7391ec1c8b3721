import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { FormRequest } from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorBar } from '../common/ErrorBar';
import { FormIcon } from '../common/icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { formatDateTime } from '../common/format-day';
import { useListStyles } from '../common/list-styles';
import { matterLine } from '../common/matter-line';
import { useLoader } from '../common/use-loader';
import { DocsTabs } from '../docs/DocsTabs';
import { RouterLink } from '../routing/RouterLink';
import { portalExtras } from '../session/portal-extras';
import { useLiveEvent, usePortal } from '../shell/portal-context';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  icon: { fontSize: '24px', color: tokens.colorBrandForeground1, display: 'flex', flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, gap: '2px' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  fresh: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
});

function statusText(request: FormRequest): string {
  if (request.status === 'submitted' && request.submittedAt) return `Sent ${formatDateTime(request.submittedAt)}`;
  if (request.status === 'draft' && request.draftSavedAt) return `Draft saved ${formatDateTime(request.draftSavedAt)}`;
  return `Received ${formatDateTime(request.sentAt)}`;
}

function FormRow({ request }: { request: FormRequest }) {
  const styles = useStyles();
  return (
    <RouterLink className={styles.row} to={{ name: 'form', requestId: request.id }}>
      <span className={styles.icon}>
        <FormIcon />
      </span>
      <span className={styles.text}>
        <span className={styles.title}>{request.form.title}</span>
        <Caption1 className={styles.meta}>{matterLine(request.matter)}</Caption1>
        <Caption1 className={request.status === 'sent' ? styles.fresh : styles.meta}>
          {request.status === 'sent' ? 'Not started · ' : ''}
          {statusText(request)}
        </Caption1>
      </span>
    </RouterLink>
  );
}

/** The intake forms the firm asked the client to fill in: to complete, then submitted. */
export function FormsScreen() {
  const list = useListStyles();
  const { session } = usePortal();
  const forms = useLoader(`forms:${session.firm.id}`, (signal) => portalExtras.listForms({ signal }));
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
      {forms.error ? <ErrorBar error={forms.error} /> : null}
      {!items && forms.loading ? <Loading label="Loading your forms" /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<FormIcon />} title="No forms">
          When {session.firm.name} asks you to fill in a form, it will be listed here.
        </EmptyState>
      ) : null}
      {open.length > 0 ? (
        <section className={list.section} aria-labelledby="forms-open">
          <Subtitle2 as="h3" id="forms-open" className={list.sectionHeading}>
            To complete
          </Subtitle2>
          <ul className={list.list} aria-labelledby="forms-open">
            {open.map((request) => (
              <li key={request.id} className={list.item}>
                <FormRow request={request} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {done.length > 0 ? (
        <section className={list.section} aria-labelledby="forms-done">
          <Subtitle2 as="h3" id="forms-done" className={list.sectionHeading}>
            Submitted
          </Subtitle2>
          <ul className={list.list} aria-labelledby="forms-done">
            {done.map((request) => (
              <li key={request.id} className={list.item}>
                <FormRow request={request} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
