/**
 * Wire types for the Confer API (/api/v1), derived from `generated/api.ts` (generated from the
 * API's OpenAPI document: `npm run generate:api-types`). Dates are ISO 8601 strings. Only what
 * the OpenAPI document does not describe (auth config, live events) is written here.
 */
import type { components, paths } from './generated/api.js';

/** A schema of the OpenAPI document, by name. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
/** The query of a GET route. */
export type QueryOf<Path extends keyof paths> = paths[Path] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
/** Makes the named keys optional: request fields with a server-side default. */
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type AuthMode = 'embedded' | 'production';

export type AuthConfig = {
  mode: AuthMode;
  /** Server page that mints a dev token (embedded mode only), e.g. `/dev/sign-in`. */
  devSignInUrl: string | null;
  entra: { clientId: string; audience: string } | null;
};

export type Staff = Schema<'Staff'>;
export type StaffRole = Staff['role'];
export type StaffSummary = Schema<'StaffSummary'>;
export type Firm = Schema<'Firm'>;
export type Me = Schema<'Me'>;
export type Matter = Schema<'Matter'>;
export type MatterStatus = Matter['status'];
export type Contact = Schema<'Contact'>;
export type ContactKind = Contact['kind'];
/** A contact's portal passkey (staff see them on the contact and may revoke one). */
export type Passkey = Schema<'Passkey'>;

export type Page<T> = {
  items: T[];
  nextCursor: string | null;
};

export type ItemList<T> = {
  items: T[];
};

export type MatterAccess = Schema<'MatterAccess'>;
export type ListMattersQuery = QueryOf<'/api/v1/matters'>;
export type ListContactsQuery = QueryOf<'/api/v1/contacts'>;
export type CreateMatterInput = Schema<'CreateMatter'>;
export type UpdateMatterInput = Schema<'UpdateMatter'>;
export type UpdateMatterAccessInput = Schema<'SetMatterAccess'>;
export type CreateContactInput = Schema<'CreateContact'>;
export type UpdateContactInput = Schema<'UpdateContact'>;
export type CreateStaffInput = Schema<'CreateStaff'>;
export type UpdateStaffInput = Schema<'UpdateStaff'>;
/** A client's sign-in from a new device or country (staff only). */
export type DeviceAlert = Schema<'DeviceAlert'>;
export type EndSessionsResult = Schema<'EndSessionsResult'>;

// ---------------------------------------------------------------------------------------------
// Conversations and messages

export type Conversation = Schema<'Conversation'>;
export type ConversationKind = Conversation['kind'];
export type Participant = Schema<'Participant'>;
export type ParticipantKind = Participant['kind'];
export type ArchivedReason = NonNullable<Conversation['archivedReason']>;
export type MatterRef = NonNullable<Conversation['matter']>;

/** The texting fields (`sms`, `inReplyTo`) are absent on messages that came from a live event. */
export type Message = Omit<Schema<'Message'>, 'sms' | 'inReplyTo'> &
  Partial<Pick<Schema<'Message'>, 'sms' | 'inReplyTo'>>;
/** How a message reached Confer. */
export type MessageVia = Message['via'];
export type MessageAuthor = Message['author'];
export type ReadReceipt = NonNullable<Message['readBy']>[number];

/**
 * Messages name their readers in conversations of at most this many participants; in larger
 * ones they carry only `readCount`, and `getReaders` lists the names on demand.
 */
export const READERS_LISTED_UP_TO = 20;
/** A document shared live into the conversation, or a new version of a shared document (`version`). */
export type MessageNotice = NonNullable<Schema<'MessageNotice'>>;
export type MessageRevisions = Schema<'MessageRevisions'>;
export type MessageRevision = MessageRevisions['items'][number];

type CreateConversation = Schema<'CreateConversation'>;
type CreateOf<K extends ConversationKind> = Extract<CreateConversation, { kind: K }>;
export type CreateChannelInput = Defaulted<CreateOf<'channel'>, 'staffIds'>;
export type CreateDirectInput = CreateOf<'direct'>;
export type CreateInternalMatterConversationInput = Defaulted<CreateOf<'internal_matter'>, 'staffIds'>;
export type CreateExternalMatterConversationInput = Defaulted<CreateOf<'external_matter'>, 'staffIds' | 'requireMfa'>;
export type CreateConversationInput =
  | CreateChannelInput
  | CreateDirectInput
  | CreateInternalMatterConversationInput
  | CreateExternalMatterConversationInput;

