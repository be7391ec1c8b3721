CREATE TABLE "quick_reply_links" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quick_reply_links_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"phone_number" text PRIMARY KEY NOT NULL,
	"firm_id" uuid,
	"opted_out" boolean NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unrouted_sms" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"event_id" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"reason" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"assigned_at" timestamp with time zone,
	"assigned_by_staff_id" uuid,
	"assigned_conversation_id" uuid,
	"assigned_message_id" uuid,
	CONSTRAINT "unrouted_sms_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "unseen_email_batches" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"from_seq" bigint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"outbox_id" uuid,
	CONSTRAINT "unseen_email_batches_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"firm_id" uuid,
	"type" text NOT NULL,
	"sealed" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "status" SET DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE "firms" ADD COLUMN "unseen_email_delay_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "in_reply_to_message_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "status_detail" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "conversation_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "message_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "first_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL;--> statement-breakpoint
ALTER TABLE "quick_reply_links" ADD CONSTRAINT "quick_reply_links_firm_id_conversation_id_conversations_firm_id_id_fk" FOREIGN KEY ("firm_id","conversation_id") REFERENCES "public"."conversations"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quick_reply_links_token_hash_key" ON "quick_reply_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "unrouted_sms_event_key" ON "unrouted_sms" USING btree ("firm_id","event_id");--> statement-breakpoint
CREATE INDEX "unrouted_sms_firm_created_idx" ON "unrouted_sms" USING btree ("firm_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "unseen_email_batches_open_key" ON "unseen_email_batches" USING btree ("firm_id","contact_id") WHERE "unseen_email_batches"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "unseen_email_batches_due_idx" ON "unseen_email_batches" USING btree ("due_at") WHERE "unseen_email_batches"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "webhook_events_unprocessed_idx" ON "webhook_events" USING btree ("received_at") WHERE "webhook_events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_message_idx" ON "outbox" USING btree ("firm_id","message_id") WHERE "outbox"."message_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_sms_to_idx" ON "outbox" USING btree ("to_address","created_at") WHERE "outbox"."channel" = 'sms';--> statement-breakpoint
CREATE INDEX "outbox_provider_message_idx" ON "outbox" USING btree ("provider_message_id") WHERE "outbox"."provider_message_id" is not null;--> statement-breakpoint
-- Rows written before this migration were stored in embedded mode's outbox: that was their delivery.
UPDATE "outbox" SET "status" = 'sent', "sent_at" = "created_at" WHERE "status" = 'stored';