-- Indexes for every lookup of the search API and the vendor facades. Each index that pages ends with
-- (call_time DESC, call_id DESC): the keyset cursor's order, so a page is one index range scan.

-- The DID compared like the customer: E.164 when known, else the digits as received.
ALTER TABLE call ADD COLUMN did_match_key text
    GENERATED ALWAYS AS (coalesce(did_e164, nullif(regexp_replace(did_raw, '[^0-9+]', '', 'g'), ''))) STORED;

DROP INDEX call_by_customer;
DROP INDEX call_by_extension;
DROP INDEX call_by_time;

CREATE INDEX call_by_customer  ON call (tenant, customer_match_key, call_time DESC, call_id DESC);
CREATE INDEX call_by_extension ON call (tenant, extension, call_time DESC, call_id DESC);
CREATE INDEX call_by_agent     ON call (tenant, agent_id, call_time DESC, call_id DESC);
CREATE INDEX call_by_did       ON call (tenant, did_match_key, call_time DESC, call_id DESC);
CREATE INDEX call_by_time      ON call (tenant, call_time DESC, call_id DESC);
CREATE INDEX call_by_reference ON call (tenant, call_reference_id, call_time DESC, call_id DESC)
    WHERE call_reference_id IS NOT NULL;

-- A CRM asked, through RetrieveRecFile's bDeletionProtected=true, that the recording be kept from retention. Kept
-- apart from deletion_protected, which the events set and a newer event may clear: a CRM's request is not undone.
ALTER TABLE recording ADD COLUMN protected_on_request boolean NOT NULL DEFAULT false;
