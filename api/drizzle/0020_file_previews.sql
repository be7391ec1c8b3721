-- Issue 15: thumbnails and first-page previews of files, made after the upload commits.
--
-- One row per document version that can have a preview (images and PDFs), written pending in
-- the upload's own transaction; the make-file-preview job (modules/files/generate-preview.ts)
-- renders it into a blob beside the file's (`<blob>.preview`) and marks it ready, or failed
-- with a reason (unreadable, too_many_pixels, too_large, timed_out, gave_up). The upload never
-- waits for it and never fails because of it.
CREATE TYPE "public"."file_preview_state" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "file_previews" (
	"firm_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"state" "file_preview_state" DEFAULT 'pending' NOT NULL,
	"blob_name" text,
	"content_type" text,
	"width" integer,
	"height" integer,
	"size" integer,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "file_previews_firm_id_version_id_pk" PRIMARY KEY("firm_id","version_id")
);--> statement-breakpoint
-- On Citus, distributed by firm like every firm-owned table, then its reference to the version
-- (a no-op elsewhere; see 0013).
SELECT confer_distribute_by_firm();--> statement-breakpoint
ALTER TABLE "file_previews" ADD CONSTRAINT "file_previews_version_fk" FOREIGN KEY ("firm_id","version_id") REFERENCES "public"."document_versions"("firm_id","id");--> statement-breakpoint
-- The sweep looks for previews still pending long after their upload (a crash before the job ran).
CREATE INDEX "file_previews_pending_idx" ON "file_previews" USING btree ("created_at") WHERE "state" = 'pending';--> statement-breakpoint

