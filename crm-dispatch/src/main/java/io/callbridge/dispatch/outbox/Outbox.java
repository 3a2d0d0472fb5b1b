package io.callbridge.dispatch.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.dispatch.delivery.AttemptOutcome;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The deliveries in PostgreSQL. Every write is one SQL statement, so it is atomic without an explicit transaction:
 * storing an event's deliveries, claiming due ones, recording an attempt with its effect on the delivery and on the
 * endpoint. The native client is used rather than Hibernate: these statements are PostgreSQL's own
 * ({@code FOR UPDATE SKIP LOCKED}, {@code ON CONFLICT}, {@code unnest}) and run at the outbox's rate.
 */
@ApplicationScoped
public class Outbox {

    private final Pool pool;

    Outbox(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores one delivery of the event per endpoint, due after the first delay of the endpoint's schedule. An event
     * stored before (a Kafka record delivered again) keeps the deliveries it has.
     *
     * @return how many deliveries were new
     */
    public Uni<Integer> store(CallEvent event, List<CrmEndpoint> endpoints) {
        String[] names = endpoints.stream().map(CrmEndpoint::name).toArray(String[]::new);
        Long[] delays = endpoints.stream().map(endpoint -> endpoint.retry().first().toMillis()).toArray(Long[]::new);
        return pool.preparedQuery("""
                        INSERT INTO delivery (event_id, endpoint, tenant, call_id, kind, event, next_attempt_at)
                        SELECT $1, e.name, $2, $3, $4, $5::text::jsonb, now() + e.delay_ms * interval '1 millisecond'
                        FROM unnest($6::text[], $7::bigint[]) AS e(name, delay_ms)
                        ON CONFLICT (event_id, endpoint) DO NOTHING""")
                .execute(Tuple.from(List.of(event.eventId(), event.tenant().value(), event.callId(),
                        event.kind().name(), json(event), names, delays)))
                .map(rows -> rows.rowCount());
    }

    /**
     * Claims the deliveries that are due, to enabled endpoints, at most as many per endpoint as it has room for, each
     * one leased for the given time: if this instance dies before recording the outcome, the delivery is due again
     * once the lease ran out. A delivery waits while an earlier one of its call to its endpoint is pending, unless it
     * was created longer than {@code orderingMaxWait} ago.
     *
     * @param room how many more requests each endpoint may have under way; an endpoint not named has no limit
     */
    public Uni<List<DueDelivery>> claim(int limit, Map<String, Integer> room, Duration lease,
                                        Duration orderingMaxWait) {
        String[] full = room.entrySet().stream().filter(entry -> entry.getValue() <= 0).map(Map.Entry::getKey)
                .toArray(String[]::new);
        String[] names = room.keySet().toArray(String[]::new);
        Integer[] free = Arrays.stream(names).map(room::get).toArray(Integer[]::new);
        return pool.preparedQuery("""
                        WITH locked AS (
                            SELECT d.id, d.endpoint, d.next_attempt_at FROM delivery d
                            JOIN endpoint e ON e.name = d.endpoint
                            WHERE d.state = 'PENDING' AND d.next_attempt_at <= now() AND e.enabled
                              AND NOT d.endpoint = ANY($2::text[])
                              AND (d.created_at <= now() - $4 * interval '1 millisecond' OR NOT EXISTS (
                                  SELECT 1 FROM delivery p
                                  WHERE p.endpoint = d.endpoint AND p.tenant = d.tenant AND p.call_id = d.call_id
                                    AND p.state = 'PENDING' AND p.id < d.id))
                            ORDER BY d.next_attempt_at
                            LIMIT $1
                            FOR UPDATE OF d SKIP LOCKED),
                        due AS (
                            SELECT l.id FROM (
                                SELECT locked.*, row_number() OVER (PARTITION BY endpoint ORDER BY next_attempt_at) AS n
                                FROM locked) l
                            LEFT JOIN unnest($5::text[], $6::int[]) AS r(name, free) ON r.name = l.endpoint
                            WHERE r.free IS NULL OR l.n <= r.free)
                        UPDATE delivery d
                        SET attempts = d.attempts + 1, next_attempt_at = now() + $3 * interval '1 millisecond'
                        FROM due WHERE d.id = due.id
                        RETURNING d.id, d.endpoint, d.attempts, d.event::text AS event,
                            EXISTS (SELECT 1 FROM delivery p
                                    WHERE p.endpoint = d.endpoint AND p.tenant = d.tenant AND p.call_id = d.call_id
                                      AND p.state = 'PENDING' AND p.id < d.id) AS overtakes""")
                .execute(Tuple.from(List.of(limit, full, lease.toMillis(), orderingMaxWait.toMillis(), names, free)))
                .map(rows -> {
                    List<DueDelivery> due = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        due.add(new DueDelivery(row.getLong("id"), row.getString("endpoint"),
                                row.getInteger("attempts"), event(row.getString("event")),
                                row.getBoolean("overtakes")));
                    }
                    return due;
                });
    }

