-- Every dial request and where it stands: what GET /v1/calls/{id} answers, what a double click finds, and what the
-- PBX's own call events are matched against.
CREATE TABLE dial_request (
    request_id    uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    agent         text        NOT NULL,
    -- the agent as the PBX knows it: extension, ConVox agent id, UIS employee id
    pbx_agent     text        NOT NULL,
    number_raw    text        NOT NULL,
    number_e164   text        NOT NULL,
    caller_id     text,
    status        text        NOT NULL,
    reason        text,
    -- the PBX's id of the call when its answer names one (UIS call_session_id)
    pbx_call_id   text,
    requested_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- the double-click lookup: the same agent and number of one tenant, newest first
CREATE INDEX dial_request_recent ON dial_request (tenant, agent, number_e164, requested_at DESC);
-- correlation of the PBX's call events: by the PBX's call id, else by number and time
CREATE INDEX dial_request_pbx_call ON dial_request (tenant, pbx_call_id) WHERE pbx_call_id IS NOT NULL;
CREATE INDEX dial_request_open ON dial_request (tenant, number_e164, requested_at DESC);
