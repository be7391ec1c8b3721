import { useState, type MouseEvent } from 'react';
import { Body1, Caption1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import {
  fetchPortalFile,
  formatFileSize,
  isPrintable,
  portalFileUrl,
  previewKindOf,
  printFile,
  type PortalFile,
  useLoader,
} from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { ArrowDownloadRegular, ChevronLeftRegular, DocumentRegular, PrintRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { formatDate, formatFullDateTime } from '@confer/ui/format-time';
import { canGoBackInPortal } from '../routing/navigation';
import { InlineLink } from '../routing/InlineLink';
import { RouterLink } from '../routing/RouterLink';
import { portalClient } from '../session/portal-client';
import { useLiveEvent } from '../shell/portal-context';
import { FileComment } from './FileComment';
import { TextPreview } from './TextPreview';
import { t } from '../messages';

const useStyles = makeStyles({
  scroll: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto' },
  page: {
    maxWidth: '960px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  top: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  titleBlock: { flex: '1 1 auto', minWidth: 0 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  action: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minHeight: '36px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    textDecoration: 'none',
    fontFamily: 'inherit',
    fontSize: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  primary: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `${tokens.strokeWidthThin} solid transparent`,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover, color: tokens.colorNeutralForegroundOnBrand },
  },
  back: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '44px',
    height: '44px',
    flexShrink: 0,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  frame: {
    width: '100%',
    height: '70vh',
    minHeight: '320px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  image: {
    display: 'block',
    maxWidth: '100%',
    maxHeight: '70vh',
    margin: '0 auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  noPreview: {
    padding: tokens.spacingVerticalXL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  note: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/**
 * The PDF preview frame is sandboxed by the server, not by a `sandbox` attribute: inline
 * previews come with `Content-Security-Policy: sandbox; default-src 'none'` and `nosniff`
 * (opaque origin, no script, no top navigation). Chromium refuses to show any PDF inside an
 * `<iframe sandbox>` ("This page has been blocked"), so the attribute would leave Chrome and
 * Edge users without a preview. Set this to `{ sandbox: '' }` to add the attribute back.
 */
const PDF_FRAME_SANDBOX: { sandbox?: string } = {};

export type FileViewScreenProps = { conversationId: string } & (
  { versionId: string; documentId?: undefined } | { documentId: string; versionId?: undefined }
);

/** The file a route means: one version, or a document's live share (latest version), else its newest copy. */
function pickFile(items: PortalFile[], props: FileViewScreenProps): PortalFile | undefined {
  if (props.versionId) return items.find((f) => f.versionId === props.versionId);
  const ofDocument = items.filter((f) => f.documentId === props.documentId);
  return ofDocument.find((f) => f.kind === 'share') ?? ofDocument[0];
}

/**
 * One file: an inline preview for PDFs and images (sandboxed) and for text files (as text),
 * Print (the browser's print dialog for the file itself), Download, and a comment box. A live
 * share shows its latest version and when it was updated, and follows new versions live.
 */
export function FileViewScreen(props: FileViewScreenProps) {
  const { conversationId } = props;
  const styles = useStyles();
  const files = useLoader((signal) => portalClient.listConversationFiles(conversationId, { signal }), [conversationId]);
  const conversation = useLoader(
    (signal) => portalClient.getConversation(conversationId, { signal }),
    [conversationId],
  );
  const reloadConversation = conversation.reload;
  const reloadFiles = files.reload;
  useLiveEvent((event) => {
    if (!('conversationId' in event) || event.conversationId !== conversationId) return;
    if (event.type === 'conversation.updated') reloadConversation();
    if (event.type === 'files.changed' || event.type === 'conversation.updated') reloadFiles();
  });
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<unknown>(null);

  const file = files.data ? pickFile(files.data.items, props) : undefined;
  const backTo = { name: 'conversation', conversationId, tab: 'messages' } as const;
  const goBack = (event: MouseEvent<HTMLAnchorElement>) => {
    // Back to where the file was opened from (the conversation, Files, Documents or To do).
    if (canGoBackInPortal() && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
      event.preventDefault();
      window.history.back();
    }
  };

  if (!file) {
    return (
      <Page title={files.loading ? t.files.file : t.files.fileNotAvailable}>
        {files.error ? <ErrorNotice error={files.error} /> : null}
        {files.loading && !files.data ? <Loading label={t.files.openingTheFile} /> : null}
        {files.data ? (
          <EmptyState icon={<DocumentRegular />} title={t.files.thisFileIsNot}>
            {t.files.itMayHaveBeen} <InlineLink to={backTo}>{t.files.backToTheConversation}</InlineLink>
          </EmptyState>
        ) : null}
      </Page>
    );
  }

  const inlineUrl = portalFileUrl(file.versionId, { inline: true });
  const downloadUrl = portalFileUrl(file.versionId);
  const kind = previewKindOf(file);
  const isImage = kind === 'image';
  const canComment = conversation.data ? conversation.data.archivedAt === null : false;
  const updated = file.kind === 'share' && file.updatedAt > file.receivedAt;

  async function print() {
    if (!file || (kind !== 'pdf' && kind !== 'image')) return;
    setPrinting(true);
    setPrintError(null);
    try {
      const blob = await fetchPortalFile(file.versionId);
      await printFile(blob, { kind, contentType: file.contentType, title: file.name });
    } catch (error) {
      setPrintError(error);
    } finally {
      setPrinting(false);
    }
  }

  return (
    <div className={styles.scroll}>
      <section className={styles.page} aria-labelledby="file-heading">
        <div className={styles.top}>
          <RouterLink
            className={styles.back}
            to={backTo}
            onClick={goBack}
            aria-label={t.files.back}
            title={t.files.back}
          >
            <ChevronLeftRegular />
          </RouterLink>
          <div className={styles.titleBlock}>
            <Title3 as="h2" id="file-heading" className={styles.title}>
              {file.name}
            </Title3>
            <Caption1 block className={styles.meta}>
              {file.kind === 'share' ? t.files.shared : t.files.added} {formatDate(file.receivedAt)} ·{' '}
              {formatFileSize(file.size)}
              {file.matter ? t.files.matter(file.matter.number, file.matter.title) : ''}
            </Caption1>
            {file.kind === 'share' ? (
              <Caption1 block className={styles.meta} data-testid="share-version">
                {updated
                  ? t.files.versionUpdatedAt(file.version, formatFullDateTime(file.updatedAt))
                  : t.files.version(file.version)}
                {' · '}
                {t.files.sharedLiveYouAlways}
              </Caption1>
            ) : null}
          </div>
        </div>
        <div className={styles.toolbar} role="group" aria-label={t.files.fileActions}>
          {isPrintable(kind) ? (
            <button type="button" className={styles.action} onClick={() => void print()} disabled={printing}>
              <PrintRegular /> {printing ? t.files.preparing : t.files.print}
            </button>
          ) : null}
          <a className={`${styles.action} ${styles.primary}`} href={downloadUrl} download={file.name}>
            <ArrowDownloadRegular />
            {t.files.downloadAction}
          </a>
        </div>
        {printError ? <ErrorNotice error={printError} /> : null}
        {isImage ? <img className={styles.image} src={inlineUrl} alt={t.files.previewOf(file.name)} /> : null}
        {kind === 'pdf' ? (
          <iframe
            className={styles.frame}
            src={inlineUrl}
            title={t.files.previewOf(file.name)}
            {...PDF_FRAME_SANDBOX}
          />
        ) : null}
        {kind === 'text' ? (
          <TextPreview
            key={file.versionId}
            name={file.name}
            load={(signal) => fetchPortalFile(file.versionId, { signal })}
          />
        ) : null}
        {kind === 'pdf' || kind === 'image' ? (
          <Body1 as="p" className={styles.note}>
            {t.files.ifThePreviewDoes}
          </Body1>
        ) : kind === null ? (
          <div className={styles.noPreview}>
            <Body1 as="p" className={styles.note}>
              {t.files.thisTypeOfFile}
            </Body1>
          </div>
        ) : null}
        {canComment ? (
          <FileComment conversationId={conversationId} documentId={file.documentId} fileName={file.name} />
        ) : null}
      </section>
    </div>
  );
}
