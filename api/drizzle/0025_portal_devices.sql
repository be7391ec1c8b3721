-- Issue 13 (4, second half): staff are told when a client's secure link is opened from a new
-- device or a new country.
--
-- portal_devices: one row per device a contact signed in from, keyed by the SHA-256 of the
-- long-lived random device cookie (the cookie itself is never stored), with a short summary of
-- the browser, the last country and every country seen from it (ISO 3166 alpha-2; none for
-- loopback and private addresses).
CREATE TABLE "portal_devices" (
	"firm_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"device_hash" text NOT NULL,
	"user_agent" text NOT NULL,
	"country" text,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_devices_firm_id_contact_id_device_hash_pk" PRIMARY KEY("firm_id","contact_id","device_hash")
);--> statement-breakpoint
-- device_alerts: a sign-in from an unseen device, or from a country not seen before for that
-- contact; shown to staff in the contact's conversations until someone ends the contact's
-- sessions (or it is two weeks old). Never shown to the client.
CREATE TABLE "device_alerts" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"device_hash" text NOT NULL,
	"new_device" boolean NOT NULL,
	"new_country" boolean NOT NULL,
	"user_agent" text NOT NULL,
	"country" text,
	"at" timestamp with time zone NOT NULL,
	"sessions_ended_at" timestamp with time zone,
	"sessions_ended_by" uuid,
	CONSTRAINT "device_alerts_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);--> statement-breakpoint
-- On Citus, distributed by firm like every firm-owned table (a no-op elsewhere; see 0013).
SELECT confer_distribute_by_firm();--> statement-breakpoint
ALTER TABLE "portal_devices" ADD CONSTRAINT "portal_devices_contact_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id");--> statement-breakpoint
ALTER TABLE "device_alerts" ADD CONSTRAINT "device_alerts_contact_fk" FOREIGN KEY ("firm_id","contact_id") REFERENCES "public"."contacts"("firm_id","id");--> statement-breakpoint
CREATE INDEX "device_alerts_contact_idx" ON "device_alerts" USING btree ("firm_id","contact_id","at");
