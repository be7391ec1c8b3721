import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  integer,
  boolean,
  char,
  date,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Every table carries firm_id, and the primary and foreign keys of tables that will be
 * distributed by firm include it, so one firm's rows stay together when sharded.
 */

/** clock_timestamp(), not now(): rows made in one transaction still sort in creation order. */
const createdAt = () =>
  timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`clock_timestamp()`);
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A 64-bit transaction id (PostgreSQL 13+), read as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

export const staffRole = pgEnum('staff_role', ['admin', 'staff']);
export const contactKind = pgEnum('contact_kind', ['client', 'third_party']);
export const matterStatus = pgEnum('matter_status', ['open', 'closed']);

export const firms = pgTable(
  'firms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    country: char('country', { length: 2 }).notNull(),
    entraTenantId: uuid('entra_tenant_id'),
    smsSenderNumber: text('sms_sender_number'),
    smsAllowedCountries: text('sms_allowed_countries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Minutes a client has to see a new message in the portal before it is emailed to them. */
    unseenEmailDelayMinutes: integer('unseen_email_delay_minutes').notNull().default(15),
    /** IANA time zone the firm's documents show times in (the conversation record). */
    timeZone: text('time_zone').notNull().default('UTC'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('firms_entra_tenant_id_key').on(t.entraTenantId)],
);

export const staff = pgTable(
  'staff',
  {
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    id: uuid('id').notNull().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    objectId: uuid('object_id'),
    name: text('name').notNull(),
    initials: text('initials').notNull(),
    email: text('email').notNull(),
    role: staffRole('role').notNull().default('staff'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('staff_tenant_object_key').on(t.tenantId, t.objectId, t.firmId),
    uniqueIndex('staff_firm_email_key').on(t.firmId, sql`lower(${t.email})`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    kind: contactKind('kind').notNull().default('client'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('contacts_firm_name_idx').on(t.firmId, t.name, t.id),
    index('contacts_email_idx').on(sql`lower(${t.email})`),
  ],
);

export const matters = pgTable(
  'matters',
  {
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    id: uuid('id').notNull().defaultRandom(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    status: matterStatus('status').notNull().default('open'),
    restricted: boolean('restricted').notNull().default(false),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('matters_firm_number_key').on(t.firmId, sql`lower(${t.number})`),
    index('matters_firm_created_idx').on(t.firmId, t.createdAt, t.id),
  ],
);

export const matterAccess = pgTable(
  'matter_access',
  {
    firmId: uuid('firm_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.staffId] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ columns: [t.firmId, t.staffId], foreignColumns: [staff.firmId, staff.id] }),
  ],
);

export const matterContacts = pgTable(
  'matter_contacts',
  {
    firmId: uuid('firm_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    createdAt: createdAt(),
    /** "End engagement": from then on the contact no longer sees the matter's events, forms and invoices. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.matterId, t.contactId] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({
      columns: [t.firmId, t.contactId],
      foreignColumns: [contacts.firmId, contacts.id],
    }),
    index('matter_contacts_contact_idx').on(t.firmId, t.contactId),
  ],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    firmId: uuid('firm_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    targetKind: text('target_kind'),
    targetId: text('target_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_firm_at_idx').on(t.firmId, t.at)],
);

export const conversationKind = pgEnum('conversation_kind', [
  'external_matter',
  'internal_matter',
  'direct',
  'channel',
]);
export const archivedReason = pgEnum('archived_reason', ['matter_closed', 'engagement_ended']);
export const messageVia = pgEnum('message_via', ['app', 'portal', 'sms', 'quick_link', 'outlook']);
/** Why a participant left: by choice, removed by staff, or their engagement on the matter ended. */
export const participantLeftReason = pgEnum('participant_left_reason', ['left', 'removed', 'engagement_ended']);
/** A message that announces something about a document rather than saying something. */
export const messageNotice = pgEnum('message_notice', ['document_shared', 'document_updated']);

/** Conversations are archived, never dropped. */
export const conversations = pgTable(
  'conversations',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: conversationKind('kind').notNull(),
    matterId: uuid('matter_id'),
    name: text('name'),
    requireMfa: boolean('require_mfa').notNull().default(true),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedReason: archivedReason('archived_reason'),
    createdByStaffId: uuid('created_by_staff_id'),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /** When `channel.activity` was last announced for this channel (at most once per 2 s). */
    activityAnnouncedAt: timestamp('activity_announced_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    index('conversations_matter_idx').on(t.firmId, t.matterId),
    index('conversations_kind_activity_idx').on(t.firmId, t.kind, t.lastMessageAt),
    uniqueIndex('conversations_channel_name_key')
      .on(t.firmId, sql`lower(${t.name})`)
      .where(sql`${t.kind} = 'channel'`),
  ],
);

/** Staff or contact in a conversation. Leaving sets left_at; rows are never removed. */
export const participants = pgTable(
  'participants',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    conversationId: uuid('conversation_id').notNull(),
    staffId: uuid('staff_id'),
    contactId: uuid('contact_id'),
    joinedAt: timestamp('joined_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    leftAt: timestamp('left_at', { withTimezone: true }),
    /**
     * Why they left. A contact who left because their engagement ended keeps reading the
     * conversation as it was until left_at (read-only); anyone else who left sees nothing.
     */
    leftReason: participantLeftReason('left_reason'),
    /** seq of the newest message this participant has read (0: none). */
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.conversationId], foreignColumns: [conversations.firmId, conversations.id] }),
    uniqueIndex('participants_staff_key')
      .on(t.firmId, t.conversationId, t.staffId)
      .where(sql`${t.staffId} is not null`),
    uniqueIndex('participants_contact_key')
      .on(t.firmId, t.conversationId, t.contactId)
      .where(sql`${t.contactId} is not null`),
    // listParticipants and listEventRecipients look up a conversation's people (every send,
    // open and search): the partial unique keys above cannot serve a lookup by conversation.
    index('participants_conversation_idx').on(t.firmId, t.conversationId),
    index('participants_staff_idx').on(t.firmId, t.staffId),
    index('participants_contact_idx').on(t.firmId, t.contactId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** Global order; per conversation it orders messages and read state. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    conversationId: uuid('conversation_id').notNull(),
    authorStaffId: uuid('author_staff_id'),
    authorContactId: uuid('author_contact_id'),
    body: text('body').notNull(),
    via: messageVia('via').notNull().default('app'),
    idempotencyKey: text('idempotency_key'),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    pinnedByStaffId: uuid('pinned_by_staff_id'),
    /** A comment on a file: the document it refers to. */
    aboutDocumentId: uuid('about_document_id'),
    /** A reply by text: the message last texted to that number, which it answers. */
    inReplyToMessageId: uuid('in_reply_to_message_id'),
    /** An announcement (document shared live, new version) about about_document_id; body says it in words. */
    notice: messageNotice('notice'),
    /** For document_updated: the version number announced. */
    noticeVersion: integer('notice_version'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.conversationId], foreignColumns: [conversations.firmId, conversations.id] }),
    index('messages_about_document_idx')
      .on(t.firmId, t.aboutDocumentId)
      .where(sql`${t.aboutDocumentId} is not null`),
    index('messages_conversation_seq_idx').on(t.firmId, t.conversationId, t.seq),
    uniqueIndex('messages_idempotency_key')
      .on(t.firmId, sql`coalesce(${t.authorStaffId}, ${t.authorContactId})`, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('messages_conversation_pinned_idx')
      .on(t.firmId, t.conversationId, t.pinnedAt)
      .where(sql`${t.pinnedAt} is not null`),
    index('messages_search_idx').using('gin', sql`to_tsvector('simple', ${t.body})`),
    // search's window of a firm's newest messages (never an ordered walk: see search/repository)
    index('messages_firm_seq_idx').on(t.firmId, t.seq),
  ],
);

/** Every earlier text of an edited message. */
export const messageRevisions = pgTable(
  'message_revisions',
  {
    firmId: uuid('firm_id').notNull(),
    messageId: uuid('message_id').notNull(),
    revision: integer('revision').notNull(),
    body: text('body').notNull(),
    /** When this text was replaced. */
    replacedAt: timestamp('replaced_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.messageId, t.revision] }),
    foreignKey({ columns: [t.firmId, t.messageId], foreignColumns: [messages.firmId, messages.id] }),
  ],
);

export const recordEntryKind = pgEnum('record_entry_kind', ['message', 'revision', 'attachment', 'acknowledgement']);

/**
 * A conversation's tamper-evident record: a hash chain with one entry per message (as first
 * sent), edit and attached file, appended by AFTER INSERT triggers (migration 0019) in the
 * transaction that records them. `fields` are the hash's inputs (ids, author, SHA-256 of the
 * text, times, file SHA-256, all text); hash = SHA-256 of confer_record_canonical(position,
 * kind, prev_hash, fields). Never updated or deleted (the app role may only read and add).
 */
export const recordEntries = pgTable(
  'record_entries',
  {
    firmId: uuid('firm_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    /** 1, 2, 3 … within the conversation. */
    position: integer('position').notNull(),
    kind: recordEntryKind('kind').notNull(),
    messageId: uuid('message_id').notNull(),
    /** The message, or for a file the document version. */
    subjectId: uuid('subject_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fields: jsonb('fields').$type<Record<string, string | null>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.conversationId, t.position] }),
    foreignKey({
      name: 'record_entries_conversation_fk',
      columns: [t.firmId, t.conversationId],
      foreignColumns: [conversations.firmId, conversations.id],
    }),
    index('record_entries_message_idx').on(t.firmId, t.messageId),
  ],
);

/**
 * The real-time event log: each row is addressed to staff and/or contacts (or every staff
 * member of the firm). Rows of one firm get ids in commit order (publishers take a per-firm
 * advisory lock), so replay by Last-Event-ID has no gaps and no duplicates.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    firmId: uuid('firm_id').notNull(),
    type: text('type').notNull(),
    conversationId: uuid('conversation_id'),
    staffIds: uuid('staff_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    contactIds: uuid('contact_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    allStaff: boolean('all_staff').notNull().default(false),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /**
     * The writing transaction. A firm's stream is ordered by (xid, id) and readers deliver only
     * events below their snapshot's xmin, so delivery never runs ahead of a transaction still
     * in flight (see realtime/events-repository.ts).
     */
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), index('events_firm_position_idx').on(t.firmId, t.xid, t.id)],
);

export const documentSource = pgEnum('document_source', ['staff', 'outlook', 'portal', 'export']);

/**
 * A file kept by the firm. Matter documents have a matter; files attached in direct messages
 * and channels do not. Its bytes live in versions; nothing is ever removed.
 */
export const documents = pgTable(
  'documents',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id'),
    name: text('name').notNull(),
    source: documentSource('source').notNull(),
    /** Listed on the matter's documents (false for files attached outside a matter). */
    onMatter: boolean('on_matter').notNull().default(true),
    createdByStaffId: uuid('created_by_staff_id'),
    createdByContactId: uuid('created_by_contact_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    index('documents_matter_idx').on(t.firmId, t.matterId, t.createdAt),
  ],
);

/** Immutable bytes: a blob with a server-generated name, its size, SHA-256 and detected type. */
export const documentVersions = pgTable(
  'document_versions',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    blobName: text('blob_name').notNull(),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    contentType: text('content_type').notNull(),
    uploadedByStaffId: uuid('uploaded_by_staff_id'),
    uploadedByContactId: uuid('uploaded_by_contact_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.documentId], foreignColumns: [documents.firmId, documents.id] }),
    uniqueIndex('document_versions_number_key').on(t.firmId, t.documentId, t.version),
  ],
);

/** A file sent with a message: a fixed version (a copy), unaffected by later versions. */
export const attachments = pgTable(
  'attachments',
  {
    firmId: uuid('firm_id').notNull(),
    messageId: uuid('message_id').notNull(),
    documentVersionId: uuid('document_version_id').notNull(),
    position: integer('position').notNull(),
    conversationId: uuid('conversation_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.messageId, t.documentVersionId] }),
    foreignKey({ columns: [t.firmId, t.messageId], foreignColumns: [messages.firmId, messages.id] }),
    foreignKey({
      columns: [t.firmId, t.documentVersionId],
      foreignColumns: [documentVersions.firmId, documentVersions.id],
    }),
    index('attachments_conversation_idx').on(t.firmId, t.conversationId),
    index('attachments_version_idx').on(t.firmId, t.documentVersionId),
  ],
);

export const filePreviewState = pgEnum('file_preview_state', ['pending', 'ready', 'failed']);

/**
 * A version's thumbnail (images) or first-page preview (PDFs): pending from the upload's
 * transaction until the make-file-preview job renders it beside the file's blob
 * (`<blob>.preview`), or fails with a reason. Files of other types have no row.
 */
export const filePreviews = pgTable(
  'file_previews',
  {
    firmId: uuid('firm_id').notNull(),
    versionId: uuid('version_id').notNull(),
    state: filePreviewState('state').notNull().default('pending'),
    blobName: text('blob_name'),
    contentType: text('content_type'),
    width: integer('width'),
    height: integer('height'),
    size: integer('size'),
    /** Why there is none: unreadable, too_many_pixels, too_large, timed_out, gave_up. */
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.versionId] }),
    foreignKey({
      name: 'file_previews_version_fk',
      columns: [t.firmId, t.versionId],
      foreignColumns: [documentVersions.firmId, documentVersions.id],
    }),
    index('file_previews_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/** A live share of a matter document into a conversation: always the latest version, until revoked. */
export const shares = pgTable(
  'shares',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    documentId: uuid('document_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    sharedByStaffId: uuid('shared_by_staff_id').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByStaffId: uuid('revoked_by_staff_id'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.documentId], foreignColumns: [documents.firmId, documents.id] }),
    foreignKey({ columns: [t.firmId, t.conversationId], foreignColumns: [conversations.firmId, conversations.id] }),
    index('shares_conversation_idx').on(t.firmId, t.conversationId),
  ],
);

/**
 * Blobs being written by an upload that has not finished. A successful upload removes its
 * rows; the sweep job deletes the staged blocks of rows left behind by failed uploads.
 */
export const pendingUploads = pgTable(
  'pending_uploads',
  {
    firmId: uuid('firm_id').notNull(),
    blobName: text('blob_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    /** Touched while the upload's request is alive: a row left untouched belongs to a dead upload. */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.blobName] }), index('pending_uploads_active_idx').on(t.lastActiveAt)],
);

/** A contact's personal link: only the SHA-256 of the token is stored. */
export const secureLinks = pgTable(
  'secure_links',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    /** The conversation the link leads to (null: the portal home). */
    conversationId: uuid('conversation_id'),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('secure_links_token_hash_key').on(t.tokenHash, t.firmId),
    index('secure_links_contact_idx').on(t.firmId, t.contactId),
  ],
);

/**
 * One sign-in attempt from a link: the browser holds the attempt token, the server holds its
 * hash and the hash of the one-time code it emailed. Codes work once, for 10 minutes, and
 * only with the attempt that requested them.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    secureLinkId: uuid('secure_link_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    attemptHash: text('attempt_hash').notNull(),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    codeSentAt: timestamp('code_sent_at', { withTimezone: true }),
    codesSent: integer('codes_sent').notNull().default(0),
    wrongTries: integer('wrong_tries').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('sign_in_attempts_hash_key').on(t.attemptHash, t.firmId),
    index('sign_in_attempts_link_idx').on(t.firmId, t.secureLinkId, t.createdAt),
  ],
);

/** Failed code entries, counted per contact per hour for the second lockout. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    firmId: uuid('firm_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    contactId: uuid('contact_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('sign_in_failures_contact_idx').on(t.firmId, t.contactId, t.at),
  ],
);

/** A portal session: the cookie carries the id, the table only its SHA-256. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sessionHash: text('session_hash').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** SHA-256 of the session's CSRF token (which is derived from the session id). */
    csrfToken: text('csrf_token').notNull(),
    /** Set when the link's conversation needs no code: the session sees only it. */
    scopeConversationId: uuid('scope_conversation_id'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('portal_sessions_hash_key').on(t.sessionHash, t.firmId),
    index('portal_sessions_contact_idx').on(t.firmId, t.contactId),
  ],
);

/**
 * A contact's passkey (WebAuthn credential), registered after a code sign-in: with the secure
 * link it replaces the emailed code. Removed by the client or revoked by staff, it keeps its
 * row with `removed_at` and who removed it.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    /** The credential id, base64url, as the authenticator gave it. */
    credentialId: text('credential_id').notNull(),
    /** The COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** `singleDevice` or `multiDevice` (synced). */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** `contact` (removed in the portal) or `staff` (revoked from the staff app). */
    removedByKind: text('removed_by_kind'),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('passkeys_credential_key').on(t.firmId, t.credentialId),
    index('passkeys_contact_idx').on(t.firmId, t.contactId),
  ],
);

/**
 * A WebAuthn challenge, kept as its SHA-256: bound to the session that asked to register a
 * passkey or to the secure link that asked to sign in with one; 5 minutes, used once.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    /** `register` or `sign_in`. */
    purpose: text('purpose').notNull(),
    challengeHash: text('challenge_hash').notNull(),
    sessionId: uuid('session_id'),
    secureLinkId: uuid('secure_link_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('passkey_challenges_hash_key').on(t.firmId, t.challengeHash),
    index('passkey_challenges_link_idx').on(t.firmId, t.secureLinkId, t.createdAt),
  ],
);

