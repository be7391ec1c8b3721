CREATE TYPE "public"."outbox_channel" AS ENUM('email', 'sms');--> statement-breakpoint
CREATE TABLE "link_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"firm_id" uuid,
	"email_hash" text NOT NULL,
	"ip" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"firm_id" uuid,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"channel" "outbox_channel" NOT NULL,
	"to_address" text NOT NULL,
	"from_address" text,
	"kind" text NOT NULL,
	"sealed" text,
	"status" text DEFAULT 'stored' NOT NULL,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "outbox_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_hash" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"scope_conversation_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "portal_sessions_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "secure_links" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"conversation_id" uuid,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "secure_links_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "share_views" (
	"firm_id" uuid NOT NULL,
	"share_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"first_opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "share_views_firm_id_share_id_contact_id_pk" PRIMARY KEY("firm_id","share_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"secure_link_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"attempt_hash" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"code_sent_at" timestamp with time zone,
	"codes_sent" integer DEFAULT 0 NOT NULL,
	"wrong_tries" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "sign_in_attempts_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"firm_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"contact_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_in_failures_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE INDEX "link_requests_email_idx" ON "link_requests" USING btree ("email_hash","at");--> statement-breakpoint
CREATE INDEX "link_requests_ip_idx" ON "link_requests" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "outbox_created_idx" ON "outbox" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_sessions_hash_key" ON "portal_sessions" USING btree ("session_hash");--> statement-breakpoint
CREATE INDEX "portal_sessions_contact_idx" ON "portal_sessions" USING btree ("firm_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "secure_links_token_hash_key" ON "secure_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "secure_links_contact_idx" ON "secure_links" USING btree ("firm_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_attempts_hash_key" ON "sign_in_attempts" USING btree ("attempt_hash");--> statement-breakpoint
CREATE INDEX "sign_in_failures_contact_idx" ON "sign_in_failures" USING btree ("firm_id","contact_id","at");