    /**
     * Records an attempt and its effect, in one statement: the delivery is delivered, dead, or due again after
     * {@code retryIn}; the endpoint's failure streak is reset or grows, and the endpoint is disabled when the CRM
     * answered 410 or the streak reached {@code disableAfterFailures} (0: never).
     *
     * @param retryIn when the next attempt is due; null when the delivery is settled (delivered, or dead)
     * @return the endpoint's state after the attempt
     */
    public Uni<EndpointState> record(DueDelivery delivery, AttemptOutcome outcome, DeliveryState state,
                                     Duration retryIn, String disabledReason, int disableAfterFailures) {
        boolean delivered = outcome.verdict() == AttemptOutcome.Verdict.DELIVERED;
        return pool.preparedQuery("""
                        WITH attempt AS (
                            INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, status, outcome,
                                                          response)
                            VALUES ($1, $2, $3, $4, $5, $6, $7)),
                        settled AS (
                            UPDATE delivery SET state = $8, last_outcome = $6,
                                next_attempt_at = CASE WHEN $9::bigint IS NULL THEN next_attempt_at
                                                       ELSE now() + $9 * interval '1 millisecond' END,
                                finished_at = CASE WHEN $8 = 'PENDING' THEN NULL ELSE now() END
                            WHERE id = $1)
                        UPDATE endpoint SET
                            failure_streak = CASE WHEN $10 THEN 0 ELSE failure_streak + 1 END,
                            enabled = enabled AND $11::text IS NULL
                                AND ($10 OR $12 = 0 OR failure_streak + 1 < $12),
                            disabled_reason = CASE
                                WHEN NOT enabled THEN disabled_reason
                                WHEN $11::text IS NOT NULL THEN $11
                                WHEN NOT $10 AND $12 > 0 AND failure_streak + 1 >= $12
                                    THEN (failure_streak + 1) || ' failed attempts in a row, the last: ' || $6
                                ELSE NULL END,
                            disabled_at = CASE WHEN enabled AND ($11::text IS NOT NULL
                                    OR (NOT $10 AND $12 > 0 AND failure_streak + 1 >= $12)) THEN now()
                                ELSE disabled_at END
                        WHERE name = $13
                        RETURNING enabled, disabled_reason, failure_streak""")
                .execute(Tuple.from(Arrays.asList(delivery.id(), delivery.attempt(),
                        outcome.startedAt().atOffset(ZoneOffset.UTC), (int) outcome.latency().toMillis(),
                        outcome.status().orElse(null), outcome.outcome(), outcome.response().orElse(null),
                        state.name(), retryIn == null ? null : retryIn.toMillis(), delivered, disabledReason,
                        disableAfterFailures, delivery.endpoint())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new EndpointState(row.getBoolean("enabled"), row.getString("disabled_reason"),
                            row.getInteger("failure_streak"));
                });
    }

    private static String json(CallEvent event) {
        try {
            return EventJson.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CallEvent event(String json) {
        try {
            return EventJson.MAPPER.readValue(json, CallEvent.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
