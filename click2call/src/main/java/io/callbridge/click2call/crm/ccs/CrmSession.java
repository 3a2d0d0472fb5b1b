package io.callbridge.click2call.crm.ccs;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One agent's session, opened by a login; known only by the hash of its value. */
@Entity
@Table(name = "crm_session")
public class CrmSession {

    @Id
    public String sessionSha256;
    public String tenant;
    public String agent;
    public Instant createdAt;
    public Instant expiresAt;
}
