package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ids of the events already applied: the memory that makes a redelivered event harmless. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Records the events as processed, in one statement.
     *
     * @return the ids that were not recorded before, neither by an earlier delivery nor by a concurrent one (which
     *         then holds the row); an id given twice counts once
     */
    @WithSession
    public Uni<Set<UUID>> recordFirstSights(List<CallEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(:e").append(i).append(", :t").append(i).append(", :c").append(i)
                    .append(", :k").append(i).append(", :o").append(i).append(')');
        }
        // The statement begins with WITH so that the inserted ids come back as the rows of a query.
        String sql = "WITH inserted AS (INSERT INTO processed_event (event_id, tenant, call_id, kind, occurred_at)"
                + " VALUES " + values + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id)"
                + " SELECT event_id FROM inserted";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, UUID.class);
            for (int i = 0; i < events.size(); i++) {
                CallEvent event = events.get(i);
                query.setParameter("e" + i, event.eventId())
                        .setParameter("t" + i, event.tenant().value())
                        .setParameter("c" + i, event.callId())
                        .setParameter("k" + i, event.kind().name())
                        .setParameter("o" + i, event.times().occurredAt());
            }
            return query.getResultList();
        }).map(HashSet::new);
    }
}
