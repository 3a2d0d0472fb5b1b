-- The endpoints: whether deliveries go out to them, and the definitions of those a tenant made through the API
-- (named '<tenant>/<name>'); the others are defined in configuration. A deleted endpoint keeps its row, without a
-- definition, for its deliveries' sake.
CREATE TABLE endpoint (
    name            text PRIMARY KEY,
    tenant          text,
    definition      jsonb,
    enabled         boolean     NOT NULL DEFAULT true,
    disabled_reason text,
    disabled_at     timestamptz,
    failure_streak  integer     NOT NULL DEFAULT 0
);

-- The outbox: one row per event and endpoint, written in the transaction that takes the event off Kafka.
CREATE TABLE delivery (
    id              bigserial PRIMARY KEY,
    event_id        uuid        NOT NULL,
    endpoint        text        NOT NULL REFERENCES endpoint (name),
    tenant          text        NOT NULL,
    call_id         text        NOT NULL,
    kind            text        NOT NULL,
    event           jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    last_outcome    text,
    -- A redelivered Kafka record finds its deliveries there already.
    UNIQUE (event_id, endpoint)
);

-- What the worker claims.
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state = 'PENDING';
-- The earlier deliveries of a call to an endpoint, which a later one waits for.
CREATE INDEX delivery_call_order ON delivery (endpoint, tenant, call_id, id) WHERE state = 'PENDING';

CREATE TABLE delivery_attempt (
    id          bigserial PRIMARY KEY,
    delivery_id bigint      NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    attempt     integer     NOT NULL,
    started_at  timestamptz NOT NULL,
    latency_ms  integer     NOT NULL,
    status      integer,
    outcome     text        NOT NULL,
    -- The first 2 KB of the answer.
    response    text
);

CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, attempt);
