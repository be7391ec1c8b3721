CREATE TYPE "public"."participant_left_reason" AS ENUM('left', 'removed', 'engagement_ended');--> statement-breakpoint
CREATE TYPE "public"."message_notice" AS ENUM('document_shared', 'document_updated');--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "left_reason" "participant_left_reason";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "notice" "message_notice";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "notice_version" integer;
