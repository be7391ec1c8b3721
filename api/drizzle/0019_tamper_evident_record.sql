-- Issue 13 (2): a tamper-evident record of every conversation.
--
-- Each message (as first sent), each edit, each attached file (by its SHA-256) joins its
-- conversation's hash chain, in the transaction that records it (AFTER INSERT triggers, so the
-- one-statement send needs no extra round trip). An entry keeps the inputs of its hash
-- (`fields`: ids, author, SHA-256 of the text, times, file hashes, all as text) and
-- hash = SHA-256 of confer_record_canonical(position, kind, prev_hash, fields); the first
-- entry's prev_hash is 64 zeros. `confer verify` (bin/confer.mjs) recomputes the same without
-- a database. Entries are never changed: the app role may only read and add them.
CREATE TYPE "public"."record_entry_kind" AS ENUM('message', 'revision', 'attachment', 'acknowledgement');--> statement-breakpoint
CREATE TABLE "record_entries" (
	"firm_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "record_entry_kind" NOT NULL,
	"message_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"fields" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "record_entries_firm_id_conversation_id_position_pk" PRIMARY KEY("firm_id","conversation_id","position")
);--> statement-breakpoint
-- On Citus, distributed by firm like every firm-owned table, then its reference to conversations
-- (a no-op elsewhere; see 0013).
SELECT confer_distribute_by_firm();--> statement-breakpoint
ALTER TABLE "record_entries" ADD CONSTRAINT "record_entries_conversation_fk" FOREIGN KEY ("firm_id","conversation_id") REFERENCES "public"."conversations"("firm_id","id");--> statement-breakpoint
CREATE INDEX "record_entries_message_idx" ON "record_entries" USING btree ("firm_id","message_id");--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "record_entries" FROM confer_app;--> statement-breakpoint

