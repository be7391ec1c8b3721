-- Issue 13 (6): a text reply from a number in several recent conversations of one firm is
-- held while the sender is asked, by one numbered list of matters, which it is for. Each held
-- text is a row (the first opens the hold and carries the list); a bare number routes every
-- text of the hold, in order, to that conversation; STOP or 24 hours unanswered move them to
-- the unrouted inbox. Nothing is deleted: a closed row keeps where its text went.
CREATE TABLE "held_sms_replies" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"hold_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"candidates" uuid[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"list_outbox_id" uuid,
	"list_resent_at" timestamp with time zone,
	"state" text DEFAULT 'held' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"conversation_id" uuid,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "held_sms_replies_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);--> statement-breakpoint
SELECT confer_distribute_by_firm();--> statement-breakpoint
CREATE UNIQUE INDEX "held_sms_replies_event_key" ON "held_sms_replies" USING btree ("firm_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "held_sms_replies_open_hold_key" ON "held_sms_replies" USING btree ("firm_id","from_number","to_number") WHERE "state" = 'held' AND "id" = "hold_id";--> statement-breakpoint
CREATE INDEX "held_sms_replies_open_idx" ON "held_sms_replies" USING btree ("from_number","to_number") WHERE "state" = 'held';--> statement-breakpoint
CREATE INDEX "held_sms_replies_expiry_idx" ON "held_sms_replies" USING btree ("expires_at") WHERE "state" = 'held';
