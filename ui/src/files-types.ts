import type { Schema } from './api-types.js';

/** A matter document shared live into an external conversation (always its latest version); `revokedAt` once access was removed. */
export type DocumentShare = Schema<'Share'>;

/** The Files tab: attachments (oldest first, as the server lists them) and shares, revoked ones included. */
export type ConversationFiles = Schema<'ConversationFiles'>;
/** A file attached to a message of the conversation. */
export type ConversationAttachment = ConversationFiles['attachments'][number];

/** Bytes sent so far of one multipart upload. */
export type UploadProgressEvent = { loaded: number; total: number };

/** An upload under way: its result, and a way to stop it (the promise then rejects with an AbortError). */
export type RunningUpload<T> = { promise: Promise<T>; abort: () => void };

/** A document with every version (newest first), the comments about it and its shares. */
export type DocumentDetails = Schema<'DocumentDetails'>;
