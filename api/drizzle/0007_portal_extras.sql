CREATE TYPE "public"."form_request_status" AS ENUM('sent', 'draft', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."invoice_status" AS ENUM('outstanding', 'paid');--> statement-breakpoint
CREATE TABLE "form_request_files" (
	"firm_id" uuid NOT NULL,
	"form_request_id" uuid NOT NULL,
	"document_version_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "form_request_files_firm_id_form_request_id_document_version_id_pk" PRIMARY KEY("firm_id","form_request_id","document_version_id")
);
--> statement-breakpoint
CREATE TABLE "form_requests" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" "form_request_status" DEFAULT 'sent' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sent_by_staff_id" uuid,
	"sent_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"draft_saved_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"pdf_document_id" uuid,
	"csv_document_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_requests_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"fields" jsonb NOT NULL,
	"created_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "forms_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"status" "invoice_status" DEFAULT 'outstanding' NOT NULL,
	"paid_at" timestamp with time zone,
	"document_id" uuid,
	"payment_url" text,
	"created_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "matter_event_attendees" (
	"firm_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "matter_event_attendees_firm_id_event_id_contact_id_pk" PRIMARY KEY("firm_id","event_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "matter_events" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"location" text,
	"video_url" text,
	"cancelled_at" timestamp with time zone,
	"created_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_events_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
ALTER TABLE "form_request_files" ADD CONSTRAINT "form_request_files_firm_id_form_request_id_form_requests_firm_id_id_fk" FOREIGN KEY ("firm_id","form_request_id") REFERENCES "public"."form_requests"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_request_files" ADD CONSTRAINT "form_request_files_firm_id_document_version_id_document_versions_firm_id_id_fk" FOREIGN KEY ("firm_id","document_version_id") REFERENCES "public"."document_versions"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_requests" ADD CONSTRAINT "form_requests_firm_id_form_id_forms_firm_id_id_fk" FOREIGN KEY ("firm_id","form_id") REFERENCES "public"."forms"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_requests" ADD CONSTRAINT "form_requests_firm_id_matter_id_matters_firm_id_id_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_requests" ADD CONSTRAINT "form_requests_firm_id_contact_id_contacts_firm_id_id_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_requests" ADD CONSTRAINT "form_requests_firm_id_pdf_document_id_documents_firm_id_id_fk" FOREIGN KEY ("firm_id","pdf_document_id") REFERENCES "public"."documents"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_requests" ADD CONSTRAINT "form_requests_firm_id_csv_document_id_documents_firm_id_id_fk" FOREIGN KEY ("firm_id","csv_document_id") REFERENCES "public"."documents"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_firm_id_matter_id_matters_firm_id_id_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_firm_id_document_id_documents_firm_id_id_fk" FOREIGN KEY ("firm_id","document_id") REFERENCES "public"."documents"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_event_attendees" ADD CONSTRAINT "matter_event_attendees_firm_id_event_id_matter_events_firm_id_id_fk" FOREIGN KEY ("firm_id","event_id") REFERENCES "public"."matter_events"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_event_attendees" ADD CONSTRAINT "matter_event_attendees_firm_id_contact_id_contacts_firm_id_id_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_events" ADD CONSTRAINT "matter_events_firm_id_matter_id_matters_firm_id_id_fk" FOREIGN KEY ("firm_id","matter_id") REFERENCES "public"."matters"("firm_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_requests_matter_idx" ON "form_requests" USING btree ("firm_id","matter_id","sent_at");--> statement-breakpoint
CREATE INDEX "form_requests_contact_idx" ON "form_requests" USING btree ("firm_id","contact_id","sent_at");--> statement-breakpoint
CREATE INDEX "forms_firm_created_idx" ON "forms" USING btree ("firm_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_matter_number_key" ON "invoices" USING btree ("firm_id","matter_id","number");--> statement-breakpoint
CREATE INDEX "matter_event_attendees_contact_idx" ON "matter_event_attendees" USING btree ("firm_id","contact_id");--> statement-breakpoint
CREATE INDEX "matter_events_matter_idx" ON "matter_events" USING btree ("firm_id","matter_id","starts_at");