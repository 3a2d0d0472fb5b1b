-- The hot lookups answered from indexes alone (index-only scans), without reading the tables' pages: with the tables
-- larger than PostgreSQL's buffers, each row read from the heap was a random page read, and RetrieveRecFile read
-- one per candidate call and one per recording (module README, "Tables"; bench/index README, "Figures").
--
-- On a large production database, build the two indexes first by hand with CREATE [UNIQUE] INDEX CONCURRENTLY and
-- the same names and definitions: this migration then only swaps them in (IF NOT EXISTS), instead of locking the
-- tables against writes while it builds them.

-- RetrieveRecFile's match (RecordingMatcher) reads the extension's calls in a time window and needs, of each, its
-- start, end (ended_at, else start plus total_seconds), customer match key and call id: all in call_by_extension now.
-- The search by extension keeps the same keys in the same order.
CREATE INDEX IF NOT EXISTS call_by_extension_covering ON call (tenant, extension, call_time DESC, call_id DESC)
    INCLUDE (ended_at, total_seconds, customer_match_key);
DROP INDEX call_by_extension;
ALTER INDEX call_by_extension_covering RENAME TO call_by_extension;

-- A call's recordings (RetrieveRecFile's first recording, the recordings of every page of calls) are found by
-- (tenant, call_id) in this constraint's index; it now carries every column those lookups return. The constraint
-- is the same: unique per call and location.
CREATE UNIQUE INDEX IF NOT EXISTS recording_per_call_location_covering ON recording (tenant, call_id, location)
    INCLUDE (id, file_name, deletion_protected, protected_on_request);
ALTER TABLE recording
    DROP CONSTRAINT recording_per_call_location,
    ADD CONSTRAINT recording_per_call_location UNIQUE USING INDEX recording_per_call_location_covering;
