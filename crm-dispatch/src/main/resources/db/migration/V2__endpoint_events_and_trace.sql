-- Why an endpoint was enabled again (through the API, by configuration), for the ENABLED event.
ALTER TABLE endpoint ADD COLUMN enabled_reason text;

-- The notifications that an endpoint was disabled or enabled, written by the trigger below in the transaction that
-- changes the endpoint, so that none is lost when the service dies right after the change; a relay publishes them
-- to callbridge.endpoint-events and marks them published. Consumers drop repeats by event_id.
CREATE TABLE endpoint_event (
    id             bigserial PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    endpoint       text        NOT NULL,
    tenant         text,
    status         text        NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
    reason         text,
    failure_streak integer     NOT NULL,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    -- A relay that took the event holds it until then; another takes it after (at least once).
    leased_until   timestamptz,
    published_at   timestamptz
);

CREATE INDEX endpoint_event_unpublished ON endpoint_event (id) WHERE published_at IS NULL;

-- A change of an existing endpoint's enabled flag; creating, deleting and re-creating an endpoint are no such change.
CREATE FUNCTION endpoint_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO endpoint_event (endpoint, tenant, status, reason, failure_streak)
    VALUES (NEW.name, NEW.tenant, CASE WHEN NEW.enabled THEN 'ENABLED' ELSE 'DISABLED' END,
            CASE WHEN NEW.enabled THEN NEW.enabled_reason ELSE NEW.disabled_reason END,
            CASE WHEN NEW.enabled THEN 0 ELSE NEW.failure_streak END);
    RETURN NEW;
END $$;

CREATE TRIGGER endpoint_status_changed AFTER UPDATE OF enabled ON endpoint
    FOR EACH ROW
    WHEN (OLD.enabled IS DISTINCT FROM NEW.enabled
          AND (OLD.definition IS NOT NULL OR OLD.tenant IS NULL)
          AND (NEW.definition IS NOT NULL OR NEW.tenant IS NULL))
    EXECUTE FUNCTION endpoint_status_changed();

-- The W3C trace context of the consumed Kafka record, sent on with each attempt of the delivery.
ALTER TABLE delivery ADD COLUMN traceparent text;

-- The claim looks up each endpoint's due deliveries on their own (no endpoint's backlog fills a claim).
CREATE INDEX delivery_due_by_endpoint ON delivery (endpoint, next_attempt_at) WHERE state = 'PENDING';

-- A queue table: each claimed and each settled delivery leaves a dead entry at the front of the due indexes, which
-- every claim walks until vacuum removes it; vacuum it after 1% of its rows changed rather than 20%.
ALTER TABLE delivery SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
