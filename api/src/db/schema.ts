import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
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
    uniqueIndex('staff_tenant_object_key').on(t.tenantId, t.objectId),
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

export const schema = {
  firms,
  staff,
  contacts,
  matters,
  matterAccess,
  matterContacts,
  auditLog,
};
