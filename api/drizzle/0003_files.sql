CREATE TYPE "public"."document_source" AS ENUM('staff', 'outlook', 'portal', 'export');--> statement-breakpoint
CREATE TABLE "attachments" (
	"firm_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"document_version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"conversation_id" uuid NOT NULL,
	CONSTRAINT "attachments_firm_id_message_id_document_version_id_pk" PRIMARY KEY("firm_id","message_id","document_version_id")
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"blob_name" text NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"uploaded_by_staff_id" uuid,
	"uploaded_by_contact_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "document_versions_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid,
	"name" text NOT NULL,
	"source" "document_source" NOT NULL,
	"on_matter" boolean DEFAULT true NOT NULL,
	"created_by_staff_id" uuid,
	"created_by_contact_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "pending_uploads" (
	"firm_id" uuid NOT NULL,
	"blob_name" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "pending_uploads_firm_id_blob_name_pk" PRIMARY KEY("firm_id","blob_name")
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"shared_by_staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_staff_id" uuid,
	CONSTRAINT "shares_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "about_document_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_firm_id_message_id_messages_firm_id_id_fk" FOREIGN KEY ("firm_id","message_id") REFERENCES "public"."messages"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_firm_id_document_version_id_document_versions_firm_id_id_fk" FOREIGN KEY ("firm_id","document_version_id") REFERENCES "public"."document_versions"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_firm_id_document_id_documents_firm_id_id_fk" FOREIGN KEY ("firm_id","document_id") REFERENCES "public"."documents"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_firm_id_matter_id_matters_firm_id_id_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_firm_id_document_id_documents_firm_id_id_fk" FOREIGN KEY ("firm_id","document_id") REFERENCES "public"."documents"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_firm_id_conversation_id_conversations_firm_id_id_fk" FOREIGN KEY ("firm_id","conversation_id") REFERENCES "public"."conversations"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_conversation_idx" ON "attachments" USING btree ("firm_id","conversation_id");--> statement-breakpoint
CREATE INDEX "attachments_version_idx" ON "attachments" USING btree ("firm_id","document_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_number_key" ON "document_versions" USING btree ("firm_id","document_id","version");--> statement-breakpoint
CREATE INDEX "documents_matter_idx" ON "documents" USING btree ("firm_id","matter_id","created_at");--> statement-breakpoint
CREATE INDEX "pending_uploads_started_idx" ON "pending_uploads" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "shares_conversation_idx" ON "shares" USING btree ("firm_id","conversation_id");--> statement-breakpoint
CREATE INDEX "messages_about_document_idx" ON "messages" USING btree ("firm_id","about_document_id") WHERE "messages"."about_document_id" is not null;