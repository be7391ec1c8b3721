/** Wire types for the Confer API (/api/v1). Dates are ISO 8601 strings. */

export type AuthMode = 'embedded' | 'production';

export type AuthConfig = {
  mode: AuthMode;
  /** Server page that mints a dev token (embedded mode only), e.g. `/dev/sign-in`. */
  devSignInUrl: string | null;
  entra: { clientId: string; audience: string } | null;
};

export type StaffRole = 'admin' | 'staff';

export type Staff = {
  id: string;
  name: string;
  initials: string;
  email: string;
  role: StaffRole;
  active: boolean;
};

export type StaffSummary = Pick<Staff, 'id' | 'name' | 'initials'>;

export type Firm = {
  id: string;
  name: string;
  country: string;
};

export type Me = {
  staff: Staff;
  firm: Firm;
};

export type MatterStatus = 'open' | 'closed';

export type Matter = {
  id: string;
  number: string;
  title: string;
  status: MatterStatus;
  restricted: boolean;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ContactKind = 'client' | 'third_party';

export type Contact = {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  kind: ContactKind;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Page<T> = {
  items: T[];
  nextCursor: string | null;
};

export type ItemList<T> = {
  items: T[];
};

export type MatterAccess = {
  restricted: boolean;
  staff: StaffSummary[];
};

export type ListMattersQuery = {
  q?: string;
  status?: MatterStatus;
  before?: string;
  limit?: number;
};

export type ListContactsQuery = {
  q?: string;
  before?: string;
  limit?: number;
};

export type CreateMatterInput = {
  number: string;
  title: string;
};

export type UpdateMatterInput = Partial<CreateMatterInput>;

export type UpdateMatterAccessInput = {
  restricted: boolean;
  staffIds: string[];
};

export type CreateContactInput = {
  name: string;
  email?: string | null;
  mobile?: string | null;
  kind: ContactKind;
};

export type UpdateContactInput = Partial<CreateContactInput> & { active?: boolean };

export type CreateStaffInput = {
  name: string;
  email: string;
  role: StaffRole;
  initials?: string;
};

export type UpdateStaffInput = Partial<Pick<Staff, 'name' | 'initials' | 'email' | 'role' | 'active'>>;

// ---------------------------------------------------------------------------------------------
// Conversations and messages

export type ConversationKind = 'external_matter' | 'internal_matter' | 'direct' | 'channel';

export type ParticipantKind = 'staff' | 'contact';

export type Participant = {
  id: string;
  kind: ParticipantKind;
  staffId: string | null;
  contactId: string | null;
  name: string;
  initials: string;
  contactKind: ContactKind | null;
  joinedAt: string;
  leftAt: string | null;
};

export type ArchivedReason = 'matter_closed' | 'engagement_ended';

export type MatterRef = Pick<Matter, 'id' | 'number' | 'title'>;

export type Conversation = {
  id: string;
  kind: ConversationKind;
  matterId: string | null;
  matter: MatterRef | null;
  /** The name given when it was created (channels always have one); `title` is what to show. */
  name: string | null;
  title: string;
  requireMfa: boolean;
  archivedAt: string | null;
  archivedReason: ArchivedReason | null;
  createdAt: string;
  lastMessageAt: string | null;
  participants: Participant[];
  /** Whether the signed-in staff member is a current participant. */
  joined: boolean;
  unreadCount: number;
};

/** How a message reached Confer. */
export type MessageVia = 'app' | 'portal' | 'sms' | 'quick_link' | 'outlook';

export type MessageAuthor = {
  kind: ParticipantKind;
  id: string;
  name: string;
  initials: string;
};

export type ReadReceipt = {
  participantId: string;
  name: string;
  initials: string;
};

/**
 * Messages name their readers in conversations of at most this many participants; in larger
 * ones they carry only `readCount`, and `getReaders` lists the names on demand.
 */
export const READERS_LISTED_UP_TO = 20;

export type Message = {
  id: string;
  conversationId: string;
  /** Increases with every message: order by it, compare read positions with it. Not necessarily contiguous within a conversation. */
  seq: number;
  author: MessageAuthor;
  /** Plain text; `[text](url)` is the only markup. Never render it as HTML. */
  body: string;
  via: MessageVia;
  createdAt: string;
  editedAt: string | null;
  pinnedAt: string | null;
  pinnedBy: { id: string; name: string } | null;
  /**
   * Participants other than the author who have read this message, by name; null in
   * conversations of more than READERS_LISTED_UP_TO participants (see `readCount`).
   */
  readBy: ReadReceipt[] | null;
  /** How many participants other than the author have read it. */
  readCount: number;
  /** Attached files (copies of fixed versions). */
  files?: FileRef[];
  /** A comment on a file (or a notice) refers to its document. */
  aboutDocument?: { id: string; name: string } | null;
  /** Not something said but an announcement about `aboutDocument`: shared live, or a new version. */
  notice?: MessageNotice | null;
};

/** A document shared live into the conversation, or a new version of a shared document (`version`). */
export type MessageNotice = {
  kind: 'document_shared' | 'document_updated';
  documentId: string;
  version: number | null;
};

export type MessageRevision = {
  revision: number;
  body: string;
  replacedAt: string;
};

export type MessageRevisions = {
  current: Message;
  items: MessageRevision[];
};

export type CreateChannelInput = { kind: 'channel'; name: string; staffIds?: string[] };
export type CreateDirectInput = { kind: 'direct'; staffIds: string[] };
export type CreateInternalMatterConversationInput = {
  kind: 'internal_matter';
  matterId: string;
  name?: string;
  staffIds?: string[];
};
export type CreateExternalMatterConversationInput = {
  kind: 'external_matter';
  matterId: string;
  contactIds: string[];
  staffIds?: string[];
  name?: string;
  requireMfa?: boolean;
};

export type CreateConversationInput =
  | CreateChannelInput
  | CreateDirectInput
  | CreateInternalMatterConversationInput
  | CreateExternalMatterConversationInput;

export type UpdateConversationInput = { name: string };

export type AddParticipantsInput = { staffIds?: string[]; contactIds?: string[] };

export type ListConversationsQuery = { kind?: ConversationKind };

export type ListChannelsQuery = { q?: string; limit?: number };

/** `before` pages back from a cursor; `around` centres the page on a message's `seq`. */
export type ListMessagesQuery = { before?: string; around?: number; limit?: number };

export type SendMessageInput = {
  body: string;
  /** Matter documents to attach: their current versions are sent as copies. `body` may then be ''. */
  documentIds?: string[];
};

export type EditMessageInput = { body: string };

export type MarkReadInput = { seq: number };

export type UnreadCounts = { unreadCount: number; total: number };

export type UnreadConversation = {
  conversationId: string;
  matterId: string | null;
  kind: ConversationKind;
  unread: number;
};

export type UnreadSummary = {
  total: number;
  conversations: UnreadConversation[];
};

export type SnippetSegment = { text: string; match: boolean };

export type SearchResult = {
  message: Message;
  conversation: { id: string; kind: ConversationKind; title: string; matterId: string | null };
  snippet: SnippetSegment[];
};

export type SearchMessagesQuery = { q: string; before?: string; limit?: number };

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
  | { type: 'resync'; data: Record<string, never> };

export type LiveEventType = LiveEvent['type'];

/** One field-level validation error inside a problem document. */
export type ProblemFieldError = {
  location: string;
  field: string;
  message: string;
};

/** RFC 9457 problem document as returned by the API. */
export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
};

// ---------------------------------------------------------------------------------------------
// Files and documents

/** A file attached to a message: one fixed version of a document. */
export type FileRef = {
  versionId: string;
  documentId: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
};

/** Where a matter document came from. */
export type DocumentSource = 'staff' | 'outlook' | 'portal' | 'export';

export type DocumentVersion = {
  id: string;
  version: number;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  createdAt: string;
};

export type MatterDocument = {
  id: string;
  matterId: string | null;
  name: string;
  source: DocumentSource;
  createdAt: string;
  updatedAt: string;
  latest: DocumentVersion;
  versionCount: number;
};

// ---------------------------------------------------------------------------------------------
// Outlook

/** What an open email means in Confer (GET /outlook/email-context). */
export type EmailContext = {
  /** Active contacts among the sender and recipients. */
  contacts: Contact[];
  /** Addresses that match no contact (lower case). */
  unknownEmails: string[];
  /** Their matters the caller may see (open first), with the matched contacts and the conversations. */
  matters: Array<{ matter: Matter; contactIds: string[]; conversations: Conversation[] }>;
};
