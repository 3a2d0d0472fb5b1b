-- The lookups of recording-index as the service sends them (bound parameters), for EXPLAIN. Every page of calls
-- (1 to 7, 10 to 13) reads each call's recordings from its row (the recordings column, migration V5): one range scan
-- of an index with the table's rows, no other table. Run against a database migrated by the service, e.g.
-- psql -v ON_ERROR_STOP=1 -f docs/explain-lookups.sql.
\pset pager off
SET plan_cache_mode = force_generic_plan;

\echo '### 1. GET /v1/calls?number=... (first page): call_by_customer, each call''s row with its recordings'
-- (the service names the call's columns, in CallRows' order, where this says c.*: the same plan)
PREPARE by_number(text, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $2 AND (c.customer_match_key = $1)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $3;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE by_number('+97235007919', 'acme', 51);

\echo '### 2. GET /v1/calls?number=...&cursor=... (a later page): the keyset continues in call_by_customer'
PREPARE by_number_after(text, text, timestamptz, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $2 AND (c.customer_match_key = $1)
  AND (c.call_time, c.call_id) < ($3, $4)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $5;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_number_after('+97235007919', 'acme', '2024-06-01T00:00:00Z', 'call-0', 51);

\echo '### 3. GET /v1/calls?extension=...&from=...&to=...: call_by_extension'
PREPARE by_extension(text, timestamptz, timestamptz, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $4 AND (c.extension = $1 AND c.call_time >= $2 AND c.call_time < $3)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $5;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_extension('1004', '2024-03-01T00:00:00Z', '2024-03-08T00:00:00Z', 'acme', 51);

\echo '### 4. GET /v1/calls?agent=...: call_by_agent'
PREPARE by_agent(text, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $2 AND (c.agent_id = $1)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $3;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_agent('agent-7', 'acme', 51);

\echo '### 5. GET /v1/calls?did=...: call_by_did'
PREPARE by_did(text, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $2 AND (c.did_match_key = $1)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $3;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_did('+97235510007', 'acme', 51);

\echo '### 6. GET /v1/calls?callReference=...: call_by_reference'
PREPARE by_reference(text, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $2 AND (c.call_reference_id = $1)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $3;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_reference('REF-11', 'acme', 51);

\echo '### 7. GET /v1/calls?from=...&to=...&direction=...&outcome=...&disposition=...&minDuration=...&hasRecording=true'
\echo '###    (filters without an index of their own): call_by_time, the other conditions filter in order'
PREPARE by_time_and_more(timestamptz, timestamptz, text, text, text, int, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $7 AND (c.call_time >= $1 AND c.call_time < $2 AND c.direction = $3
  AND c.outcome = $4 AND c.disposition = $5 AND c.total_seconds >= $6
  AND c.recordings IS NOT NULL)
ORDER BY c.call_time DESC, c.call_id DESC LIMIT $8;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_time_and_more('2024-03-01T00:00:00Z', '2024-03-08T00:00:00Z', 'INBOUND',
  'ANSWERED', 'Interested', 120, 'acme', 51);

\echo '### 8. The recordings of a page of calls (every API above): on the call''s row, read with it (1)'
\echo '### 9. RetrieveRecFile: the call on the extension spanning the time, else the nearest start (call_by_extension),'
\echo '###    and its first recording (recording_per_call_location), in one statement'
PREPARE retrieve_rec_file(timestamptz, text, text, timestamptz, timestamptz, timestamptz, text) AS
SELECT (SELECT r.location FROM recording r WHERE r.tenant = m.tenant AND r.call_id = m.call_id ORDER BY r.id LIMIT 1)
  AS location FROM (
SELECT c.tenant, c.call_id FROM call c WHERE c.tenant = $2 AND c.extension = $3 AND c.call_time BETWEEN $4 AND $5
  AND ((c.call_time <= $1 AND coalesce(c.ended_at, c.call_time + c.total_seconds * interval '1 second', c.call_time) >= $1)
       OR c.call_time >= $6)
ORDER BY (c.call_time <= $1 AND coalesce(c.ended_at, c.call_time + c.total_seconds * interval '1 second', c.call_time) >= $1) DESC,
  CASE WHEN (c.call_time <= $1 AND coalesce(c.ended_at, c.call_time + c.total_seconds * interval '1 second', c.call_time) >= $1)
       THEN 0 ELSE abs(extract(epoch FROM c.call_time - $1)) END,
  (c.customer_match_key IS NOT DISTINCT FROM $7) DESC, abs(extract(epoch FROM c.call_time - $1)), c.call_id
LIMIT 1) m;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE retrieve_rec_file('2024-02-15T00:15:15.5Z', 'acme', '1057',
  '2024-02-14T20:15:15.5Z', '2024-02-15T00:16:15.5Z', '2024-02-15T00:14:15.5Z', '+97235255983');

\echo '### 9b. RetrieveRecFile with bDeletionProtected=true: the same match, its call locked, and the recording protected'
\echo '###     (its call''s recordings column follows, by the trigger of V5), in one statement'
BEGIN;
PREPARE retrieve_rec_file_and_protect(timestamptz, text, text, timestamptz, timestamptz, timestamptz, text) AS
WITH m AS (
SELECT c.tenant, c.call_id FROM call c WHERE c.tenant = $2 AND c.extension = $3 AND c.call_time BETWEEN $4 AND $5
  AND ((c.call_time <= $1 AND coalesce(c.ended_at, c.call_time + c.total_seconds * interval '1 second', c.call_time) >= $1)
       OR c.call_time >= $6)
ORDER BY (c.call_time <= $1 AND coalesce(c.ended_at, c.call_time + c.total_seconds * interval '1 second', c.call_time) >= $1) DESC,
  CASE WHEN (c.call_time <= $1 AND coalesce(c.ended_at, c.call_time + c.total_seconds * interval '1 second', c.call_time) >= $1)
       THEN 0 ELSE abs(extract(epoch FROM c.call_time - $1)) END,
  (c.customer_match_key IS NOT DISTINCT FROM $7) DESC, abs(extract(epoch FROM c.call_time - $1)), c.call_id
LIMIT 1 FOR UPDATE),
found AS (SELECT r.id, r.location FROM recording r JOIN m ON r.tenant = m.tenant AND r.call_id = m.call_id
          ORDER BY r.id LIMIT 1),
protected AS (UPDATE recording SET protected_on_request = true WHERE id IN (SELECT id FROM found)
              AND NOT protected_on_request)
SELECT location FROM found;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE retrieve_rec_file_and_protect('2024-02-15T00:15:15.5Z', 'acme', '1057',
  '2024-02-14T20:15:15.5Z', '2024-02-15T00:16:15.5Z', '2024-02-15T00:14:15.5Z', '+97235255983');
ROLLBACK;

\echo '### 10. reportsCDRLogs?activecallkey=... (and GET /v1/calls/{callId}): call_pk'
PREPARE by_call_id(text, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $2 AND (c.call_id = $1)
ORDER BY c.call_time ASC, c.call_id ASC LIMIT $3;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE by_call_id('call-1', 'acme', 101);

\echo '### 11. reportsCDRLogs?startdate=...&finishdate=...&cursor=...: call_by_time, read backwards (oldest first)'
PREPARE cdr_range(timestamptz, timestamptz, text, timestamptz, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $3 AND (c.call_time >= $1 AND c.call_time < $2)
  AND (c.call_time, c.call_id) > ($4, $5)
ORDER BY c.call_time ASC, c.call_id ASC LIMIT $6;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE cdr_range('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z', 'acme',
  '2024-03-05T08:00:00Z', 'call-0', 101);

\echo '### 12. get.call_legs_report: date range and 003''s filter (call_session_id = ... and is_talked = true)'
PREPARE call_legs(timestamptz, timestamptz, text, boolean, text, int) AS
SELECT c.* FROM call c WHERE c.tenant = $5 AND (c.call_time >= $1 AND c.call_time < $2
  AND (c.call_id = $3 AND (c.answered_at IS NOT NULL OR coalesce(c.talk_seconds, 0) > 0) = $4))
ORDER BY c.call_time ASC, c.call_id ASC LIMIT $6;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE call_legs('2024-03-05T00:00:00Z', '2024-03-05T00:10:00Z', 'call-200000', true,
  'acme', 101);

\echo '### 13. FixDigital call-list?number=...: as 1'
\echo '### 14. The stored query, as a reader role: recording_record by extension and time'
INSERT INTO stored_query_reader VALUES (current_user, 'acme') ON CONFLICT DO NOTHING;
PREPARE stored_query(text, timestamptz, timestamptz) AS
SELECT * FROM recording_record WHERE extension = $1 AND call_time BETWEEN $2 AND $3 ORDER BY call_time DESC;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE stored_query('1004', '2024-03-01T00:00:00Z', '2024-03-08T00:00:00Z');
DELETE FROM stored_query_reader WHERE role_name = current_user;

-- The consumer's statements of a batch (ingest.CallStatements), for 500 calls the index has. Each in a transaction
-- rolled back: the lock is taken, and the upsert writes.
SELECT array_agg(call_id ORDER BY call_id) AS batch_calls, array_agg(tenant ORDER BY call_id) AS batch_tenants
FROM (SELECT tenant, call_id FROM call WHERE tenant = 'acme' ORDER BY call_id LIMIT 500) s \gset
\echo '### 15. Consumer: the batch''s calls that the index has, each by call_pk and locked in the key order of the'
\echo '###     arrays, with their recordings'
BEGIN;
PREPARE lock_calls(text[], text[]) AS
SELECT c.* FROM unnest($1::text[], $2::text[]) AS k(tenant, call_id)
CROSS JOIN LATERAL (SELECT * FROM call WHERE call.tenant = k.tenant AND call.call_id = k.call_id FOR UPDATE) c;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE lock_calls(:'batch_tenants', :'batch_calls');
ROLLBACK;

\echo '### 16. Consumer: the changed calls written back, each by its primary key (the service sends every column;'
\echo '###     the plan is the same)'
BEGIN;
PREPARE write_back(text[], text[], text[], text[], timestamptz[], timestamptz[], int[]) AS
INSERT INTO call (tenant, call_id, source_system, source_instance, first_event_at, last_event_at, event_count)
SELECT u.tenant, u.call_id, u.source_system, u.source_instance, u.first_event_at, u.last_event_at, u.event_count
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[])
  AS u(tenant, call_id, source_system, source_instance, first_event_at, last_event_at, event_count)
ON CONFLICT (tenant, call_id) DO UPDATE SET source_system = EXCLUDED.source_system,
  source_instance = EXCLUDED.source_instance, first_event_at = EXCLUDED.first_event_at,
  last_event_at = EXCLUDED.last_event_at, event_count = EXCLUDED.event_count;
SELECT array_agg(source_system) AS batch_systems, array_agg(source_instance) AS batch_instances,
  array_agg(first_event_at) AS batch_firsts, array_agg(last_event_at) AS batch_lasts,
  array_agg(event_count + 1) AS batch_counts
FROM (SELECT * FROM call WHERE tenant = 'acme' ORDER BY call_id LIMIT 500) s \gset
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE write_back(:'batch_tenants', :'batch_calls', :'batch_systems',
  :'batch_instances', :'batch_firsts', :'batch_lasts', :'batch_counts');
ROLLBACK;
