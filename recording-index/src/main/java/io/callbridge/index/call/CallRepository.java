package io.callbridge.index.call;

import io.callbridge.common.event.CallEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** The calls of the index, by tenant and call id. */
@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<IndexedCall, CallKey> {

    /** The call, or null when the index has none of that key. */
    @WithSession
    public Uni<IndexedCall> byKey(CallKey key) {
        return findById(key);
    }

    /**
     * The event's call, locked until the transaction ends, created first when it is the call's first event.
     * Two first events of one call may race to create it (the partition key serializes them, except while a
     * rebalance hands the partition over): the loser's insert waits for the winner's transaction and then finds its
     * row, so neither fails.
     */
    @WithSession
    public Uni<IndexedCall> lockOrCreate(CallEvent event) {
        CallKey key = CallKey.of(event);
        return lock(key)
                .onItem().ifNull().switchTo(() -> createIfAbsent(event).chain(() -> lock(key)));
    }

    private Uni<IndexedCall> lock(CallKey key) {
        return findById(key, LockModeType.PESSIMISTIC_WRITE);
    }

    private Uni<Integer> createIfAbsent(CallEvent event) {
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO call (tenant, call_id, source_system, source_instance, first_event_at, last_event_at)
                        VALUES (:tenant, :callId, :sourceSystem, :sourceInstance, :occurredAt, :occurredAt)
                        ON CONFLICT (tenant, call_id) DO NOTHING""")
                .setParameter("tenant", event.tenant().value())
                .setParameter("callId", event.callId())
                .setParameter("sourceSystem", event.source().system().name())
                .setParameter("sourceInstance", event.source().instance())
                .setParameter("occurredAt", event.times().occurredAt())
                .executeUpdate());
    }
}
