-- Issue 13 (1): acknowledge-by deadlines. Staff mark a message "needs acknowledgement by"
-- (kind `read`: the client presses "I have read this") or "needs a reply by" (kind `reply`:
-- a client's reply answers it). One row per marked message; the first acknowledgement is kept
-- (who, when, how) and never replaced. Each reminder step is a row with its time: `halfway`
-- (portal + email), `late` (80%: SMS where allowed), `deadline` (a task for the author on the
-- staff inbox). The pg-boss job `acknowledgement-step` acts on one step; a step done or
-- cancelled (acknowledged first) is never acted on again.
CREATE TABLE "acknowledgement_requests" (
	"firm_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"requested_by_staff_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_contact_id" uuid,
	"acknowledged_via" text,
	"reply_message_id" uuid,
	"task_closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "acknowledgement_requests_firm_id_message_id_pk" PRIMARY KEY("firm_id","message_id"),
	CONSTRAINT "acknowledgement_requests_kind_check" CHECK ("kind" IN ('read', 'reply')),
	CONSTRAINT "acknowledgement_requests_via_check" CHECK ("acknowledged_via" IN ('portal', 'quick_link', 'reply'))
);--> statement-breakpoint
CREATE TABLE "acknowledgement_steps" (
	"firm_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"step" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text,
	"detail" text,
	CONSTRAINT "acknowledgement_steps_firm_id_message_id_step_pk" PRIMARY KEY("firm_id","message_id","step"),
	CONSTRAINT "acknowledgement_steps_step_check" CHECK ("step" IN ('halfway', 'late', 'deadline'))
);--> statement-breakpoint
-- On Citus, distributed by firm like every firm-owned table, then their references (a no-op elsewhere; see 0013).
SELECT confer_distribute_by_firm();--> statement-breakpoint
ALTER TABLE "acknowledgement_requests" ADD CONSTRAINT "acknowledgement_requests_message_fk" FOREIGN KEY ("firm_id","message_id") REFERENCES "public"."messages"("firm_id","id");--> statement-breakpoint
ALTER TABLE "acknowledgement_steps" ADD CONSTRAINT "acknowledgement_steps_request_fk" FOREIGN KEY ("firm_id","message_id") REFERENCES "public"."acknowledgement_requests"("firm_id","message_id");--> statement-breakpoint
-- A conversation's open requests (the portal's banner, a client's reply answering them).
CREATE INDEX "acknowledgement_requests_open_idx" ON "acknowledgement_requests" USING btree ("firm_id","conversation_id") WHERE "acknowledged_at" IS NULL;--> statement-breakpoint
-- The staff inbox's tasks: an author's requests past their deadline.
CREATE INDEX "acknowledgement_requests_author_idx" ON "acknowledgement_requests" USING btree ("firm_id","requested_by_staff_id","due_at") WHERE "acknowledged_at" IS NULL AND "task_closed_at" IS NULL;--> statement-breakpoint
-- The sweep's work list: steps due and not done (a lost job, a clock moved in embedded mode).
CREATE INDEX "acknowledgement_steps_due_idx" ON "acknowledgement_steps" USING btree ("due_at") WHERE "done_at" IS NULL;
