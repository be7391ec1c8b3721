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
  const files = fileCount === 1 ? 'a file' : `${fileCount} files`;
  const intro = `I have shared ${files} with you through our secure client portal.`;
  const how = 'To open them, enter your email address: you will receive a secure link and a one-time code.';
  return {
    url,
    html: `<p>${escapeHtml(intro)} <a href="${escapeHtml(url)}">Open the shared files securely</a><br>${escapeHtml(how)}</p>`,
    text: `${intro}\nOpen the shared files securely: ${url}\n${how}\n`,
  };
}
