-- Each event once, apart from its deliveries. The delivery row carried the event (jsonb) inline, and each write of a
-- delivery (stored, claimed, settled) wrote a new version of the whole row into the heap, the event included. The
-- event is now written once, by the statement that stores its deliveries (Outbox.store), and read by id when a
-- delivery is claimed without it in memory (Outbox.claim, Outbox.claimStored); the delivery row keeps what the
-- queries use.
--
-- json, not jsonb: no query looks into it; the service writes it and reads it back whole, and jsonb cost PostgreSQL
-- a conversion each way (text to binary when stored, binary to text when read). json keeps the text as given, and
-- still refuses what is not JSON.
CREATE TABLE delivery_event (
    event_id uuid PRIMARY KEY,
    event    json NOT NULL
);

-- The events of the deliveries already stored (an upgrade loses none): one row per event, whichever delivery's copy
-- (they are the same event).
INSERT INTO delivery_event (event_id, event)
SELECT DISTINCT ON (event_id) event_id, event::text::json FROM delivery ORDER BY event_id, id;

-- Only a catalog change: rows stored before keep their bytes until they are written again (settled, replayed) or the
-- table is rewritten (VACUUM FULL, which cannot run inside Flyway's transaction).
ALTER TABLE delivery DROP COLUMN event;

-- A redelivered Kafka record is recognised by its event (delivery_event's key, in the statement that stores the
-- deliveries, Outbox.store): the event and all its deliveries are stored together or not at all. The unique index on
-- (event_id, endpoint) did the same a delivery at a time, and cost an entry at a random place (a uuid) for each
-- delivery stored and for each new version of its row (settled, claimed anew); no query looks a delivery up by event.
ALTER TABLE delivery DROP CONSTRAINT delivery_event_id_endpoint_key;

-- No attempt is ever looked up by its id (the delivery log reads a delivery's attempts by delivery_attempt_delivery),
-- but each attempt recorded wrote an entry into its primary key. The id stays, as the order the attempts were recorded.
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_pkey;
