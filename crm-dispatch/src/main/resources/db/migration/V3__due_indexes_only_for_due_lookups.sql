-- The due indexes serve only the lookups that bound next_attempt_at (the claim's search, the backlog figures): a
-- query that does (next_attempt_at <= now(), > now()) implies "next_attempt_at IS NOT NULL", the others do not, so the
-- planner can no longer use them to find a call's pending deliveries. It did, while its statistics lagged a growing
-- backlog: each such lookup read every pending row of the endpoint instead of the call's few in delivery_call_order
-- (pg_stat_user_indexes: 340 million entries read to deliver 40,000 events).
DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state = 'PENDING' AND next_attempt_at IS NOT NULL;
DROP INDEX delivery_due_by_endpoint;
CREATE INDEX delivery_due_by_endpoint ON delivery (endpoint, next_attempt_at)
    WHERE state = 'PENDING' AND next_attempt_at IS NOT NULL;