export type UpdateConversationInput = Schema<'RenameConversation'>;
export type AddParticipantsInput = Defaulted<Schema<'AddParticipants'>, 'staffIds' | 'contactIds'>;
export type ListConversationsQuery = QueryOf<'/api/v1/conversations'>;
export type ListChannelsQuery = QueryOf<'/api/v1/channels'>;
/** `before` pages back from a cursor; `around` centres the page on a message's `seq`. */
export type ListMessagesQuery = QueryOf<'/api/v1/conversations/{id}/messages'>;
export type SendMessageInput = Defaulted<Schema<'SendMessage'>, 'documentIds'>;
/** On a send: the message needs acknowledging (`read`) or a reply (`reply`) from a client by `dueAt`. */
export type AcknowledgeBy = Schema<'AcknowledgeBy'>;
/** A marked message as staff see it: who acknowledged when, and each reminder step. */
export type Acknowledgement = Schema<'Acknowledgement'>;
/** A message of yours past its acknowledge-by deadline without acknowledgement: a task on the inbox. */
export type AcknowledgementTask = Schema<'AcknowledgementTask'>;
export type EditMessageInput = Schema<'EditMessage'>;
export type MarkReadInput = Schema<'MarkRead'>;
export type UnreadCounts = Schema<'ReadResult'>;
export type UnreadSummary = Schema<'Unread'>;
export type UnreadConversation = UnreadSummary['conversations'][number];
export type SearchResult = Schema<'SearchResults'>['items'][number];
export type SnippetSegment = SearchResult['snippet'][number];
export type SearchMessagesQuery = QueryOf<'/api/v1/search'>;

// ---------------------------------------------------------------------------------------------
// Live events (GET /api/v1/events, text/event-stream; `data` is JSON)

/** Messages inside events carry no read receipts: those arrive as `read.updated`. */
export type LiveMessage = Omit<Message, 'readBy' | 'readCount'> & { readBy?: ReadReceipt[] | null; readCount?: number };

export type LiveEvent =
  | { type: 'message.created'; data: { conversationId: string; message: LiveMessage } }
  | { type: 'message.edited'; data: { conversationId: string; message: LiveMessage } }
  | { type: 'message.pinned'; data: { conversationId: string; message: LiveMessage } }
  | {
      type: 'read.updated';
      data: {
        conversationId: string;
        participantId: string;
        staffId: string | null;
        lastReadSeq: number;
        /** Their read mark before (absent from older servers). */
        previousReadSeq?: number;
      };
    }
  | { type: 'conversation.created'; data: { conversationId: string } }
  | { type: 'conversation.updated'; data: { conversationId: string } }
  | { type: 'unread.changed'; data: { conversationId: string; unreadCount: number; total: number } }
  | { type: 'channel.activity'; data: { conversationId: string; lastMessageAt: string } }
  /** A client submitted an intake form on a matter the staff member can see. */
  | { type: 'form.submitted'; data: { formRequestId: string; matterId: string } }
  /** A file's thumbnail or first-page preview was made (ready) or could not be (failed). */
  | { type: 'file.preview'; data: { conversationId: string; versionId: string; preview: FilePreview } }
  /** A client or third party of the conversation signed in from a new device or country. */
  | { type: 'device.alert'; data: { conversationId: string; alert: DeviceAlert } }
  /** Someone ended the contact's portal sessions: their alerts are answered. */
  | { type: 'device.alerts_closed'; data: { conversationId: string; contactId: string } }
  | { type: 'resync'; data: Record<string, never> };

export type LiveEventType = LiveEvent['type'];

/** One field-level validation error inside a problem document. */
export type ProblemFieldError = {
  location: string;
  field: string;
  message: string;
};

/** RFC 9457 problem document as returned by the API (`errors` on validation failures). */
export type ProblemDocument = Omit<Schema<'Problem'>, 'detail'> & {
  detail?: string;
  errors?: ProblemFieldError[];
};

// ---------------------------------------------------------------------------------------------
// Files and documents

/** A file attached to a message: one fixed version of a document. */
export type FileRef = Schema<'FileRef'>;
export type FilePreview = NonNullable<Schema<'FilePreview'>>;
export type MatterDocument = Schema<'Document'>;
/** Where a matter document came from. */
export type DocumentSource = MatterDocument['source'];
export type DocumentVersion = Schema<'DocumentVersion'>;

// ---------------------------------------------------------------------------------------------
// Outlook

/** What an open email means in Confer (GET /outlook/email-context). */
export type EmailContext = Schema<'EmailContext'>;
