package io.callbridge.click2call.call;

import io.callbridge.common.dial.DialRequest.DialStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stored dial requests. */
@ApplicationScoped
public class DialRecords implements PanacheRepositoryBase<DialRecord, UUID> {

    /** The tenant's request of that id, or null: another tenant's request is as good as absent. */
    @WithSession
    public Uni<DialRecord> ofTenant(String tenant, UUID requestId) {
        return find("tenant = ?1 and requestId = ?2", tenant, requestId).firstResult();
    }

    /**
     * Holds, until the transaction ends, the lock of one agent dialing one number, so that two clicks arriving
     * together (on this replica or another) are admitted one after the other and the second finds the first.
     */
    @WithSession
    public Uni<Void> lockAgentNumber(String tenant, String agent, String numberE164) {
        return getSession().chain(session -> session.createNativeQuery("""
                        SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked""")
                        .setParameter("key", "click2call:" + tenant + ":" + agent + ":" + numberE164)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The newest request of the agent for the number since the given moment, or null. */
    @WithSession
    public Uni<DialRecord> newestSince(String tenant, String agent, String numberE164, Instant since) {
        return find("tenant = ?1 and agent = ?2 and numberE164 = ?3 and requestedAt >= ?4 order by requestedAt desc",
                tenant, agent, numberE164, since).firstResult();
    }

    /** How many requests the agent made since the given moment. */
    @WithSession
    public Uni<Long> countSince(String tenant, String agent, Instant since) {
        return count("tenant = ?1 and agent = ?2 and requestedAt >= ?3", tenant, agent, since);
    }

    /** The request the PBX's call id belongs to, or null. */
    @WithSession
    public Uni<DialRecord> byPbxCallId(String tenant, String pbxCallId) {
        return find("tenant = ?1 and pbxCallId = ?2", tenant, pbxCallId).firstResult();
    }

    /**
     * The newest request to the number, dialed between the two moments and still open, that no PBX call id claims
     * yet: the one a call event without a known call id belongs to.
     */
    @WithSession
    public Uni<DialRecord> newestOpenTo(String tenant, String numberE164, Instant from, Instant until) {
        return find("tenant = ?1 and numberE164 = ?2 and requestedAt between ?3 and ?4 and status in ?5 "
                        + "and pbxCallId is null order by requestedAt desc",
                tenant, numberE164, from, until, List.of(DialStatus.DIALING, DialStatus.ANSWERED)).firstResult();
    }
}
