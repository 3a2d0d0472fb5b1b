-- Each call carries its recordings, as a JSON array on its own row, so that a page of calls (GET /v1/calls and the
-- vendor facades) is one range scan of a call index with its heap rows: no probe of the recording index per call.
-- That join was about a third of PostgreSQL's CPU per search (bench/index README, "Figures").
--
-- The recording table stays the record of each recording (RetrieveRecFile, media, retention, the stored query); the
-- array is derived from it by the triggers below, in the statement that changes a recording, so no writer can let
-- the two differ. A writer that changes recordings of a call it has not locked must lock the call first (as the
-- consumer does, and RetrieveRecFile's protection): the trigger updates the call row, and locking the rows in the
-- other order could deadlock with the consumer.
--
-- The array holds, in the order the recordings became known (id): id, location, fileName, deletionProtected,
-- protectedOnRequest (io.callbridge.index.call.CallRows reads it); null when the call has none.

ALTER TABLE call ADD COLUMN recordings jsonb;

-- A call's recordings as the column holds them: the one place that writes the array's shape.
CREATE FUNCTION call_recordings(call_tenant text, call_key text) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_agg(jsonb_build_object('id', r.id, 'location', r.location, 'fileName', r.file_name,
                                        'deletionProtected', r.deletion_protected,
                                        'protectedOnRequest', r.protected_on_request) ORDER BY r.id)
    FROM recording r WHERE r.tenant = call_tenant AND r.call_id = call_key
$$;

-- The schema it is created in, whatever the search_path of the session whose statement fires it (the functions it
-- calls resolve their tables through it too).
CREATE FUNCTION call_recordings_follow() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE call c SET recordings = call_recordings(c.tenant, c.call_id)
    FROM (SELECT DISTINCT tenant, call_id FROM changed) k
    WHERE c.tenant = k.tenant AND c.call_id = k.call_id;
    RETURN NULL;
END
$$;

-- Once per statement, over the rows it changed (a batch of the consumer is one statement per kind of change).
CREATE TRIGGER recording_added AFTER INSERT ON recording
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION call_recordings_follow();
CREATE TRIGGER recording_updated AFTER UPDATE ON recording
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION call_recordings_follow();
CREATE TRIGGER recording_removed AFTER DELETE ON recording
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION call_recordings_follow();

-- The recordings already indexed.
UPDATE call c SET recordings = call_recordings(c.tenant, c.call_id)
FROM (SELECT DISTINCT tenant, call_id FROM recording) k
WHERE c.tenant = k.tenant AND c.call_id = k.call_id;

-- Room on each page for a call's next version (its recordings arrive after it, often in the same transaction), so
-- that updating a call can stay on its page and leave its indexes alone (a HOT update).
ALTER TABLE call SET (fillfactor = 90);
