-- Issue 14, item 4: the audit log becomes a hash chain. Each entry gets a sequence number
-- and hash = sha256(previous hash | canonical text of the entry), set by a BEFORE INSERT
-- trigger, so an entry changed or removed behind the append-only triggers' back (by the
-- table's owner or a superuser) breaks the chain and GET /api/audit-log/verify finds it.
-- sha256() is built into PostgreSQL (11+) and PGlite: no extension needed.
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
-- The canonical text is a JSON array (jsonb text is normalised: key order, spacing) with the
-- time in UTC to the microsecond, so it does not depend on the session's settings.
CREATE FUNCTION audit_log_entry_hash(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(e.prev_hash, '') || '|' || jsonb_build_array(
    e.seq, e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id::text, e.actor_username, e.action, e.entity_type, e.entity_id,
    e.before, e.after, e.request_id)::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- The advisory lock (held to the end of the transaction) makes concurrent writers append
-- one after the other, so each reads the head the previous one committed; the unique seq
-- refuses a fork should a writer still see a stale head (REPEATABLE READ).
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7310047);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_log_entry_hash(NEW);
  RETURN NEW;
END
$$;--> statement-breakpoint
-- Existing entries are chained in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  n bigint := 0;
  last_hash text;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY at, id LOOP
    n := n + 1;
    r.seq := n;
    r.prev_hash := last_hash;
    last_hash := audit_log_entry_hash(r);
    UPDATE audit_log SET seq = n, prev_hash = r.prev_hash, hash = last_hash WHERE id = r.id;
  END LOOP;
END
$$;--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
