import { formatFileSize } from '@confer/ui';
import { Caption1 } from '@fluentui/react-components';
import type { PortalFile } from '@confer/ui';
import { DocumentRegular } from '@fluentui/react-icons';
import { formatDate } from '@confer/ui/format-time';
import { LinkRow, useLinkRowStyles } from '../common/LinkRow';
import { t } from '../messages';

export type FileRowProps = { file: PortalFile; showMatter?: boolean };

/** One file in a list: opens the file view. */
export function FileRow({ file, showMatter = false }: FileRowProps) {
  const styles = useLinkRowStyles();
  const matter = showMatter && file.matter ? `${file.matter.number} · ${file.matter.title}` : null;
  return (
    <LinkRow
      to={
        file.kind === 'share'
          ? { name: 'document', conversationId: file.conversationId, documentId: file.documentId }
          : { name: 'file', conversationId: file.conversationId, versionId: file.versionId }
      }
      icon={<DocumentRegular />}
      title={file.name}
    >
      {matter ? <Caption1 className={styles.meta}>{matter}</Caption1> : null}
      <Caption1 className={styles.meta}>
        {file.kind === 'share' ? t.files.shared : t.files.added} {formatDate(file.receivedAt)}
        {file.kind === 'share' && file.updatedAt > file.receivedAt
          ? t.files.versionUpdated(file.version, formatDate(file.updatedAt))
          : ''}{' '}
        · {formatFileSize(file.size)}
        {file.kind === 'share' && !file.opened ? (
          <>
            {' · '}
            <span className={styles.fresh}>{t.files.notOpenedYet}</span>
          </>
        ) : null}
      </Caption1>
    </LinkRow>
  );
}
