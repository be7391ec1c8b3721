-- Production replicas connect as members of confer_app and wait, before they serve, until the
-- migration job has applied every migration of their release: they read which migrations the
-- database has (drizzle.__drizzle_migrations, made by the migrator before the first migration).
-- Reading only: the owner alone records migrations.
GRANT USAGE ON SCHEMA drizzle TO confer_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO confer_app;
