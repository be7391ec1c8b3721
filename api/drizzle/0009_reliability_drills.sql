CREATE INDEX "sign_in_attempts_link_idx" ON "sign_in_attempts" USING btree ("firm_id","secure_link_id","created_at");--> statement-breakpoint
ALTER TABLE "pending_uploads" ADD COLUMN "last_active_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL;--> statement-breakpoint
DROP INDEX "pending_uploads_started_idx";--> statement-breakpoint
CREATE INDEX "pending_uploads_active_idx" ON "pending_uploads" USING btree ("last_active_at");