/** When a contact first opened a shared document (for To Do). */
export const shareViews = pgTable(
  'share_views',
  {
    firmId: uuid('firm_id').notNull(),
    shareId: uuid('share_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.shareId, t.contactId] })],
);

/** Requests for a new link, per email and per address, for rate limiting. */
export const linkRequests = pgTable(
  'link_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Not a firm's row: the request names no firm. */
    firmId: uuid('firm_id'),
    emailHash: text('email_hash').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('link_requests_email_idx').on(t.emailHash, t.at), index('link_requests_ip_idx').on(t.ip, t.at)],
);

export const outboxChannel = pgEnum('outbox_channel', ['email', 'sms']);

/**
 * Every email and text Confer sends, and the source of truth for sending it: a row is
 * written in the transaction of the change that causes it, with a pg-boss job; the job hands
 * it to the provider (ACS, or in embedded mode this table itself) and records the outcome.
 *
 * The content (subject, text, HTML) is sealed with AES-256-GCM under a key kept outside the
 * database, because it carries links and one-time codes: a database dump reveals addresses
 * and kinds, never content. In embedded mode this table is the transport (read at
 * /dev/outbox and /dev/phone); with ACS the content is wiped once sent.
 *
 * status: pending → sending → sent → delivered, or failed (with a reason); texts that are
 * never sent are refused (with a reason) or opted_out. A status never moves backwards.
 */
export const outbox = pgTable(
  'outbox',
  {
    firmId: uuid('firm_id'),
    id: uuid('id').notNull().defaultRandom(),
    channel: outboxChannel('channel').notNull(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address'),
    kind: text('kind').notNull(),
    sealed: text('sealed'),
    status: text('status').notNull().default('pending'),
    /** A stable code for why it was refused, blocked or failed, e.g. `country_not_allowed`. */
    statusReason: text('status_reason'),
    /** The same in words, for staff (never message content). */
    statusDetail: text('status_detail'),
    providerMessageId: text('provider_message_id'),
    /**
     * The delivery report that decided the status (ACS `deliveryStatus`, as sent) and its time
     * (the report's `receivedTimestamp`, or its latest attempt): later reports are weighed
     * against it, so reports applied out of order cannot undo a newer one.
     */
    providerStatus: text('provider_status'),
    providerStatusAt: timestamp('provider_status_at', { withTimezone: true }),
    /** Texts of a conversation message: who, where and which message. */
    contactId: uuid('contact_id'),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    attempts: integer('attempts').notNull().default(0),
    /** The first hand-over to the provider (SMS repeatability: the same on every retry). */
    firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true }),
    /** While `sending`: a crashed sender's claim lapses at this time. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** When the sweep may re-enqueue it if it is still not sent (null: created_at + the stale delay). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    primaryKey({ columns: [t.id] }),
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index('outbox_message_idx')
      .on(t.firmId, t.messageId)
      .where(sql`${t.messageId} is not null`),
    index('outbox_sms_to_idx')
      .on(t.toAddress, t.createdAt)
      .where(sql`${t.channel} = 'sms'`),
    index('outbox_provider_message_idx')
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    // The inbox's "SMS failed" marker: the newest text of a conversation.
    index('outbox_conversation_sms_idx')
      .on(t.firmId, t.conversationId, t.createdAt)
      .where(sql`${t.channel} = 'sms' and ${t.conversationId} is not null`),
  ],
);

/**
 * A quick-reply link in a text: unique to the recipient and the message, only its SHA-256
 * stored. Without signing in it shows the last few messages and takes a reply.
 */
export const quickReplyLinks = pgTable(
  'quick_reply_links',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    contactId: uuid('contact_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    messageId: uuid('message_id').notNull(),
    outboxId: uuid('outbox_id'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('quick_reply_links_token_hash_key').on(t.tokenHash, t.firmId),
    foreignKey({ columns: [t.firmId, t.conversationId], foreignColumns: [conversations.firmId, conversations.id] }),
  ],
);

/**
 * Numbers that texted STOP (and friends). A property of the phone number across the
 * deployment, not of one firm: no firm texts a number that asked to stop. `changedAt` is
 * when the keyword was sent, so a late, older keyword never undoes a newer one.
 */
export const smsOptOuts = pgTable('sms_opt_outs', {
  phoneNumber: text('phone_number').primaryKey(),
  /** The firm whose number received the latest keyword, when it could be told. */
  firmId: uuid('firm_id'),
  optedOut: boolean('opted_out').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .default(sql`clock_timestamp()`),
});

/**
 * Event Grid deliveries from ACS, one row per event id (so a redelivered event is stored,
 * and takes effect, once). The event data (numbers, texts) is sealed like the outbox.
 * Not a firm's row until processed: the firm is found from the event.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    firmId: uuid('firm_id'),
    type: text('type').notNull(),
    sealed: text('sealed').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** What processing did, e.g. `routed`, `unrouted`, `opted_out`, `status_updated`. */
    outcome: text('outcome'),
  },
  (t) => [
    index('webhook_events_unprocessed_idx')
      .on(t.receivedAt)
      .where(sql`${t.processedAt} is null`),
  ],
);

/**
 * Texts from clients that could not be routed to exactly one conversation: kept for the
 * firm's admins to assign, never dropped.
 */
export const unroutedSms = pgTable(
  'unrouted_sms',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    eventId: text('event_id').notNull(),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
    body: text('body').notNull(),
    /** `ambiguous` (texted from several conversations), `not_texted`, `conversation_closed`. */
    reason: text('reason').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    assignedByStaffId: uuid('assigned_by_staff_id'),
    assignedConversationId: uuid('assigned_conversation_id'),
    assignedMessageId: uuid('assigned_message_id'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('unrouted_sms_event_key').on(t.firmId, t.eventId),
    index('unrouted_sms_firm_created_idx').on(t.firmId, t.createdAt),
  ],
);

/**
 * Text replies held while the sender chooses their matter (issue 13, item 6): a reply from a
 * number that several open conversations of one firm texted recently. The first held text
 * opens the hold (`hold_id = id`) and carries the numbered list texted to the sender
 * (`candidates`, in list order); later texts of the hold copy its candidates and expiry. A
 * reply with a number routes every text of the hold into that conversation; STOP or expiry
 * (24 hours) moves them to `unrouted_sms`. Rows are closed, never deleted.
 */
export const heldSmsReplies = pgTable(
  'held_sms_replies',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    holdId: uuid('hold_id').notNull(),
    /** The webhook event that delivered the text (the dedupe key, like `unrouted_sms`). */
    eventId: text('event_id').notNull(),
    /** ACS's id of the inbound text. */
    providerMessageId: text('provider_message_id').notNull(),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
    body: text('body').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** The conversations offered, in list order (reply 1 is the first). */
    candidates: uuid('candidates').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** On the hold's first row: the list texted, and when it was texted again (at most once). */
    listOutboxId: uuid('list_outbox_id'),
    listResentAt: timestamp('list_resent_at', { withTimezone: true }),
    /** `held`, `routed` (posted in `conversation_id` as `message_id`), `unrouted`. */
    state: text('state').notNull().default('held'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** `chosen`, `conversation_closed`, `expired`, `opted_out`. */
    closedReason: text('closed_reason'),
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('held_sms_replies_event_key').on(t.firmId, t.eventId),
    uniqueIndex('held_sms_replies_open_hold_key')
      .on(t.firmId, t.fromNumber, t.toNumber)
      .where(sql`${t.state} = 'held' and ${t.id} = ${t.holdId}`),
    index('held_sms_replies_open_idx')
      .on(t.fromNumber, t.toNumber)
      .where(sql`${t.state} = 'held'`),
    index('held_sms_replies_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.state} = 'held'`),
  ],
);

/**
 * New-message emails, batched per person: the first unseen message opens a batch due after
 * the firm's delay; when it is due, one email covers everything still unseen (none if all
 * was seen). At most one open batch per contact.
 */
export const unseenEmailBatches = pgTable(
  'unseen_email_batches',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    /** The seq of the message that opened the batch: older messages are not in it. */
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** `emailed`, `seen` (nothing left unseen), `skipped` (no email address, disabled). */
    outcome: text('outcome'),
    outboxId: uuid('outbox_id'),
    /** Held for the contact's daily digest: when due it becomes one digest email (migration 0026). */
    digest: boolean('digest').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('unseen_email_batches_open_key')
      .on(t.firmId, t.contactId)
      .where(sql`${t.closedAt} is null`),
    index('unseen_email_batches_due_idx')
      .on(t.dueAt)
      .where(sql`${t.closedAt} is null`),
  ],
);

/** An appointment on a matter (a meeting, a call, a hearing), with contacts invited to it. */
export const matterEvents = pgTable(
  'matter_events',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** IANA zone the event is described in (emails state the time there). */
    timeZone: text('time_zone').notNull(),
    location: text('location'),
    videoUrl: text('video_url'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdByStaffId: uuid('created_by_staff_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    index('matter_events_matter_idx').on(t.firmId, t.matterId, t.startsAt),
  ],
);

export const matterEventAttendees = pgTable(
  'matter_event_attendees',
  {
    firmId: uuid('firm_id').notNull(),
    eventId: uuid('event_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.eventId, t.contactId] }),
    foreignKey({ columns: [t.firmId, t.eventId], foreignColumns: [matterEvents.firmId, matterEvents.id] }),
    foreignKey({ columns: [t.firmId, t.contactId], foreignColumns: [contacts.firmId, contacts.id] }),
    index('matter_event_attendees_contact_idx').on(t.firmId, t.contactId),
  ],
);

export type TFormFieldDefinition = {
  key: string;
  label: string;
  type: 'short_text' | 'long_text' | 'date' | 'choice' | 'checkbox' | 'file';
  required: boolean;
  options?: string[];
  help?: string;
};
export type TFormAnswers = Record<string, string | boolean | { fileIds: string[] }>;

/** An intake form the firm sends to clients. Its fields never change once made. */
export const forms = pgTable(
  'forms',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    fields: jsonb('fields').$type<TFormFieldDefinition[]>().notNull(),
    createdByStaffId: uuid('created_by_staff_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), index('forms_firm_created_idx').on(t.firmId, t.createdAt)],
);

export const formRequestStatus = pgEnum('form_request_status', ['sent', 'draft', 'submitted']);

/** A form sent to one contact on one matter: their draft or submitted answers. */
export const formRequests = pgTable(
  'form_requests',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    formId: uuid('form_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    status: formRequestStatus('status').notNull().default('sent'),
    answers: jsonb('answers')
      .$type<TFormAnswers>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    sentByStaffId: uuid('sent_by_staff_id'),
    sentAt: timestamp('sent_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
    draftSavedAt: timestamp('draft_saved_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The matter documents written on submission: the answers as PDF and as CSV. */
    pdfDocumentId: uuid('pdf_document_id'),
    csvDocumentId: uuid('csv_document_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.formId], foreignColumns: [forms.firmId, forms.id] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ columns: [t.firmId, t.contactId], foreignColumns: [contacts.firmId, contacts.id] }),
    foreignKey({ columns: [t.firmId, t.pdfDocumentId], foreignColumns: [documents.firmId, documents.id] }),
    foreignKey({ columns: [t.firmId, t.csvDocumentId], foreignColumns: [documents.firmId, documents.id] }),
    index('form_requests_matter_idx').on(t.firmId, t.matterId, t.sentAt),
    index('form_requests_contact_idx').on(t.firmId, t.contactId, t.sentAt),
  ],
);

/** Files a contact uploaded for a form's file fields (off the matter until the form is submitted). */
export const formRequestFiles = pgTable(
  'form_request_files',
  {
    firmId: uuid('firm_id').notNull(),
    formRequestId: uuid('form_request_id').notNull(),
    documentVersionId: uuid('document_version_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.formRequestId, t.documentVersionId] }),
    foreignKey({ columns: [t.firmId, t.formRequestId], foreignColumns: [formRequests.firmId, formRequests.id] }),
    foreignKey({
      columns: [t.firmId, t.documentVersionId],
      foreignColumns: [documentVersions.firmId, documentVersions.id],
    }),
  ],
);

export const invoiceStatus = pgEnum('invoice_status', ['outstanding', 'paid']);

/** A bill on a matter; the amount in the currency's minor units (pence, cents, yen). */
export const invoices = pgTable(
  'invoices',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    number: text('number').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: invoiceStatus('status').notNull().default('outstanding'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** The matter document holding the invoice PDF. */
    documentId: uuid('document_id'),
    paymentUrl: text('payment_url'),
    createdByStaffId: uuid('created_by_staff_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({ columns: [t.firmId, t.matterId], foreignColumns: [matters.firmId, matters.id] }),
    foreignKey({ columns: [t.firmId, t.documentId], foreignColumns: [documents.firmId, documents.id] }),
    uniqueIndex('invoices_matter_number_key').on(t.firmId, t.matterId, t.number),
  ],
);

/**
 * Idempotency-Key records of creating requests (see http/idempotency.ts): written in the
 * transaction of what the request created, with the response a retry gets back. Kept at least
 * 24 hours; the sweep removes older ones (the things they created stay).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    firmId: uuid('firm_id').notNull(),
    /** `staff:<id>` or `contact:<id>`: keys are per caller. */
    actor: text('actor').notNull(),
    key: text('key').notNull(),
    /** Method and route template, e.g. `POST /api/v1/matters`. */
    route: text('route').notNull(),
    /** SHA-256 of the canonical request (params, query, body; for uploads fields and files). */
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    /** The JSON sent the first time, exactly; null for no content. */
    response: text('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.actor, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/**
 * A message marked "needs acknowledgement by" (`read`) or "needs a reply by" (`reply`): the
 * first acknowledgement is kept (who, when, how) and never replaced. See 0023_acknowledge_by.
 */
export const acknowledgementRequests = pgTable(
  'acknowledgement_requests',
  {
    firmId: uuid('firm_id').notNull(),
    messageId: uuid('message_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    kind: text('kind').$type<'read' | 'reply'>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    requestedByStaffId: uuid('requested_by_staff_id').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByContactId: uuid('acknowledged_by_contact_id'),
    /** `portal` or `quick_link` ("I have read this"), `reply` (a client's reply answered it). */
    acknowledgedVia: text('acknowledged_via').$type<'portal' | 'quick_link' | 'reply'>(),
    replyMessageId: uuid('reply_message_id'),
    /** The author closed the deadline's task on the staff inbox. */
    taskClosedAt: timestamp('task_closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.messageId] }),
    foreignKey({
      name: 'acknowledgement_requests_message_fk',
      columns: [t.firmId, t.messageId],
      foreignColumns: [messages.firmId, messages.id],
    }),
    index('acknowledgement_requests_open_idx')
      .on(t.firmId, t.conversationId)
      .where(sql`${t.acknowledgedAt} is null`),
    index('acknowledgement_requests_author_idx')
      .on(t.firmId, t.requestedByStaffId, t.dueAt)
      .where(sql`${t.acknowledgedAt} is null and ${t.taskClosedAt} is null`),
  ],
);

/** The reminder steps of an acknowledgement request, each with its time and what was done. */
export const acknowledgementSteps = pgTable(
  'acknowledgement_steps',
  {
    firmId: uuid('firm_id').notNull(),
    messageId: uuid('message_id').notNull(),
    /** `halfway` (portal + email), `late` (80%: SMS where allowed), `deadline` (the author's task). */
    step: text('step').$type<'halfway' | 'late' | 'deadline'>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** `reminded`, `texted`, `held_for_quiet_hours`, `no_one_to_text`, `task_created`, `cancelled` (acknowledged first). */
    outcome: text('outcome'),
    /** Counts, in words for staff (never message text). */
    detail: text('detail'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.messageId, t.step] }),
    foreignKey({
      name: 'acknowledgement_steps_request_fk',
      columns: [t.firmId, t.messageId],
      foreignColumns: [acknowledgementRequests.firmId, acknowledgementRequests.messageId],
    }),
    index('acknowledgement_steps_due_idx')
      .on(t.dueAt)
      .where(sql`${t.doneAt} is null`),
  ],
);

/**
 * A device a contact signed in to the portal from (migration 0025): the SHA-256 of its
 * long-lived random cookie, a short browser summary, the last country and every country seen.
 */
export const portalDevices = pgTable(
  'portal_devices',
  {
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    deviceHash: text('device_hash').notNull(),
    userAgent: text('user_agent').notNull(),
    country: text('country'),
    countries: text('countries')
      .array()
      .notNull()
      .default(sql`'{}'`),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.contactId, t.deviceHash] }),
    foreignKey({
      name: 'portal_devices_contact_fk',
      columns: [t.firmId, t.contactId],
      foreignColumns: [contacts.firmId, contacts.id],
    }),
  ],
);

/** A sign-in from a new device or country, shown to staff in the contact's conversations (never to the client). */
export const deviceAlerts = pgTable(
  'device_alerts',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    deviceHash: text('device_hash').notNull(),
    newDevice: boolean('new_device').notNull(),
    newCountry: boolean('new_country').notNull(),
    userAgent: text('user_agent').notNull(),
    country: text('country'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    sessionsEndedAt: timestamp('sessions_ended_at', { withTimezone: true }),
    sessionsEndedBy: uuid('sessions_ended_by'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    foreignKey({
      name: 'device_alerts_contact_fk',
      columns: [t.firmId, t.contactId],
      foreignColumns: [contacts.firmId, contacts.id],
    }),
    index('device_alerts_contact_idx').on(t.firmId, t.contactId, t.at),
  ],
);

/**
 * How a contact wants to hear of new messages from this firm (issue 13, item 5; migration 0026).
 * No row: email, no quiet hours, no digest. Quiet hours are minutes of the day in `timeZone`,
 * both or neither; a window may wrap midnight.
 */
export const contactNotificationChoices = pgTable(
  'contact_notification_choices',
  {
    firmId: uuid('firm_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    channel: text('channel').$type<'email' | 'sms' | 'both' | 'acknowledgements_only'>().notNull().default('email'),
    quietStart: smallint('quiet_start'),
    quietEnd: smallint('quiet_end'),
    timeZone: text('time_zone').notNull().default('UTC'),
    dailyDigest: boolean('daily_digest').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.contactId] }),
    foreignKey({
      name: 'contact_notification_choices_contact_fk',
      columns: [t.firmId, t.contactId],
      foreignColumns: [contacts.firmId, contacts.id],
    }),
  ],
);

/** An acknowledge-by reminder for one client held back by their quiet hours, sent once at `dueAt`. */
export const deferredAcknowledgementReminders = pgTable(
  'deferred_acknowledgement_reminders',
  {
    firmId: uuid('firm_id').notNull(),
    messageId: uuid('message_id').notNull(),
    step: text('step').$type<'halfway' | 'late'>().notNull(),
    contactId: uuid('contact_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** `emailed`, `texted`, `nothing` (no way to reach them), `cancelled` (acknowledged first). */
    outcome: text('outcome'),
  },
  (t) => [
    primaryKey({
      name: 'deferred_acknowledgement_reminders_pk',
      columns: [t.firmId, t.messageId, t.step, t.contactId],
    }),
    foreignKey({
      name: 'deferred_acknowledgement_reminders_step_fk',
      columns: [t.firmId, t.messageId, t.step],
      foreignColumns: [acknowledgementSteps.firmId, acknowledgementSteps.messageId, acknowledgementSteps.step],
    }),
    foreignKey({
      name: 'deferred_acknowledgement_reminders_contact_fk',
      columns: [t.firmId, t.contactId],
      foreignColumns: [contacts.firmId, contacts.id],
    }),
    index('deferred_acknowledgement_reminders_due_idx')
      .on(t.dueAt)
      .where(sql`${t.doneAt} is null`),
  ],
);

export const schema = {
  contactNotificationChoices,
  deferredAcknowledgementReminders,
  firms,
  staff,
  contacts,
  matters,
  matterAccess,
  matterContacts,
  auditLog,
  conversations,
  participants,
  messages,
  messageRevisions,
  events,
  documents,
  documentVersions,
  attachments,
  shares,
  pendingUploads,
  secureLinks,
  signInAttempts,
  signInFailures,
  portalSessions,
  passkeys,
  passkeyChallenges,
  shareViews,
  linkRequests,
  outbox,
  quickReplyLinks,
  smsOptOuts,
  webhookEvents,
  unroutedSms,
  unseenEmailBatches,
  matterEvents,
  matterEventAttendees,
  forms,
  formRequests,
  formRequestFiles,
  invoices,
  idempotencyKeys,
  portalDevices,
  deviceAlerts,
};
