import { lazy, Suspense } from 'react';
import { Spinner } from '@fluentui/react-components';
import type { Contact, Matter } from '@confer/ui';
import { t } from '../messages';

// Loaded after the matter shows, keeping the task pane's first download small.
const MatterEvents = lazy(() => import('./MatterEvents').then((m) => ({ default: m.MatterEvents })));
const MatterForms = lazy(() => import('./MatterForms').then((m) => ({ default: m.MatterForms })));
const MatterInvoices = lazy(() => import('./MatterInvoices').then((m) => ({ default: m.MatterInvoices })));

/** A matter's events, intake forms and invoices. */
export function MatterExtras({ matter, contacts }: { matter: Matter; contacts: Contact[] }) {
  return (
    <Suspense fallback={<Spinner size="tiny" label={t.extras.loadingEventsFormsAnd} />}>
      <MatterEvents matter={matter} contacts={contacts} />
      <MatterForms matter={matter} contacts={contacts} />
      <MatterInvoices matter={matter} contacts={contacts} />
    </Suspense>
  );
}
