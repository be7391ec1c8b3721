import type { MouseEvent } from 'react';
import { Body1, Caption1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { isPortalPreviewable, portalFileUrl } from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorBar } from '../common/ErrorBar';
import { BackIcon, DocumentIcon, DownloadIcon, PrintIcon } from '../common/icons';
import { Loading } from '../common/Loading';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { Page } from '../common/Page';
import { formatDate, formatSize } from '../common/format';
import { useLoader } from '../common/use-loader';
import { canGoBackInPortal } from '../routing/navigation';
import { InlineLink } from '../routing/InlineLink';
import { RouterLink } from '../routing/RouterLink';
import { portalClient } from '../session/portal-client';
import { useLiveEvent } from '../shell/portal-context';
import { FileComment } from './FileComment';

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

export type FileViewScreenProps = { conversationId: string; versionId: string };

/** One file: an inline preview for PDFs and images (sandboxed), Print, Download, and a comment box. */
export function FileViewScreen({ conversationId, versionId }: FileViewScreenProps) {
  const styles = useStyles();
  const files = useLoader(`files:${conversationId}`, (signal) =>
    portalClient.listConversationFiles(conversationId, { signal }),
  );
  const conversation = useLoader(`conversation:${conversationId}`, (signal) =>
    portalClient.getConversation(conversationId, { signal }),
  );
  const reloadConversation = conversation.reload;
  useLiveEvent((event) => {
    if (event.type === 'conversation.updated' && event.conversationId === conversationId) reloadConversation();
  });

  const file = files.data?.items.find((f) => f.versionId === versionId);
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
      <Page title={files.loading ? 'File' : 'File not available'}>
        {files.error ? <ErrorBar error={files.error} /> : null}
        {files.loading && !files.data ? <Loading label="Opening the file" /> : null}
        {files.data ? (
          <EmptyState icon={<DocumentIcon />} title="This file is not available">
            It may have been removed or is no longer shared with you.{' '}
            <InlineLink to={backTo}>Back to the conversation</InlineLink>
          </EmptyState>
        ) : null}
      </Page>
    );
  }

  const inlineUrl = portalFileUrl(file.versionId, { inline: true });
  const downloadUrl = portalFileUrl(file.versionId);
  const previewable = isPortalPreviewable(file.contentType);
  const isImage = file.contentType.startsWith('image/');
  const canComment = conversation.data ? conversation.data.archivedAt === null : false;

  return (
    <div className={styles.scroll}>
      <section className={styles.page} aria-labelledby="file-heading">
        <div className={styles.top}>
          <RouterLink className={styles.back} to={backTo} onClick={goBack} aria-label="Back" title="Back">
            <BackIcon />
          </RouterLink>
          <div className={styles.titleBlock}>
            <Title3 as="h2" id="file-heading" className={styles.title}>
              {file.name}
            </Title3>
            <Caption1 block className={styles.meta}>
              {file.kind === 'share' ? 'Shared' : 'Added'} {formatDate(file.receivedAt)} · {formatSize(file.size)}
              {file.matter ? ` · Matter ${file.matter.number} · ${file.matter.title}` : ''}
            </Caption1>
          </div>
        </div>
        <div className={styles.toolbar} role="group" aria-label="File actions">
          {previewable ? (
            <a className={styles.action} href={inlineUrl} target="_blank" rel="noopener noreferrer">
              <PrintIcon /> Print
              <VisuallyHidden> (opens the file in a new tab)</VisuallyHidden>
            </a>
          ) : null}
          <a className={`${styles.action} ${styles.primary}`} href={downloadUrl} download={file.name}>
            <DownloadIcon /> Download
          </a>
        </div>
        {previewable && isImage ? (
          <img className={styles.image} src={inlineUrl} alt={`Preview of ${file.name}`} />
        ) : null}
        {previewable && !isImage ? (
          <iframe className={styles.frame} src={inlineUrl} title={`Preview of ${file.name}`} {...PDF_FRAME_SANDBOX} />
        ) : null}
        {previewable ? (
          <Body1 as="p" className={styles.note}>
            If the preview does not appear, use Download to open the file on your device.
          </Body1>
        ) : (
          <div className={styles.noPreview}>
            <Body1 as="p" className={styles.note}>
              This type of file cannot be previewed here. Download it to open it on your device.
            </Body1>
          </div>
        )}
        {canComment ? (
          <FileComment conversationId={conversationId} documentId={file.documentId} fileName={file.name} />
        ) : null}
      </section>
    </div>
  );
}
