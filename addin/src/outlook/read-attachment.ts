import type { MailAttachment, OfficeHost } from '../office/office-host';

/** An attachment ready to share: a file to upload, or a link (cloud attachments). */
export type SharedAttachment = { kind: 'file'; file: File } | { kind: 'link'; name: string; url: string };

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const looksLikeBase64 = (text: string) => {
  const compact = text.replace(/\s+/g, '');
  return compact.length > 0 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact);
};

function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}

/**
 * Reads an attachment through Outlook (`getAttachmentContentAsync`): Base64 file content, an
 * attached email as EML (a `.eml` file), a meeting as iCalendar (`.ics`), and a cloud
 * attachment as its URL, which is shared as a link in the message rather than as a file.
 */
export async function readAttachment(host: OfficeHost, attachment: MailAttachment): Promise<SharedAttachment> {
  const content = await host.getAttachmentContent(attachment.id);
  switch (content.format) {
    case 'base64':
      return {
        kind: 'file',
        file: new File([base64ToBytes(content.base64)], attachment.name, {
          type: attachment.contentType ?? 'application/octet-stream',
        }),
      };
    case 'eml': {
      // Some hosts hand the EML over Base64-encoded; a real EML always has header lines.
      const bytes = looksLikeBase64(content.text)
        ? base64ToBytes(content.text)
        : new TextEncoder().encode(content.text);
      return {
        kind: 'file',
        file: new File([bytes], withExtension(attachment.name, '.eml'), { type: 'message/rfc822' }),
      };
    }
    case 'icalendar':
      return {
        kind: 'file',
        file: new File([content.text], withExtension(attachment.name, '.ics'), { type: 'text/calendar' }),
      };
    case 'url':
      return { kind: 'link', name: attachment.name, url: content.url };
  }
}

/** `[name](url)` lines for the message text: the only markup messages carry. */
export function linkLines(links: Array<{ name: string; url: string }>): string {
  const safe = (name: string) => name.replace(/[[\]()]/g, ' ').trim() || 'file';
  return links.map((l) => `[${safe(l.name)}](${l.url})`).join('\n');
}
