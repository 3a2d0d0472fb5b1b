-- :calls calls of tenant acme (and every tenth of globex), 200 extensions, 300,000 customers, 50 DIDs, one call
-- every 31.5 s from 2024-01-01; four calls in five have a recording. A bulk loader: the consumer path is measured
-- by the consumer's own tests and the lag figure, not by seeding. The recordings go first (the foreign key dropped
-- meanwhile), so that each call is written once, its recordings column (migration V5) as V5's call_recordings()
-- makes it (here from a join, each call having at most one recording, rather than a lookup per call). Written the
-- other way round, the trigger would rewrite 800,000 calls and leave the table half dead rows.
ALTER TABLE recording DROP CONSTRAINT recording_call_fk;
INSERT INTO recording (tenant, call_id, location, file_name, deletion_protected)
SELECT CASE WHEN i % 10 = 0 THEN 'globex' ELSE 'acme' END, 'call-' || i, '/rec/call-' || i || '.wav', 'call-' || i || '.wav',
       false
FROM generate_series(1::bigint, :calls::bigint) AS i
WHERE (30 + i % 600) % 5 <> 0;
INSERT INTO call (tenant, call_id, source_system, source_instance, direction, mode, outcome, customer_raw, customer_e164,
                  customer_match_key, did_raw, did_e164, extension, agent_id, employee_id, started_at, answered_at,
                  ended_at, first_event_at, last_event_at, event_count, ring_seconds, talk_seconds, total_seconds,
                  disposition, call_reference_id, recordings)
SELECT CASE WHEN i % 10 = 0 THEN 'globex' ELSE 'acme' END,
       'call-' || i, 'CONVOX', 'pbx',
       CASE WHEN i % 3 = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END,
       CASE WHEN i % 3 = 0 THEN 'PREDICTIVE' END,
       CASE WHEN i % 7 = 0 THEN 'MISSED' ELSE 'ANSWERED' END,
       '03' || (5000000 + (i * 7919) % 300000), '+9723' || (5000000 + (i * 7919) % 300000),
       '+9723' || (5000000 + (i * 7919) % 300000),
       '0355' || (10000 + i % 50), '+97235' || (510000 + i % 50),
       (1000 + i % 200)::text, 'agent-' || (i % 100), (13000 + i % 100)::text,
       t, t + interval '5 seconds', t + make_interval(secs => 30 + i % 600), t, t + make_interval(secs => 30 + i % 600), 2,
       5, 25 + i % 600, 30 + i % 600,
       CASE WHEN i % 5 = 0 THEN 'Interested' ELSE 'Other' END,
       CASE WHEN i % 11 = 0 THEN 'REF-' || i END,
       CASE WHEN r.id IS NOT NULL THEN jsonb_build_array(jsonb_build_object('id', r.id, 'location', r.location,
           'fileName', r.file_name, 'deletionProtected', r.deletion_protected,
           'protectedOnRequest', r.protected_on_request)) END
FROM generate_series(1::bigint, :calls::bigint) AS i
     CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01 00:00:00Z' + make_interval(secs => i * 31.5) AS t) AS s
     LEFT JOIN recording r ON r.tenant = CASE WHEN i % 10 = 0 THEN 'globex' ELSE 'acme' END AND r.call_id = 'call-' || i;
ALTER TABLE recording ADD CONSTRAINT recording_call_fk FOREIGN KEY (tenant, call_id) REFERENCES call (tenant, call_id)
    ON DELETE CASCADE;
VACUUM ANALYZE;
