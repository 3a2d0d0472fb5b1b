package io.callbridge.dispatch.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the outbox holds, read with the service's own pool. */
public final class OutboxRows {

    /** A delivery row. */
    public record Delivery(long id, String state, int attempts, String lastOutcome) {
    }

    /** A delivery attempt row. */
    public record Attempt(int attempt, Integer status, String outcome, String response, int latencyMs) {
    }

    /** An endpoint row. */
    public record Endpoint(boolean enabled, String disabledReason, int failureStreak) {
    }

    private final Pool pool;

    public OutboxRows(Pool pool) {
        this.pool = pool;
    }

    public Optional<Delivery> delivery(UUID eventId, String endpoint) {
        List<Delivery> rows = new ArrayList<>();
        for (Row row : query("SELECT id, state, attempts, last_outcome FROM delivery WHERE event_id = $1 AND endpoint = $2",
                Tuple.of(eventId, endpoint))) {
            rows.add(new Delivery(row.getLong("id"), row.getString("state"), row.getInteger("attempts"),
                    row.getString("last_outcome")));
        }
        return rows.stream().findFirst();
    }

    /** The delivery, once it is in that state. */
    public Delivery awaitState(UUID eventId, String endpoint, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery(eventId, endpoint)
                .filter(delivery -> delivery.state().equals(state)).isPresent());
        return delivery(eventId, endpoint).orElseThrow();
    }

    public List<Attempt> attempts(UUID eventId, String endpoint) {
        List<Attempt> attempts = new ArrayList<>();
        for (Row row : query("""
                SELECT a.attempt, a.status, a.outcome, a.response, a.latency_ms FROM delivery_attempt a
                JOIN delivery d ON d.id = a.delivery_id WHERE d.event_id = $1 AND d.endpoint = $2
                ORDER BY a.attempt""", Tuple.of(eventId, endpoint))) {
            attempts.add(new Attempt(row.getInteger("attempt"), row.getInteger("status"), row.getString("outcome"),
                    row.getString("response"), row.getInteger("latency_ms")));
        }
        return attempts;
    }

    public Endpoint endpoint(String name) {
        Row row = query("SELECT enabled, disabled_reason, failure_streak FROM endpoint WHERE name = $1",
                Tuple.of(name)).iterator().next();
        return new Endpoint(row.getBoolean("enabled"), row.getString("disabled_reason"),
                row.getInteger("failure_streak"));
    }

    private Iterable<Row> query(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(10));
    }
}
