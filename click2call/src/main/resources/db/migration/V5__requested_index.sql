-- The dial requests still REQUESTED: those in a PBX call right now, and those a service stopped during the call left
-- behind, which UnknownOutcomes gives up (FAILED, outcome unknown) after callbridge.click2call.outcome-unknown.after.
-- Partial, so it holds only the requests in flight however long dial_request grows.
CREATE INDEX dial_request_requested ON dial_request (requested_at) WHERE status = 'REQUESTED';
