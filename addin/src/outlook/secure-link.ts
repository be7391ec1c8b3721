import { t } from '../messages';

/**
 * What goes into the email instead of attachments: a link to the portal conversation holding
 * the files. The portal asks for the recipient's email address and, if they take part in that
 * conversation, emails them their personal secure link (then a one-time code signs them in).
 * The link itself grants nothing.
 */
export function portalConversationUrl(origin: string, conversationId: string): string {
  return `${origin}/portal/#conversation=${encodeURIComponent(conversationId)}`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function secureLinkContent(origin: string, conversationId: string, fileCount: number) {
  const url = portalConversationUrl(origin, conversationId);
  const intro = t.outlook.sharedIntro(fileCount);
  const how = t.outlook.toOpenThemEnter;
  return {
    url,
    html: `<p>${escapeHtml(intro)} <a href="${escapeHtml(url)}">${escapeHtml(t.outlook.openSharedFiles)}</a><br>${escapeHtml(how)}</p>`,
    text: `${intro}\n${t.outlook.openSharedFiles}: ${url}\n${how}\n`,
  };
}
