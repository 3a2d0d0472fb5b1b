package io.callbridge.dispatch.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An endpoint's deliveries with every attempt, newest first; and replays of them. */
@ApplicationScoped
public class DeliveryLog {

    /**
     * One attempt.
     *
     * @param attempt   its number, from 1
     * @param startedAt when the request went out
     * @param latencyMs until the answer or the failure
     * @param status    the HTTP status, when the CRM answered
     * @param outcome   in a few words
     * @param response  the first 2 KB of the answer
     */
    public record Attempt(int attempt, Instant startedAt, int latencyMs, Integer status, String outcome,
                          String response) {
    }

    /**
     * One delivery.
     *
     * @param id            its id, for a replay
     * @param eventId       the event's id, in the requests' headers
     * @param callId        the call
     * @param kind          the event's kind
     * @param state         PENDING, DELIVERED or DEAD
     * @param createdAt     when the event was taken in
     * @param nextAttemptAt when it is due, while pending
     * @param attempts      every attempt, in order
     */
    public record Delivery(long id, UUID eventId, String callId, String kind, DeliveryState state,
                           Instant createdAt, Instant nextAttemptAt, List<Attempt> attempts) {
    }

    private final Pool pool;

    DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param state  only deliveries in this state, when not null
     * @param callId only this call's, when not null
     */
    public Uni<List<Delivery>> of(String endpoint, DeliveryState state, String callId, int limit) {
        return pool.preparedQuery("""
                        WITH chosen AS (
                            SELECT id, event_id, call_id, kind, state, created_at, next_attempt_at FROM delivery
                            WHERE endpoint = $1 AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR call_id = $3)
                            ORDER BY id DESC LIMIT $4)
                        SELECT c.*, a.attempt, a.started_at, a.latency_ms, a.status, a.outcome, a.response
                        FROM chosen c LEFT JOIN delivery_attempt a ON a.delivery_id = c.id
                        ORDER BY c.id DESC, a.attempt""")
                .execute(Tuple.from(Arrays.asList(endpoint, state == null ? null : state.name(), callId, limit)))
                .map(rows -> {
                    Map<Long, Delivery> deliveries = new LinkedHashMap<>();
                    for (Row row : rows) {
                        Delivery delivery = deliveries.computeIfAbsent(row.getLong("id"), id -> new Delivery(id,
                                row.getUUID("event_id"), row.getString("call_id"), row.getString("kind"),
                                DeliveryState.valueOf(row.getString("state")), instant(row, "created_at"),
                                instant(row, "next_attempt_at"), new ArrayList<>()));
                        if (row.getInteger("attempt") != null) {
                            delivery.attempts().add(new Attempt(row.getInteger("attempt"), instant(row, "started_at"),
                                    row.getInteger("latency_ms"), row.getInteger("status"), row.getString("outcome"),
                                    row.getString("response")));
                        }
                    }
                    return List.copyOf(deliveries.values());
                });
    }

    /**
     * Sends deliveries again, from a first attempt, at once: one by its id, or every one of the endpoint created in
     * a time range, whatever its state.
     *
     * @return how many
     */
    public Uni<Integer> replay(String endpoint, Long id, Instant from, Instant to) {
        return pool.preparedQuery("""
                        UPDATE delivery SET state = 'PENDING', attempts = 0, next_attempt_at = now(), finished_at = NULL
                        WHERE endpoint = $1 AND ($2::bigint IS NULL OR id = $2)
                          AND ($3::timestamptz IS NULL OR created_at >= $3)
                          AND ($4::timestamptz IS NULL OR created_at < $4)""")
                .execute(Tuple.from(Arrays.asList(endpoint, id, offset(from), offset(to))))
                .map(rows -> rows.rowCount());
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
