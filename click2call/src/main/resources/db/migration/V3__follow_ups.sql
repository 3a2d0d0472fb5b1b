-- Callbacks a CRM asked for when it disposed of a call (ConVox set_followUp). A replica claims a due one by moving
-- it from PENDING to CLAIMED in one statement; only the claimer places it, so it is placed once whatever the number
-- of replicas. A claim whose replica died before dialing stays CLAIMED: never dialed twice, visible to an operator.
CREATE TABLE follow_up (
    id           uuid        PRIMARY KEY,
    tenant       text        NOT NULL,
    agent        text        NOT NULL,
    number_raw   text        NOT NULL,
    -- the ConVox call it follows up
    convox_id    text,
    disposition  text,
    due_at       timestamptz NOT NULL,
    status       text        NOT NULL,
    claimed_by   text,
    claimed_at   timestamptz,
    request_id   uuid,
    reason       text,
    created_at   timestamptz NOT NULL
);

CREATE INDEX follow_up_due ON follow_up (due_at) WHERE status = 'PENDING';
