-- The stored query for direct database access (Recall's "Stored Query", FixDigital's "access to the database"): one
-- read-only view of the calls that have recordings, and a role that may read that view and nothing else.
--
-- A CRM connects as a login role of its own that is a member of recording_index_reader, registered in
-- stored_query_reader with its tenant: the view shows that tenant's rows only. The view reads the tables with its
-- owner's rights, and current_user is the CRM's role, so the CRM needs (and has) no right on any table.

CREATE TABLE stored_query_reader (
    role_name  name PRIMARY KEY,
    tenant     text NOT NULL
);

CREATE VIEW recording_record AS
SELECT c.tenant,
       c.call_id,
       c.call_time,
       c.started_at,
       c.answered_at,
       c.ended_at,
       c.direction,
       c.mode,
       c.outcome,
       c.customer_raw                                              AS customer_number,
       c.customer_match_key,
       c.did_raw                                                   AS did_number,
       c.did_match_key,
       c.extension,
       c.agent_id,
       c.total_seconds,
       c.talk_seconds,
       c.disposition,
       c.call_reference_id,
       r.id                                                        AS recording_id,
       r.location                                                  AS recording_location,
       r.file_name                                                 AS recording_file_name,
       (r.protected_on_request OR coalesce(r.deletion_protected, false)) AS deletion_protected
FROM call c
JOIN recording r ON r.tenant = c.tenant AND r.call_id = c.call_id
WHERE c.tenant = (SELECT q.tenant FROM stored_query_reader q WHERE q.role_name = current_user);

-- Roles belong to the whole server: created once, and only where the migrating user may create roles (a managed
-- database's application user often may not; an administrator then runs this block once by hand).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'recording_index_reader') THEN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            RAISE NOTICE 'role recording_index_reader not created: % may not create roles', current_user;
            RETURN;
        END IF;
        CREATE ROLE recording_index_reader NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO recording_index_reader', current_database());
    GRANT USAGE ON SCHEMA public TO recording_index_reader;
    GRANT SELECT ON recording_record TO recording_index_reader;
END
$$;
