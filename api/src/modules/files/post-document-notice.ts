import type { Db } from '../../db/connect.js';
import { postMessage } from '../messages/post-message.js';

/**
 * Announces in a conversation, as a message from the staff member, that a matter document was
 * shared live into it or that a shared document has a new version. The body says it in words
 * (for search, emails and anything that shows only text); `notice` lets the apps show it as an
 * announcement with a link to the document. In the caller's transaction.
 */
export async function postDocumentNotice(
  tx: Db,
  input: {
    firmId: string;
    conversation: { id: string; kind: 'external_matter' | 'internal_matter' | 'direct' | 'channel' };
    staffId: string;
    documentId: string;
    documentName: string;
    notice: { kind: 'document_shared' } | { kind: 'document_updated'; version: number };
    now?: Date;
  },
): Promise<void> {
  const body =
    input.notice.kind === 'document_shared'
      ? `Shared ${input.documentName}. It stays up to date here: you always see its latest version.`
      : `Uploaded version ${input.notice.version} of ${input.documentName}.`;
  await postMessage(tx, {
    firmId: input.firmId,
    conversationId: input.conversation.id,
    conversationKind: input.conversation.kind,
    author: { staffId: input.staffId },
    body,
    via: 'app',
    aboutDocumentId: input.documentId,
    notice: input.notice,
    now: input.now,
  });
}
