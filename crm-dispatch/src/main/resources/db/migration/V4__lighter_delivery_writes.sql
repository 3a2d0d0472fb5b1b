-- Each attempt is written by the statement that settles its delivery (Outbox.record, Outbox.recordDelivered), so its
-- delivery exists, and deliveries are never deleted. The foreign key checked it again for every attempt, locking the
-- delivery row (FOR KEY SHARE: a WAL record and a dirtied page per attempt) just before the same statement updates it.
ALTER TABLE delivery_attempt DROP CONSTRAINT delivery_attempt_delivery_id_fkey;

-- No query reads the due deliveries of all endpoints at once any more (the claim looks each endpoint's up in
-- delivery_due_by_endpoint), but every delivery stored or claimed wrote an entry into this index.
DROP INDEX delivery_due;

-- Room in each page for the new version of a row that a claim by id writes: when the claim leaves next_attempt_at
-- alone (Outbox.claimStored), that version is a heap-only tuple, with no new entry in any index.
ALTER TABLE delivery SET (fillfactor = 80);
