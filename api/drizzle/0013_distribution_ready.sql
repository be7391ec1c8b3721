-- Ready to distribute by firm on an elastic cluster (Citus): every primary key and unique
-- index of a firm-owned table includes firm_id. Guarded: an earlier migration may already
-- have made a key firm-prefixed. docs/scale-out.md explains the placement of each table.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
    WHERE x.indrelid = 'events'::regclass AND x.indisprimary AND a.attname = 'firm_id'
  ) THEN
    ALTER TABLE "events" DROP CONSTRAINT "events_pkey";
    ALTER TABLE "events" ADD CONSTRAINT "events_firm_id_id_pk" PRIMARY KEY ("firm_id", "id");
    DROP INDEX IF EXISTS "events_firm_id_idx";
  END IF;
END $$;
--> statement-breakpoint
DROP INDEX IF EXISTS "staff_tenant_object_key";--> statement-breakpoint
CREATE UNIQUE INDEX "staff_tenant_object_key" ON "staff" USING btree ("tenant_id", "object_id", "firm_id");--> statement-breakpoint
DROP INDEX IF EXISTS "secure_links_token_hash_key";--> statement-breakpoint
CREATE UNIQUE INDEX "secure_links_token_hash_key" ON "secure_links" USING btree ("token_hash", "firm_id");--> statement-breakpoint
DROP INDEX IF EXISTS "sign_in_attempts_hash_key";--> statement-breakpoint
CREATE UNIQUE INDEX "sign_in_attempts_hash_key" ON "sign_in_attempts" USING btree ("attempt_hash", "firm_id");--> statement-breakpoint
DROP INDEX IF EXISTS "portal_sessions_hash_key";--> statement-breakpoint
CREATE UNIQUE INDEX "portal_sessions_hash_key" ON "portal_sessions" USING btree ("session_hash", "firm_id");--> statement-breakpoint
DROP INDEX IF EXISTS "quick_reply_links_token_hash_key";--> statement-breakpoint
CREATE UNIQUE INDEX "quick_reply_links_token_hash_key" ON "quick_reply_links" USING btree ("token_hash", "firm_id");--> statement-breakpoint

-- Where each public table goes on an elastic cluster: 'reference' (replicated to every node),
-- 'coordinator' (stays a local table on the coordinator: rows of no firm), 'distributed'
-- (sharded by firm_id, co-located), or 'unclassified' (no firm_id and in neither list: an error).
CREATE OR REPLACE FUNCTION confer_distribution_plan()
RETURNS TABLE (relation text, placement text)
LANGUAGE sql STABLE AS $$
  SELECT c.relname::text,
         CASE
           WHEN c.relname = ANY (ARRAY['firms']) THEN 'reference'
           WHEN c.relname = ANY (ARRAY['audit_log', 'link_requests', 'outbox', 'sms_opt_outs', 'webhook_events'])
             THEN 'coordinator'
           WHEN EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'firm_id' AND NOT a.attisdropped)
             THEN 'distributed'
           ELSE 'unclassified'
         END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  ORDER BY 2, 1
$$;
--> statement-breakpoint

-- On a database with the citus extension (an elastic cluster's coordinator): makes the
-- reference tables and distributes every firm-owned table not distributed yet by firm_id,
-- co-located. Foreign keys touching a table being converted are dropped first and added back
-- after, so the order of the calls does not matter. Idempotent; without citus it does nothing.
-- A later migration that creates a firm-owned table calls it after CREATE TABLE and before
-- its foreign keys.
CREATE OR REPLACE FUNCTION confer_distribute_by_firm()
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  item record;
  fk record;
  kept text[] := ARRAY[]::text[];
  todo text[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM confer_distribution_plan() p WHERE p.placement = 'unclassified') THEN
    RAISE EXCEPTION 'tables without firm_id that are not reference tables: %',
      (SELECT string_agg(p.relation, ', ') FROM confer_distribution_plan() p WHERE p.placement = 'unclassified');
  END IF;
  EXECUTE $q$SELECT coalesce(array_agg(p.relation), ARRAY[]::text[]) FROM confer_distribution_plan() p
             WHERE p.placement IN ('reference', 'distributed')
               AND NOT EXISTS (SELECT 1 FROM pg_dist_partition d WHERE d.logicalrelid = p.relation::regclass)$q$
    INTO todo;
  IF cardinality(todo) = 0 THEN
    RETURN;
  END IF;
  FOR fk IN
    SELECT s.relname AS source, f.conname AS name, pg_get_constraintdef(f.oid) AS definition
    FROM pg_constraint f JOIN pg_class s ON s.oid = f.conrelid JOIN pg_class t ON t.oid = f.confrelid
    JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE n.nspname = 'public' AND f.contype = 'f' AND (s.relname = ANY (todo) OR t.relname = ANY (todo))
  LOOP
    kept := kept || format('ALTER TABLE %I ADD CONSTRAINT %I %s', fk.source, fk.name, fk.definition);
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', fk.source, fk.name);
  END LOOP;
  FOR item IN SELECT p.relation, p.placement FROM confer_distribution_plan() p
              WHERE p.relation = ANY (todo) ORDER BY p.placement DESC, p.relation LOOP
    IF item.placement = 'reference' THEN
      EXECUTE format('SELECT create_reference_table(%L)', item.relation);
    ELSE
      EXECUTE format('SELECT create_distributed_table(%L, %L, colocate_with => %L)', item.relation, 'firm_id', 'default');
    END IF;
  END LOOP;
  FOR i IN 1 .. cardinality(kept) LOOP
    EXECUTE kept[i];
  END LOOP;
END $$;
--> statement-breakpoint
SELECT confer_distribute_by_firm();