-- The firm's time zone: the record shows times in it.
ALTER TABLE "firms" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
-- A firm's zone until it is told otherwise: its country's main zone (firms/repository.ts insertFirm).
CREATE OR REPLACE FUNCTION confer_country_time_zone(p_country text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE upper(p_country)
    WHEN 'GB' THEN 'Europe/London' WHEN 'IE' THEN 'Europe/Dublin' WHEN 'US' THEN 'America/New_York'
    WHEN 'CA' THEN 'America/Toronto' WHEN 'AU' THEN 'Australia/Sydney' WHEN 'NZ' THEN 'Pacific/Auckland'
    WHEN 'FR' THEN 'Europe/Paris' WHEN 'DE' THEN 'Europe/Berlin' WHEN 'NL' THEN 'Europe/Amsterdam'
    WHEN 'ES' THEN 'Europe/Madrid' WHEN 'IT' THEN 'Europe/Rome' WHEN 'ZA' THEN 'Africa/Johannesburg'
    WHEN 'SG' THEN 'Asia/Singapore' WHEN 'HK' THEN 'Asia/Hong_Kong' WHEN 'AE' THEN 'Asia/Dubai'
    ELSE 'UTC' END
$$;--> statement-breakpoint
UPDATE "firms" SET "time_zone" = confer_country_time_zone("country");--> statement-breakpoint

-- Times in the record: UTC, microseconds, e.g. 2026-12-03T19:30:00.123456Z.
CREATE OR REPLACE FUNCTION confer_record_time(p_at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION confer_record_sha256(p_text text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(p_text, 'UTF8')), 'hex')
$$;--> statement-breakpoint

-- The text an entry's hash is taken of: a version line, the position, the kind, the previous
-- hash, then one "key=value" line per field in key order (byte order; null as empty).
CREATE OR REPLACE FUNCTION confer_record_canonical(p_position integer, p_kind text, p_prev_hash text, p_fields jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'confer-record/1' || E'\n' || p_position::text || E'\n' || p_kind || E'\n' || p_prev_hash
    || coalesce((SELECT string_agg(E'\n' || f.key || '=' || coalesce(f.value, ''), '' ORDER BY f.key COLLATE "C")
                 FROM jsonb_each_text(p_fields) AS f), '')
$$;--> statement-breakpoint

-- The fields of each kind of entry, from the rows as they are now. The triggers record them;
-- verification compares what was recorded with what the rows say today.
CREATE OR REPLACE FUNCTION confer_record_message_fields(m messages, p_body text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'message_id', m.id::text,
    'author_staff_id', m.author_staff_id::text,
    'author_contact_id', m.author_contact_id::text,
    'via', m.via::text,
    'body_sha256', confer_record_sha256(p_body),
    'created_at', confer_record_time(m.created_at))
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION confer_record_revision_fields(r message_revisions, p_new_body text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'message_id', r.message_id::text,
    'revision', r.revision::text,
    'replaced_body_sha256', confer_record_sha256(r.body),
    'body_sha256', confer_record_sha256(p_new_body),
    'replaced_at', confer_record_time(r.replaced_at))
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION confer_record_attachment_fields(a attachments) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'message_id', a.message_id::text,
    'document_version_id', a.document_version_id::text,
    'position', a.position::text,
    'size', v.size::text,
    'sha256', v.sha256)
  FROM document_versions v WHERE v.firm_id = a.firm_id AND v.id = a.document_version_id
$$;--> statement-breakpoint

-- Appends one entry to a conversation's chain. The conversation row is locked first (the lock
-- a send takes anyway when it updates last_message_at; FOR NO KEY UPDATE does not wait for the
-- key-share locks of foreign-key checks), so two inserts in one conversation never fork it.
CREATE OR REPLACE FUNCTION confer_record_append(
  p_firm_id uuid, p_conversation_id uuid, p_kind record_entry_kind, p_message_id uuid, p_subject_id uuid,
  p_at timestamptz, p_fields jsonb
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_position integer;
  v_prev text;
BEGIN
  PERFORM 1 FROM conversations c WHERE c.firm_id = p_firm_id AND c.id = p_conversation_id FOR NO KEY UPDATE;
  SELECT e.position + 1, e.hash INTO v_position, v_prev
  FROM record_entries e
  WHERE e.firm_id = p_firm_id AND e.conversation_id = p_conversation_id
  ORDER BY e.position DESC LIMIT 1;
  v_position := coalesce(v_position, 1);
  v_prev := coalesce(v_prev, repeat('0', 64));
  INSERT INTO record_entries (firm_id, conversation_id, position, kind, message_id, subject_id, at, fields, prev_hash, hash)
  VALUES (p_firm_id, p_conversation_id, v_position, p_kind, p_message_id, p_subject_id, p_at, p_fields, v_prev,
          confer_record_sha256(confer_record_canonical(v_position, p_kind::text, v_prev, p_fields)));
END;
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION confer_record_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM confer_record_append(NEW.firm_id, NEW.conversation_id, 'message', NEW.id, NEW.id, NEW.created_at,
                               confer_record_message_fields(NEW, NEW.body));
  RETURN NULL;
END;
$$;--> statement-breakpoint

-- An edit: the replaced text (the revision row) and the new text (the message row, already
-- updated: replaceMessageBody writes the new text first, then the revision).
CREATE OR REPLACE FUNCTION confer_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m messages;
BEGIN
  SELECT * INTO m FROM messages WHERE firm_id = NEW.firm_id AND id = NEW.message_id;
  PERFORM confer_record_append(NEW.firm_id, m.conversation_id, 'revision', NEW.message_id, NEW.message_id,
                               NEW.replaced_at, confer_record_revision_fields(NEW, m.body));
  RETURN NULL;
END;
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION confer_record_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM confer_record_append(NEW.firm_id, NEW.conversation_id, 'attachment', NEW.message_id,
                               NEW.document_version_id, clock_timestamp(), confer_record_attachment_fields(NEW));
  RETURN NULL;
END;
$$;--> statement-breakpoint

CREATE TRIGGER "messages_record" AFTER INSERT ON "messages" FOR EACH ROW EXECUTE FUNCTION confer_record_message();--> statement-breakpoint
CREATE TRIGGER "message_revisions_record" AFTER INSERT ON "message_revisions" FOR EACH ROW EXECUTE FUNCTION confer_record_revision();--> statement-breakpoint
CREATE TRIGGER "attachments_record" AFTER INSERT ON "attachments" FOR EACH ROW EXECUTE FUNCTION confer_record_attachment();--> statement-breakpoint

-- What each entry's fields would be from the rows as they are today: a message's first text is
-- its first revision's (or, never edited, its current text); revision n's new text is revision
-- n+1's (or the current text). NULL fields: the row is gone.
CREATE OR REPLACE FUNCTION confer_record_expected_fields(p_firm_id uuid, p_conversation_id uuid)
RETURNS TABLE (entry_position integer, fields jsonb) LANGUAGE sql STABLE AS $$
  SELECT e.position,
    CASE e.kind
      WHEN 'message' THEN (
        SELECT confer_record_message_fields(m, coalesce((
          SELECT r.body FROM message_revisions r
          WHERE r.firm_id = m.firm_id AND r.message_id = m.id ORDER BY r.revision LIMIT 1), m.body))
        FROM messages m WHERE m.firm_id = e.firm_id AND m.id = e.message_id)
      WHEN 'revision' THEN (
        SELECT confer_record_revision_fields(r, coalesce((
          SELECT n.body FROM message_revisions n
          WHERE n.firm_id = r.firm_id AND n.message_id = r.message_id AND n.revision > r.revision
          ORDER BY n.revision LIMIT 1), m.body))
        FROM message_revisions r
        JOIN messages m ON m.firm_id = r.firm_id AND m.id = r.message_id
        WHERE r.firm_id = e.firm_id AND r.message_id = e.message_id AND r.revision::text = e.fields ->> 'revision')
      WHEN 'attachment' THEN (
        SELECT confer_record_attachment_fields(a) FROM attachments a
        WHERE a.firm_id = e.firm_id AND a.message_id = e.message_id AND a.document_version_id = e.subject_id)
      ELSE e.fields
    END
  FROM record_entries e
  WHERE e.firm_id = p_firm_id AND e.conversation_id = p_conversation_id
$$;
--> statement-breakpoint

-- Conversations from before this migration: their messages, files and edits join the chain
-- now, in the order they were sent (each message with its files, then its edits).
DO $$
DECLARE
  m messages;
  a attachments;
  r message_revisions;
  v_next text;
BEGIN
  FOR m IN SELECT * FROM messages ORDER BY seq LOOP
    PERFORM confer_record_append(m.firm_id, m.conversation_id, 'message', m.id, m.id, m.created_at,
      confer_record_message_fields(m, coalesce((SELECT x.body FROM message_revisions x
        WHERE x.firm_id = m.firm_id AND x.message_id = m.id ORDER BY x.revision LIMIT 1), m.body)));
    FOR a IN SELECT * FROM attachments WHERE firm_id = m.firm_id AND message_id = m.id ORDER BY position LOOP
      PERFORM confer_record_append(a.firm_id, a.conversation_id, 'attachment', a.message_id, a.document_version_id,
        m.created_at, confer_record_attachment_fields(a));
    END LOOP;
    FOR r IN SELECT * FROM message_revisions WHERE firm_id = m.firm_id AND message_id = m.id ORDER BY revision LOOP
      v_next := coalesce((SELECT x.body FROM message_revisions x WHERE x.firm_id = r.firm_id
        AND x.message_id = r.message_id AND x.revision > r.revision ORDER BY x.revision LIMIT 1), m.body);
      PERFORM confer_record_append(r.firm_id, m.conversation_id, 'revision', r.message_id, r.message_id,
        r.replaced_at, confer_record_revision_fields(r, v_next));
    END LOOP;
  END LOOP;
END
$$;
