-- Issue 12: a send as one statement, event ordering without a per-firm lock.
--
-- Events carry the id of the transaction that wrote them. A firm's stream is ordered by
-- (xid, id), and readers deliver only events whose xid is below their snapshot's xmin: every
-- transaction that could still add an event earlier in that order has finished, so what a
-- reader has delivered is a final prefix of the stream (see realtime/events-repository.ts).
ALTER TABLE "events" ADD COLUMN "xid" xid8 DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "events_firm_id_idx";--> statement-breakpoint
CREATE INDEX "events_firm_position_idx" ON "events" USING btree ("firm_id","xid","id");--> statement-breakpoint
-- Search looks through a firm's newest messages first (search/repository.ts).
CREATE INDEX "messages_firm_seq_idx" ON "messages" USING btree ("firm_id","seq");--> statement-breakpoint
-- Every query on messages serves one request and reads a few hundred rows at most: starting
-- parallel workers cost more than they saved (searches waited on Gather).
ALTER TABLE "messages" SET (parallel_workers = 0);--> statement-breakpoint
-- channel.activity is announced at most once per channel per 2 s: when it last was.
ALTER TABLE "conversations" ADD COLUMN "activity_announced_at" timestamp with time zone;--> statement-breakpoint

-- Records an event and notifies every API instance ({firmId, id, xid} on confer_events), as
-- part of the caller's transaction. The one place an event is written: publishEvent (JS) and
-- confer_post_message call it. Addressees are stored as given (callers deduplicate).
CREATE OR REPLACE FUNCTION confer_publish_event(
  p_firm_id uuid,
  p_type text,
  p_conversation_id uuid,
  p_staff_ids uuid[],
  p_contact_ids uuid[],
  p_all_staff boolean,
  p_payload jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
  v_xid xid8;
BEGIN
  IF p_type !~ '^[A-Za-z][A-Za-z0-9._-]{0,99}$' THEN
    RAISE EXCEPTION 'Not a valid event type: %', p_type;
  END IF;
  INSERT INTO events (firm_id, type, conversation_id, staff_ids, contact_ids, all_staff, payload)
  VALUES (p_firm_id, p_type, p_conversation_id, coalesce(p_staff_ids, '{}'), coalesce(p_contact_ids, '{}'),
          coalesce(p_all_staff, false), p_payload)
  RETURNING id, xid INTO v_id, v_xid;
  PERFORM pg_notify('confer_events',
    json_build_object('firmId', p_firm_id, 'id', v_id, 'xid', v_xid::text)::text);
  RETURN v_id;
END;
$$;--> statement-breakpoint

-- Who hears about a conversation: its active participants, staff filtered by the matter's
-- restriction (staff who lost access to a restricted matter hear nothing).
CREATE OR REPLACE FUNCTION confer_event_recipients(p_firm_id uuid, p_conversation_id uuid)
RETURNS TABLE (staff_ids uuid[], contact_ids uuid[]) LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(p.staff_id) FILTER (WHERE p.staff_id IS NOT NULL), '{}'),
         coalesce(array_agg(p.contact_id) FILTER (WHERE p.contact_id IS NOT NULL), '{}')
  FROM participants p
  JOIN conversations c ON c.firm_id = p.firm_id AND c.id = p.conversation_id
  LEFT JOIN matters m ON m.firm_id = c.firm_id AND m.id = c.matter_id
  WHERE p.firm_id = p_firm_id AND p.conversation_id = p_conversation_id AND p.left_at IS NULL
    AND (p.staff_id IS NULL OR m.id IS NULL OR NOT m.restricted OR EXISTS (
      SELECT 1 FROM matter_access a WHERE a.firm_id = m.firm_id AND a.matter_id = m.id AND a.staff_id = p.staff_id))
$$;--> statement-breakpoint

-- Initials of a name as the API shows them: the first letter of its first two words.
CREATE OR REPLACE FUNCTION confer_initials(p_name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(upper(string_agg(left(w, 1), '' ORDER BY n)), '')
  FROM (
    SELECT w, n FROM regexp_split_to_table(p_name, '[[:space:]]+') WITH ORDINALITY AS t(w, n)
    WHERE w <> '' ORDER BY n LIMIT 2
  ) words
$$;--> statement-breakpoint

-- Records a message, in one statement, for every author and channel: the message, its
-- attachments (versions in order), the conversation's activity time, the author's read mark,
-- new-message email batches for the conversation's clients and third parties (external
-- conversations), message.created for everyone in the conversation and, for channels,
-- channel.activity (at most once per 2 s). Returns { message, participantCount }: the message
-- as every addressee sees it (the event's payload) and how many participants the conversation
-- has (read receipts are listed by name up to 20); NULL when this author already used the
-- idempotency key.
-- Callers check who may post; this only records. p_now: the app's clock for the email delay.
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
               'contentType', dv.content_type, 'sha256', dv.sha256) ORDER BY v.n)
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
