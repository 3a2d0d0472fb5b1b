-- Sessions of the Call Center Studio-style login a CRM uses before click2call. Only a hash of each session is kept,
-- so that a copy of this table opens no session.
CREATE TABLE crm_session (
    session_sha256 text        PRIMARY KEY,
    tenant         text        NOT NULL,
    agent          text        NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL
);

CREATE INDEX crm_session_expiry ON crm_session (expires_at);
