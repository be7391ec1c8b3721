ALTER TABLE "matter_contacts" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
UPDATE "matter_contacts" mc SET "ended_at" = c."archived_at"
FROM "conversations" c
JOIN "participants" p ON p."firm_id" = c."firm_id" AND p."conversation_id" = c."id"
WHERE c."firm_id" = mc."firm_id" AND c."matter_id" = mc."matter_id" AND p."contact_id" = mc."contact_id"
  AND c."archived_reason" = 'engagement_ended';
