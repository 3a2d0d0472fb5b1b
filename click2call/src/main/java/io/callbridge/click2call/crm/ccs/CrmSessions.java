package io.callbridge.click2call.crm.ccs;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The stored sessions. */
@ApplicationScoped
public class CrmSessions implements PanacheRepositoryBase<CrmSession, String> {

    /** The session of that hash still valid at the moment, or null. */
    @WithSession
    public Uni<CrmSession> validAt(String sessionSha256, Instant now) {
        return find("sessionSha256 = ?1 and expiresAt > ?2", sessionSha256, now).firstResult();
    }
}
