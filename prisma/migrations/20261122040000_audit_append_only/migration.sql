-- Audit events are append-only (SECURITY.md 18). The schema does not change: this migration adds
-- what Prisma cannot express, so schema.snapshot is a copy of the previous one.

-- (a) Refuse UPDATE, DELETE and TRUNCATE for every role, the owner and superusers included.
-- DROP SCHEMA / DROP TABLE fire no triggers, so a full reset (scripts/db-reset.ts) still works,
-- and session_replication_role = replica (superusers only) lets the test setup empty the table.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only'
    USING ERRCODE = 'insufficient_privilege', HINT = 'AuditEvent rows may only be inserted and read.';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only_row"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_append_only_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- (b) Where the app's role is not a superuser, it keeps only INSERT and SELECT on the table.
-- A table owner could grant these back or disable the triggers; deployments that need more
-- should run migrations as an owner role and the app as a separate INSERT/SELECT-only role.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "AuditEvent" FROM %I', current_user);
  END IF;
END;
$$;
