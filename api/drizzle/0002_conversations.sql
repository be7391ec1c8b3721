CREATE TYPE "public"."archived_reason" AS ENUM('matter_closed', 'engagement_ended');--> statement-breakpoint
CREATE TYPE "public"."conversation_kind" AS ENUM('external_matter', 'internal_matter', 'direct', 'channel');--> statement-breakpoint
CREATE TYPE "public"."message_via" AS ENUM('app', 'portal', 'sms', 'quick_link', 'outlook');--> statement-breakpoint
CREATE TABLE "conversations" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "conversation_kind" NOT NULL,
	"matter_id" uuid,
	"name" text,
	"require_mfa" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_reason" "archived_reason",
	"created_by_staff_id" uuid,
	"last_message_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"firm_id" uuid NOT NULL,
	"type" text NOT NULL,
	"conversation_id" uuid,
	"staff_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"contact_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"all_staff" boolean DEFAULT false NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_revisions" (
	"firm_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"body" text NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "message_revisions_firm_id_message_id_revision_pk" PRIMARY KEY("firm_id","message_id","revision")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"conversation_id" uuid NOT NULL,
	"author_staff_id" uuid,
	"author_contact_id" uuid,
	"body" text NOT NULL,
	"via" "message_via" DEFAULT 'app' NOT NULL,
	"idempotency_key" text,
	"edited_at" timestamp with time zone,
	"pinned_at" timestamp with time zone,
	"pinned_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "messages_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"staff_id" uuid,
	"contact_id" uuid,
	"joined_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"left_at" timestamp with time zone,
	"last_read_seq" bigint DEFAULT 0 NOT NULL,
	"last_read_at" timestamp with time zone,
	CONSTRAINT "participants_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_firm_id_matter_id_matters_firm_id_id_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_revisions" ADD CONSTRAINT "message_revisions_firm_id_message_id_messages_firm_id_id_fk" FOREIGN KEY ("firm_id","message_id") REFERENCES "public"."messages"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_firm_id_conversation_id_conversations_firm_id_id_fk" FOREIGN KEY ("firm_id","conversation_id") REFERENCES "public"."conversations"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_firm_id_conversation_id_conversations_firm_id_id_fk" FOREIGN KEY ("firm_id","conversation_id") REFERENCES "public"."conversations"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_matter_idx" ON "conversations" USING btree ("firm_id","matter_id");--> statement-breakpoint
CREATE INDEX "conversations_kind_activity_idx" ON "conversations" USING btree ("firm_id","kind","last_message_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_channel_name_key" ON "conversations" USING btree ("firm_id",lower("name")) WHERE "conversations"."kind" = 'channel';--> statement-breakpoint
CREATE INDEX "events_firm_id_idx" ON "events" USING btree ("firm_id","id");--> statement-breakpoint
CREATE INDEX "messages_conversation_seq_idx" ON "messages" USING btree ("firm_id","conversation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_key" ON "messages" USING btree ("firm_id",coalesce("author_staff_id", "author_contact_id"),"idempotency_key") WHERE "messages"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "messages_conversation_pinned_idx" ON "messages" USING btree ("firm_id","conversation_id","pinned_at") WHERE "messages"."pinned_at" is not null;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin (to_tsvector('simple', "body"));--> statement-breakpoint
CREATE UNIQUE INDEX "participants_staff_key" ON "participants" USING btree ("firm_id","conversation_id","staff_id") WHERE "participants"."staff_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "participants_contact_key" ON "participants" USING btree ("firm_id","conversation_id","contact_id") WHERE "participants"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "participants_staff_idx" ON "participants" USING btree ("firm_id","staff_id");--> statement-breakpoint
CREATE INDEX "participants_contact_idx" ON "participants" USING btree ("firm_id","contact_id");