package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The ids of the events already applied: the memory that makes a redelivered event harmless. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Records the event as processed.
     *
     * @return false when it already was, by an earlier delivery or a concurrent one (which then holds the row)
     */
    @WithSession
    public Uni<Boolean> recordFirstSight(CallEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO processed_event (event_id, tenant, call_id, kind, occurred_at)
                        VALUES (:eventId, :tenant, :callId, :kind, :occurredAt)
                        ON CONFLICT (event_id) DO NOTHING""")
                        .setParameter("eventId", event.eventId())
                        .setParameter("tenant", event.tenant().value())
                        .setParameter("callId", event.callId())
                        .setParameter("kind", event.kind().name())
                        .setParameter("occurredAt", event.times().occurredAt())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
