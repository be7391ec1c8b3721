-- Issue 13 (1 and 2): an acknowledgement joins the conversation's tamper-evident record.
--
-- When a client acknowledges a message ("I have read this", or the reply a "needs a reply"
-- request asked for), the first acknowledgement is kept on acknowledgement_requests (0023);
-- the moment it is set, an 'acknowledgement' entry is appended to the conversation's chain in
-- the same transaction (the record_entry_kind value exists since 0019). Its fields: the message,
-- what was asked (read or reply) and by when, who acknowledged, when and how. Verification
-- compares them with the request row as it is today, as for the other kinds.
CREATE OR REPLACE FUNCTION confer_record_acknowledgement_fields(a acknowledgement_requests) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'message_id', a.message_id::text,
    'kind', a.kind,
    'due_at', confer_record_time(a.due_at),
    'acknowledged_at', confer_record_time(a.acknowledged_at),
    'acknowledged_by_contact_id', a.acknowledged_by_contact_id::text,
    'acknowledged_via', a.acknowledged_via,
    'reply_message_id', a.reply_message_id::text)
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION confer_record_acknowledgement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM confer_record_append(NEW.firm_id, NEW.conversation_id, 'acknowledgement', NEW.message_id,
                               coalesce(NEW.acknowledged_by_contact_id, NEW.message_id), NEW.acknowledged_at,
                               confer_record_acknowledgement_fields(NEW));
  RETURN NULL;
END;
$$;--> statement-breakpoint

CREATE TRIGGER "acknowledgement_requests_record" AFTER UPDATE OF "acknowledged_at" ON "acknowledgement_requests"
  FOR EACH ROW WHEN (OLD.acknowledged_at IS NULL AND NEW.acknowledged_at IS NOT NULL)
  EXECUTE FUNCTION confer_record_acknowledgement();--> statement-breakpoint

-- What each entry's fields would be from the rows as they are today (0019's, plus acknowledgements).
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
      WHEN 'acknowledgement' THEN (
        SELECT confer_record_acknowledgement_fields(a) FROM acknowledgement_requests a
        WHERE a.firm_id = e.firm_id AND a.message_id = e.message_id AND a.acknowledged_at IS NOT NULL)
      ELSE e.fields
    END
  FROM record_entries e
  WHERE e.firm_id = p_firm_id AND e.conversation_id = p_conversation_id
$$;
--> statement-breakpoint

-- Acknowledgements recorded between 0023 and this migration join their chains now.
DO $$
DECLARE
  a acknowledgement_requests;
BEGIN
  FOR a IN SELECT * FROM acknowledgement_requests WHERE acknowledged_at IS NOT NULL ORDER BY acknowledged_at LOOP
    PERFORM confer_record_append(a.firm_id, a.conversation_id, 'acknowledgement', a.message_id,
      coalesce(a.acknowledged_by_contact_id, a.message_id), a.acknowledged_at, confer_record_acknowledgement_fields(a));
  END LOOP;
END
$$;
