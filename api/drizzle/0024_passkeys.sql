-- Issue 13 (3): passkeys for returning clients. A contact who signed in with their link and
-- an emailed code may register a passkey (WebAuthn); next time the link plus the passkey
-- replaces the code. A passkey removed by the client or revoked by staff keeps its row
-- (removed_at, who removed it): nothing is deleted.
CREATE TABLE "passkeys" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}' NOT NULL,
	"device_type" text NOT NULL,
	"backed_up" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"last_used_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"removed_by_kind" text,
	"removed_by" uuid,
	CONSTRAINT "passkeys_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);--> statement-breakpoint
SELECT confer_distribute_by_firm();--> statement-breakpoint
CREATE UNIQUE INDEX "passkeys_credential_key" ON "passkeys" USING btree ("firm_id","credential_id");--> statement-breakpoint
CREATE INDEX "passkeys_contact_idx" ON "passkeys" USING btree ("firm_id","contact_id");--> statement-breakpoint
-- One WebAuthn challenge: kept as its SHA-256, bound to the session (registration) or the
-- secure link (sign-in) that asked for it, valid for 5 minutes and used once.
CREATE TABLE "passkey_challenges" (
	"firm_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"challenge_hash" text NOT NULL,
	"session_id" uuid,
	"secure_link_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "passkey_challenges_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);--> statement-breakpoint
SELECT confer_distribute_by_firm();--> statement-breakpoint
CREATE UNIQUE INDEX "passkey_challenges_hash_key" ON "passkey_challenges" USING btree ("firm_id","challenge_hash");--> statement-breakpoint
CREATE INDEX "passkey_challenges_link_idx" ON "passkey_challenges" USING btree ("firm_id","secure_link_id","created_at");
