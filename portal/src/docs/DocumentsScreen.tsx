import { useState } from 'react';
import { Caption1, Field, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { DocumentRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { useListStyles } from '../common/list-styles';
import { useDebouncedValue, useLoader } from '@confer/ui';
import { FileRow } from '../files/FileRow';
import { DocsTabs } from './DocsTabs';
import { portalClient } from '../session/portal-client';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { t } from '../messages';

const useStyles = makeStyles({
  count: { color: tokens.colorNeutralForeground3 },
  search: { maxWidth: '420px' },
});

/** Every file received from the firm, across matters, searchable by name. */
export function DocumentsScreen() {
  const styles = useStyles();
  const list = useListStyles();
  const { session } = usePortal();
  const [query, setQuery] = useState('');
  const q = useDebouncedValue(query.trim(), 300);
  const documents = useLoader((signal) => portalClient.listDocuments(q ? { q } : {}, { signal }), [session.firm.id, q]);
  const { reload } = documents;
  useLiveEvent((event) => {
    if (event.type === 'resync' || event.type === 'files.changed') reload();
    else if (event.type === 'message.created' && event.message.files?.length) reload();
  });
  const items = documents.data?.items;

  return (
    <Page title={t.docs.documents}>
      <DocsTabs current="files" />
      <Field label={t.docs.searchDocumentsByName} className={styles.search}>
        <SearchBox value={query} onChange={(_e, data) => setQuery(data.value)} />
      </Field>
      <Caption1 className={styles.count} role="status">
        {items ? (q ? t.docs.documentsFound(items.length) : t.docs.documentCount(items.length)) : ''}
      </Caption1>
      {documents.error ? <ErrorNotice error={documents.error} /> : null}
      {!items && documents.loading ? <Loading label={t.docs.loadingYourDocuments} /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<DocumentRegular />} title={q ? t.docs.noDocumentsMatch : t.docs.noDocumentsYet}>
          {q ? t.docs.tryAnotherPartOf : t.docs.documentsSendsYouAnd(session.firm.name)}
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <ul className={list.list} aria-label={t.docs.documents}>
          {items.map((file) => (
            <li
              key={`${file.kind}:${file.shareId ?? ''}:${file.versionId}:${file.conversationId}`}
              className={list.item}
            >
              <FileRow file={file} showMatter />
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
