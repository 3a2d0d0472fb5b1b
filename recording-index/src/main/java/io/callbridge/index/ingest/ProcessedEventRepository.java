package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ids of the events already applied: the memory that makes a redelivered event harmless. */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Records the events as processed, in one statement, in the caller's transaction.
     *
     * @return the ids that were not recorded before, neither by an earlier delivery nor by a concurrent one (which
     *         then holds the row); an id given twice counts once
     */
    public Uni<Set<UUID>> recordFirstSights(SqlConnection connection, List<CallEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] tenants = new String[n];
        String[] calls = new String[n];
        String[] kinds = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            CallEvent event = events.get(i);
            ids[i] = event.eventId();
            tenants[i] = event.tenant().value();
            calls[i] = event.callId();
            kinds[i] = event.kind().name();
            occurred[i] = event.times().occurredAt().atOffset(ZoneOffset.UTC);
        }
        return connection.preparedQuery("""
                        INSERT INTO processed_event (event_id, tenant, call_id, kind, occurred_at)
                        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                        ON CONFLICT (event_id) DO NOTHING
                        RETURNING event_id""")
                .execute(Tuple.from(Arrays.asList(ids, tenants, calls, kinds, occurred)))
                .map(rows -> {
                    Set<UUID> first = new HashSet<>();
                    for (Row row : rows) {
                        first.add(row.getUUID(0));
                    }
                    return first;
                });
    }
}
