import type { DocumentVersion, FileRef, MatterDocument, Message } from './api-types.js';

/** A matter document shared live into an external conversation (always its latest version). */
export type DocumentShare = {
  id: string;
  conversationId: string;
  document: MatterDocument;
  sharedAt: string;
  sharedBy: { id: string; name: string };
  /** Set once access was removed; the share then stays listed as "Access removed". */
  revokedAt: string | null;
};

/** A file attached to a message of the conversation. */
export type ConversationAttachment = { messageId: string; file: FileRef; sentAt: string };

/** The Files tab: attachments (oldest first, as the server lists them) and shares, revoked ones included. */
export type ConversationFiles = { attachments: ConversationAttachment[]; shares: DocumentShare[] };

/** The per-send limits the server enforces on uploads. */
export const UPLOAD_LIMITS = { filesPerSend: 130, bytesPerSend: 100 * 1024 * 1024 } as const;

/** Bytes sent so far of one multipart upload. */
export type UploadProgressEvent = { loaded: number; total: number };

/** An upload under way: its result, and a way to stop it (the promise then rejects with an AbortError). */
export type RunningUpload<T> = { promise: Promise<T>; abort: () => void };

/** A document with every version (newest first), the comments about it and its shares. */
export type DocumentDetails = {
  document: MatterDocument;
  versions: DocumentVersion[];
  comments: Message[];
  shares: DocumentShare[];
};
