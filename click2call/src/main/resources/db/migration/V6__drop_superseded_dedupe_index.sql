-- dial_request_recent served the dedupe look-up of V1 (an agent's latest request for a number). Since V4 the dedupe
-- is a claim row in dial_dedupe and the rate limit counts through dial_request_agent; no query reads this index, and
-- every insert and every settled status (not a HOT update: status and pbx_call_id are indexed) still wrote to it.
DROP INDEX IF EXISTS dial_request_recent;
