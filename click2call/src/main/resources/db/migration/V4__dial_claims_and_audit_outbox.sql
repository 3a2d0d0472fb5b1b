-- One row per tenant, agent and number: the request a click for that number is, while the dedupe window lasts.
-- A new click claims the row (INSERT ... ON CONFLICT DO UPDATE when the window has passed) in the same statement that
-- stores its dial request, so two clicks arriving together (on any replica) are one request: the second waits for
-- the first's row and finds it within the window. This replaces the advisory lock and the look-ups of V1.
CREATE TABLE dial_dedupe (
    tenant        text        NOT NULL,
    agent         text        NOT NULL,
    number_e164   text        NOT NULL,
    request_id    uuid        NOT NULL,
    requested_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, agent, number_e164)
);

-- the W3C trace context the CRM sent (traceparent), carried on every audit record of the request
ALTER TABLE dial_request ADD COLUMN traceparent text;

-- the per-agent rate limit counts the agent's requests of the period
CREATE INDEX dial_request_agent ON dial_request (tenant, agent, requested_at);

-- Each status of a dial request still to be acknowledged by Kafka (callbridge.dial-requests), written in the statement
-- that sets the status. Published as soon as written and deleted once Kafka acknowledged; a row left behind (Kafka
-- down, the process killed) is published again later: every status reaches Kafka at least once.
CREATE TABLE dial_audit (
    id           bigserial   PRIMARY KEY,
    request_id   uuid        NOT NULL,
    status       text        NOT NULL,
    reason       text,
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- A claim whose replica died before it stored the follow-up's dial request is taken over after a lease (the dial
-- request's id is the follow-up's, so a follow-up already handed to the PBX is never dialed again).
CREATE INDEX follow_up_claimed ON follow_up (claimed_at) WHERE status = 'CLAIMED';