-- A file's preview as messages carry it ({status, width, height}), or null for a file that has none.
CREATE OR REPLACE FUNCTION confer_file_preview(p_firm_id uuid, p_version_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('status', fp.state, 'width', fp.width, 'height', fp.height)
  FROM file_previews fp WHERE fp.firm_id = p_firm_id AND fp.version_id = p_version_id
$$;--> statement-breakpoint

-- confer_post_message as in 0014, its files now carrying their preview.
CREATE OR REPLACE FUNCTION confer_post_message(
  p_firm_id uuid,
  p_conversation_id uuid,
  p_author_staff_id uuid,
  p_author_contact_id uuid,
  p_author_participant_id uuid,
  p_body text,
  p_via message_via,
  p_idempotency_key text,
  p_about_document_id uuid,
  p_in_reply_to_message_id uuid,
  p_version_ids uuid[],
  p_now timestamptz,
  p_notice message_notice,
  p_notice_version integer
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  v_seq bigint;
  v_created timestamptz;
  v_kind conversation_kind;
  v_announce boolean;
  v_now timestamptz;
  v_message jsonb;
  v_staff uuid[];
  v_contacts uuid[];
BEGIN
  INSERT INTO messages (firm_id, conversation_id, author_staff_id, author_contact_id, body, via,
                        idempotency_key, about_document_id, in_reply_to_message_id, notice, notice_version)
  VALUES (p_firm_id, p_conversation_id, p_author_staff_id, p_author_contact_id, p_body, p_via,
          p_idempotency_key, p_about_document_id, p_in_reply_to_message_id, p_notice, p_notice_version)
  ON CONFLICT DO NOTHING
  RETURNING id, seq, created_at INTO v_id, v_seq, v_created;
  IF v_id IS NULL THEN
    RETURN NULL;
  END IF;

  INSERT INTO attachments (firm_id, message_id, document_version_id, position, conversation_id)
  SELECT p_firm_id, v_id, v.id, (v.n - 1)::int, p_conversation_id
  FROM unnest(coalesce(p_version_ids, '{}'::uuid[])) WITH ORDINALITY AS v(id, n);

  UPDATE conversations c
  SET last_message_at = v_created,
      activity_announced_at = CASE
        WHEN c.kind = 'channel' AND (c.activity_announced_at IS NULL
                                     OR c.activity_announced_at <= v_created - interval '2 seconds')
        THEN v_created ELSE c.activity_announced_at END
  WHERE c.firm_id = p_firm_id AND c.id = p_conversation_id
  RETURNING c.kind, c.kind = 'channel' AND c.activity_announced_at = v_created INTO v_kind, v_announce;

  UPDATE participants p
  SET last_read_seq = greatest(p.last_read_seq, v_seq), last_read_at = clock_timestamp()
  WHERE p.firm_id = p_firm_id AND p.last_read_seq <= v_seq
    AND p.id = coalesce(p_author_participant_id, (
      SELECT a.id FROM participants a
      WHERE a.firm_id = p_firm_id AND a.conversation_id = p_conversation_id AND a.staff_id = p_author_staff_id
      LIMIT 1));

  IF v_kind = 'external_matter' THEN
    -- Clients and third parties who do not see it in the portal in time are emailed (batched).
    -- Contacts who joined within the firm's delay are covered by their welcome email.
    v_now := coalesce(p_now, clock_timestamp());
    INSERT INTO unseen_email_batches (firm_id, contact_id, from_seq, due_at)
    SELECT p.firm_id, p.contact_id, v_seq, v_now + make_interval(mins => f.unseen_email_delay_minutes)
    FROM participants p
    JOIN contacts ct ON ct.firm_id = p.firm_id AND ct.id = p.contact_id
    JOIN firms f ON f.id = p.firm_id
    WHERE p.firm_id = p_firm_id AND p.conversation_id = p_conversation_id
      AND p.contact_id IS NOT NULL AND p.left_at IS NULL
      AND p.contact_id IS DISTINCT FROM p_author_contact_id
      AND ct.active AND ct.email IS NOT NULL
      AND p.joined_at <= v_now - make_interval(mins => f.unseen_email_delay_minutes)
    ON CONFLICT (firm_id, contact_id) WHERE closed_at IS NULL DO NOTHING;
  END IF;

  SELECT jsonb_build_object(
    'id', v_id,
    'conversationId', p_conversation_id,
    'seq', v_seq,
    'author', jsonb_build_object(
      'kind', CASE WHEN p_author_staff_id IS NOT NULL THEN 'staff' ELSE 'contact' END,
      'id', coalesce(p_author_staff_id, p_author_contact_id),
      'name', coalesce(s.name, ct.name, 'Unknown'),
      'initials', coalesce(s.initials, confer_initials(coalesce(ct.name, 'Unknown')))),
    'body', p_body,
    'via', p_via,
    'createdAt', to_char(v_created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'editedAt', NULL,
    'pinnedAt', NULL,
    'pinnedBy', NULL,
    'files', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'versionId', dv.id, 'documentId', dv.document_id, 'name', dv.name, 'size', dv.size,
               'contentType', dv.content_type, 'sha256', dv.sha256,
               'preview', confer_file_preview(p_firm_id, dv.id)) ORDER BY v.n)
      FROM unnest(coalesce(p_version_ids, '{}'::uuid[])) WITH ORDINALITY AS v(id, n)
      JOIN document_versions dv ON dv.firm_id = p_firm_id AND dv.id = v.id), '[]'::jsonb),
    'aboutDocument', CASE WHEN p_about_document_id IS NULL THEN NULL ELSE jsonb_build_object(
      'id', p_about_document_id,
      'name', coalesce((SELECT d.name FROM documents d WHERE d.firm_id = p_firm_id AND d.id = p_about_document_id), ''))
      END,
    'notice', CASE WHEN p_notice IS NULL OR p_about_document_id IS NULL THEN NULL ELSE jsonb_build_object(
      'kind', p_notice, 'documentId', p_about_document_id, 'version', p_notice_version) END,
    'inReplyTo', (
      SELECT jsonb_build_object('id', r.id, 'body', r.body) FROM messages r
      WHERE r.firm_id = p_firm_id AND r.id = p_in_reply_to_message_id))
  INTO v_message
  FROM (SELECT 1) one
  LEFT JOIN staff s ON s.firm_id = p_firm_id AND s.id = p_author_staff_id
  LEFT JOIN contacts ct ON ct.firm_id = p_firm_id AND ct.id = p_author_contact_id;

  SELECT r.staff_ids, r.contact_ids INTO v_staff, v_contacts FROM confer_event_recipients(p_firm_id, p_conversation_id) r;
  PERFORM confer_publish_event(p_firm_id, 'message.created', p_conversation_id, v_staff, v_contacts, false,
                               jsonb_build_object('message', v_message));
  IF v_announce THEN
    PERFORM confer_publish_event(p_firm_id, 'channel.activity', p_conversation_id, '{}', '{}', true,
                                 jsonb_build_object('lastMessageAt', v_message->'createdAt'));
  END IF;
  RETURN jsonb_build_object('message', v_message, 'participantCount', (
    SELECT count(*) FROM participants p WHERE p.firm_id = p_firm_id AND p.conversation_id = p_conversation_id));
END;
$$;
