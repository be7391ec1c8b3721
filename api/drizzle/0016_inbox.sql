-- The Messages inbox marks a conversation whose newest text failed: it looks up the newest SMS
-- of each listed conversation, which without this index scans the whole outbox (emails included).
CREATE INDEX IF NOT EXISTS "outbox_conversation_sms_idx" ON "outbox" USING btree ("firm_id","conversation_id","created_at") WHERE "outbox"."channel" = 'sms' and "outbox"."conversation_id" is not null;
