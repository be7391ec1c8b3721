-- Issue 13 (5): client notification choices. Per firm, a contact chooses how they are told of
-- new messages (`email`, `sms`, `both`, or `acknowledgements_only`: nothing but acknowledge-by
-- reminders), quiet hours in their time zone (minutes of the day; both or neither; a window
-- may wrap midnight) and a daily digest instead of per-message emails. No row: email, no quiet
-- hours, no digest.
CREATE TABLE "contact_notification_choices" (
	"firm_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"quiet_start" smallint,
	"quiet_end" smallint,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"daily_digest" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "contact_notification_choices_firm_id_contact_id_pk" PRIMARY KEY("firm_id","contact_id"),
	CONSTRAINT "contact_notification_choices_channel_check" CHECK ("channel" IN ('email', 'sms', 'both', 'acknowledgements_only')),
	CONSTRAINT "contact_notification_choices_quiet_check" CHECK (("quiet_start" IS NULL) = ("quiet_end" IS NULL)
		AND ("quiet_start" IS NULL OR ("quiet_start" BETWEEN 0 AND 1439 AND "quiet_end" BETWEEN 0 AND 1439)))
);--> statement-breakpoint
-- An acknowledge-by reminder for one client held back by their quiet hours: sent at `due_at`
-- (the end of their quiet hours, never after the deadline) by the `acknowledgement-step` job,
-- once (`done_at`).
CREATE TABLE "deferred_acknowledgement_reminders" (
	"firm_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"step" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "deferred_acknowledgement_reminders_pk" PRIMARY KEY("firm_id","message_id","step","contact_id"),
	CONSTRAINT "deferred_acknowledgement_reminders_step_check" CHECK ("step" IN ('halfway', 'late'))
);--> statement-breakpoint
-- A new-message batch held for the contact's daily digest: when it is due it becomes one digest email.
ALTER TABLE "unseen_email_batches" ADD COLUMN "digest" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- On Citus, distributed by firm like every firm-owned table, then their references (a no-op elsewhere; see 0013).
SELECT confer_distribute_by_firm();--> statement-breakpoint
ALTER TABLE "contact_notification_choices" ADD CONSTRAINT "contact_notification_choices_contact_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id");--> statement-breakpoint
ALTER TABLE "deferred_acknowledgement_reminders" ADD CONSTRAINT "deferred_acknowledgement_reminders_step_fk" FOREIGN KEY ("firm_id","message_id","step") REFERENCES "public"."acknowledgement_steps"("firm_id","message_id","step");--> statement-breakpoint
ALTER TABLE "deferred_acknowledgement_reminders" ADD CONSTRAINT "deferred_acknowledgement_reminders_contact_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id");--> statement-breakpoint
-- The sweep's work list: deferred reminders due and not sent (a lost job, a clock moved in embedded mode).
CREATE INDEX "deferred_acknowledgement_reminders_due_idx" ON "deferred_acknowledgement_reminders" USING btree ("due_at") WHERE "done_at" IS NULL;
