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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
     * An event and the endpoints that want it.
     *
     * @param traceparent the W3C trace context of the record that carried the event, sent on with each attempt
     */
    public record NewDeliveries(CallEvent event, List<CrmEndpoint> endpoints, Optional<String> traceparent) {
    }

    /**
     * Stores one delivery per event and endpoint, in one statement, in the order given (a call's events are
     * delivered in the order they were stored), each due after the first delay of its endpoint's schedule. Each event
     * that has deliveries is stored once ({@code delivery_event}), by the same statement, apart from them: a delivery
     * row is written three times (stored, claimed, settled), an event never again. An event stored before (a Kafka
     * record delivered again) keeps the deliveries it has and gets no others (not even to an endpoint defined since).
     * <p>
     * The deliveries marked {@code fast} are also claimed by the same statement (attempt 1, leased) when they are due
     * at once, to an enabled endpoint, with no earlier delivery of their call to it pending: the worker sends them
     * without looking for them first. The caller marks at most one delivery per call and endpoint.
     *
     * <p>
     * The deliveries marked {@code held}, when not claimed, are stored held for the caller for the lease: not due to
     * a search ({@link #claim}) until then, claimed by id ({@link #claimStored}) as the caller has room. If the
     * caller dies meanwhile, they are due when the lease runs out, like a claimed delivery.
     *
     * @param fast  per delivery, in the order of {@code events} and their endpoints: whether to claim it if it may go
     * @param held  per delivery, in the same order: whether to hold it when it is not claimed (only for deliveries
     *              due at once); null for none
     * @param lease how long a claimed delivery stays claimed, and a held one held
     * @return the deliveries claimed, those held, and how many others are due at once
     */
    public Uni<Stored> store(List<NewDeliveries> events, boolean[] fast, boolean[] held, Duration lease) {
        List<UUID> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        List<String> jsons = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        List<Boolean> claim = new ArrayList<>();
        List<Boolean> hold = new ArrayList<>();
        Map<UUID, NewDeliveries> byId = new HashMap<>();
        Set<String> dueAtOnce = new HashSet<>();
        int position = 0;
        for (NewDeliveries event : events) {
            if (event.endpoints().isEmpty() || byId.putIfAbsent(event.event().eventId(), event) != null) {
                // The same record twice in a batch (a producer's retry) is stored once, like one delivered again.
                position += event.endpoints().size();
                continue;
            }
            eventIds.add(event.event().eventId());
            jsons.add(json(event.event()));
            for (CrmEndpoint endpoint : event.endpoints()) {
                ids.add(event.event().eventId());
                names.add(endpoint.name());
                tenants.add(event.event().tenant().value());
                calls.add(event.event().callId());
                kinds.add(event.event().kind().name());
                delays.add(endpoint.retry().first().toMillis());
                traces.add(event.traceparent().orElse(null));
                boolean holding = held != null && held[position];
                claim.add(fast != null && fast[position]);
                hold.add(holding);
                position++;
                if (endpoint.retry().first().isZero()) {
                    dueAtOnce.add((holding ? "held\n" : "due\n") + event.event().eventId() + "\n" + endpoint.name());
                }
            }
        }
        // The event once (delivery_event), its deliveries without it: each later write of a delivery (claimed,
        // settled) writes a new version of the delivery row, which is small. An event stored before (a Kafka record
        // delivered again) is not returned by stored_event, and its deliveries are not stored again: they were
        // stored by the statement that stored it. (A concurrent store of the same event, by another instance after
        // a rebalance, waits on the event's key until that statement ends, and then stores nothing, or everything
        // if it failed.) So the deliveries need no unique index of their own, one index entry less for each write.
        return pool.preparedQuery("""
                        WITH stored_event AS (
                            INSERT INTO delivery_event (event_id, event)
                            SELECT * FROM unnest($6::uuid[], $12::text[]::json[])
                            ON CONFLICT (event_id) DO NOTHING
                            RETURNING event_id)
                        INSERT INTO delivery (event_id, endpoint, tenant, call_id, kind, next_attempt_at,
                                              traceparent, attempts)
                        SELECT e.id, e.name, e.tenant, e.call, e.kind,
                            now() + CASE WHEN e.claimed OR e.held THEN $10 ELSE e.delay_ms END
                                * interval '1 millisecond',
                            e.trace, CASE WHEN e.claimed THEN 1 ELSE 0 END
                        FROM (SELECT u.*, u.fast AND u.delay_ms = 0
                                  AND EXISTS (SELECT 1 FROM endpoint x WHERE x.name = u.name AND x.enabled)
                                  AND w.pending IS NULL AS claimed
                              FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                                          $7::bigint[], $8::text[], $9::boolean[], $11::boolean[])
                                  WITH ORDINALITY AS u(id, name, tenant, call, kind, delay_ms, trace, fast, held, n)
                              -- A pending delivery of the call, looked up by call (LIMIT: a probe of
                              -- delivery_call_order for each fast one). As a NOT EXISTS the planner could hash it:
                              -- read every pending entry of the index once per statement (a batch of 200 with 20,000
                              -- pending: 76 ms against 7 ms, EXPLAIN ANALYZE; bench/dispatch: 7 to 13 million entries
                              -- read while draining 20,000 events).
                              LEFT JOIN LATERAL (SELECT true AS pending FROM delivery p
                                                 WHERE u.fast AND p.endpoint = u.name AND p.tenant = u.tenant
                                                   AND p.call_id = u.call AND p.state = 'PENDING'
                                                 LIMIT 1) w ON true
                              WHERE u.id IN (SELECT event_id FROM stored_event)
                             ) e
                        ORDER BY e.n
                        RETURNING id, event_id, endpoint, attempts""")
                .execute(Tuple.from(Arrays.asList(ids.toArray(UUID[]::new), names.toArray(String[]::new),
                        tenants.toArray(String[]::new), calls.toArray(String[]::new), kinds.toArray(String[]::new),
                        eventIds.toArray(UUID[]::new), delays.toArray(Long[]::new), traces.toArray(String[]::new),
                        claim.toArray(Boolean[]::new), lease.toMillis(), hold.toArray(Boolean[]::new),
                        jsons.toArray(String[]::new))))
                .map(rows -> {
                    List<DueDelivery> claimed = new ArrayList<>();
                    List<DueDelivery> kept = new ArrayList<>();
                    int due = 0;
                    for (Row row : rows) {
                        UUID eventId = row.getUUID("event_id");
                        NewDeliveries event = byId.get(eventId);
                        DueDelivery delivery = new DueDelivery(row.getLong("id"), row.getString("endpoint"), 1,
                                event.event(), false, event.traceparent());
                        if (row.getInteger("attempts") == 1) {
                            claimed.add(delivery);
                        } else if (dueAtOnce.contains("held\n" + eventId + "\n" + delivery.endpoint())) {
                            kept.add(delivery);
                        } else if (dueAtOnce.contains("due\n" + eventId + "\n" + delivery.endpoint())) {
                            due++;
                        }
                    }
                    return new Stored(claimed, kept, due);
                });
    }

    /**
     * What {@link #store} stored.
     *
     * @param claimed the deliveries it claimed (attempt 1, leased)
     * @param held    the deliveries it stored held for the caller, in the order stored: {@link #claimStored} claims them
     *                without looking for them
     * @param due     how many it stored due at once, neither claimed nor held: a search ({@link #claim}) finds them
     */
    public record Stored(List<DueDelivery> claimed, List<DueDelivery> held, int due) {

        public static final Stored NOTHING = new Stored(List.of(), List.of(), 0);
    }

    /**
     * Claims deliveries this instance stored held ({@link #store}), by their ids: no search of the due ones, no event
     * read back. Each is claimed only if it is still unclaimed, its endpoint enabled, and no earlier delivery of its
     * call to its endpoint is pending; the others still unclaimed are made due at once in the same statement, for
     * {@link #claim} to find when they may go.
     *
     * <p>
     * A delivery given without its event ({@link DueDelivery#event()} null: the caller kept only its id) is claimed
     * with its event and trace context read back.
     * <p>
     * A held delivery is already leased to the caller (since it was stored): one whose lease still has {@code keep}
     * to run keeps it, so that the claim changes no indexed column and PostgreSQL writes the row's new version without
     * new index entries (a heap-only tuple); the others are leased for {@code lease} from now.
     *
     * @param keep the least of its lease a held delivery may keep; at most {@code lease}
     * @return the deliveries claimed, in the order given, and how many were left due (not claimed by another
     *         instance either): those only {@link #claim} sends
     */
    public Uni<ClaimedStored> claimStored(List<DueDelivery> deliveries, Duration lease, Duration keep) {
        Long[] ids = deliveries.stream().map(DueDelivery::id).toArray(Long[]::new);
        Long[] readBack = deliveries.stream().filter(delivery -> delivery.event() == null).map(DueDelivery::id)
                .toArray(Long[]::new);
        return pool.preparedQuery("""
                        -- Each row by its primary key. The delivery rows below are matched by id alone, not by
                        -- state = 'PENDING': that would let the planner pick a partial index of the pending rows and
                        -- read all of them for each id, as it does when its statistics still say they are few (a
                        -- backlog grows faster than autovacuum analyses). No claimed or settled row has attempts = 0.
                        -- Whether an earlier delivery of its call is pending is asked row by row (a subquery in the
                        -- select list: a probe of delivery_call_order by call). As a NOT EXISTS in the claim's WHERE
                        -- clause it was an anti-join, which the planner, its statistics still saying there are few
                        -- pending rows, made a nested loop over every pending entry of the index for each id: 20,000
                        -- pending deliveries, a claim of 100 read 2 million entries and took 1 s (EXPLAIN ANALYZE).
                        WITH held AS MATERIALIZED (
                            SELECT x.*, EXISTS (SELECT 1 FROM delivery p
                                                WHERE p.endpoint = x.endpoint AND p.tenant = x.tenant
                                                  AND p.call_id = x.call_id AND p.state = 'PENDING' AND p.id < x.id)
                                        AS waits
                            FROM unnest($1::bigint[]) AS u(id)
                            CROSS JOIN LATERAL (SELECT d.id, d.endpoint, d.tenant, d.call_id, d.state FROM delivery d
                                                WHERE d.id = u.id) x),
                        claimed AS (
                            UPDATE delivery d SET attempts = 1,
                                next_attempt_at = CASE WHEN d.next_attempt_at >= now() + $4 * interval '1 millisecond'
                                                       THEN d.next_attempt_at
                                                       ELSE now() + $2 * interval '1 millisecond' END
                            FROM held h
                            WHERE d.id = h.id AND h.state = 'PENDING' AND d.attempts = 0 AND NOT h.waits
                              AND EXISTS (SELECT 1 FROM endpoint e WHERE e.name = h.endpoint AND e.enabled)
                            RETURNING d.id, CASE WHEN d.id = ANY($3::bigint[])
                                THEN (SELECT v.event::text FROM delivery_event v WHERE v.event_id = d.event_id)
                                END AS event,
                                CASE WHEN d.id = ANY($3::bigint[]) THEN d.traceparent END AS traceparent),
                        released AS (
                            UPDATE delivery d SET next_attempt_at = now()
                            FROM held h
                            WHERE d.id = h.id AND h.state = 'PENDING' AND d.attempts = 0
                              AND d.id NOT IN (SELECT id FROM claimed)
                            RETURNING d.id)
                        SELECT id, true AS claimed, event, traceparent FROM claimed
                        UNION ALL
                        SELECT id, false, NULL, NULL FROM released""")
                .execute(Tuple.of(ids, lease.toMillis(), readBack, keep.toMillis()))
                .map(rows -> {
                    Map<Long, Row> claimed = new HashMap<>();
                    int left = 0;
                    for (Row row : rows) {
                        if (row.getBoolean("claimed")) {
                            claimed.put(row.getLong("id"), row);
                        } else {
                            left++;
                        }
                    }
                    List<DueDelivery> sent = new ArrayList<>(claimed.size());
                    for (DueDelivery delivery : deliveries) {
                        Row row = claimed.get(delivery.id());
                        if (row != null) {
                            sent.add(delivery.event() != null ? delivery : new DueDelivery(delivery.id(),
                                    delivery.endpoint(), delivery.attempt(), event(row.getString("event")), false,
                                    Optional.ofNullable(row.getString("traceparent"))));
                        }
                    }
                    return new ClaimedStored(sent, left);
                });
    }

    /**
     * What {@link #claimStored} claimed.
     *
     * @param claimed the deliveries claimed
     * @param leftDue how many of the others are still due and unclaimed (an earlier delivery of their call pending,
     *                their endpoint disabled)
     */
    public record ClaimedStored(List<DueDelivery> claimed, int leftDue) {
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
        String[] known = room.keySet().toArray(String[]::new);
        String[] names = room.entrySet().stream().filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey)
                .toArray(String[]::new);
        Integer[] free = Arrays.stream(names).map(room::get).toArray(Integer[]::new);
        // Each endpoint's due deliveries are looked up on their own, at most its room of them, so that an endpoint
        // with a large backlog and little room (timing out, rate-limited) never fills a claim that others wait for.
        return pool.preparedQuery("""
                        WITH room AS (
                            SELECT r.name, r.free FROM unnest($5::text[], $6::int[]) AS r(name, free)
                            JOIN endpoint e ON e.name = r.name AND e.enabled
                            UNION ALL
                            SELECT e.name, $1 FROM endpoint e WHERE e.enabled AND NOT e.name = ANY($2::text[])),
                        candidates AS (
                            SELECT c.id, c.next_attempt_at FROM room r
                            CROSS JOIN LATERAL (
                                SELECT d.id, d.next_attempt_at FROM delivery d
                                WHERE d.endpoint = r.name AND d.state = 'PENDING' AND d.next_attempt_at <= now()
                                  AND (d.created_at <= now() - $4 * interval '1 millisecond' OR NOT EXISTS (
                                      SELECT 1 FROM delivery p
                                      WHERE p.endpoint = d.endpoint AND p.tenant = d.tenant
                                        AND p.call_id = d.call_id AND p.state = 'PENDING' AND p.id < d.id))
                                ORDER BY d.next_attempt_at
                                LIMIT r.free) c
                            ORDER BY c.next_attempt_at
                            LIMIT $1),
                        -- Not "state = 'PENDING'" here: it would let the planner read a whole partial index of the
                        -- pending rows for each id (see claimStored); the CHECK constraint leaves PENDING.
                        due AS (
                            SELECT d.id FROM delivery d
                            WHERE d.id IN (SELECT id FROM candidates)
                              AND d.state <> 'DELIVERED' AND d.state <> 'DEAD' AND d.next_attempt_at <= now()
                            FOR UPDATE SKIP LOCKED)
                        UPDATE delivery d
                        SET attempts = d.attempts + 1, next_attempt_at = now() + $3 * interval '1 millisecond'
                        FROM due WHERE d.id = due.id
                        RETURNING d.id, d.endpoint, d.attempts,
                            (SELECT v.event::text FROM delivery_event v WHERE v.event_id = d.event_id) AS event,
                            d.traceparent,
                            EXISTS (SELECT 1 FROM delivery p
                                    WHERE p.endpoint = d.endpoint AND p.tenant = d.tenant AND p.call_id = d.call_id
                                      AND p.state = 'PENDING' AND p.id < d.id) AS overtakes""")
                .execute(Tuple.from(List.of(limit, known, lease.toMillis(), orderingMaxWait.toMillis(), names,
                        free)))
                .map(rows -> {
                    List<DueDelivery> due = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        due.add(new DueDelivery(row.getLong("id"), row.getString("endpoint"),
                                row.getInteger("attempts"), event(row.getString("event")),
                                row.getBoolean("overtakes"), Optional.ofNullable(row.getString("traceparent"))));
                    }
                    return due;
                });
    }

    /**
     * Records an attempt and its effect, in one statement: the delivery is delivered, dead, or due again after
     * {@code retryIn}; the endpoint's failure streak is reset or grows, and the endpoint is disabled when the CRM
     * answered 410 or the streak reached {@code disableAfterFailures} (0: never). A delivery with no streak to reset
     * does not touch the endpoint.
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
                        WHERE name = $13 AND NOT ($10 AND failure_streak = 0)
                        RETURNING enabled, disabled_reason, failure_streak""")
                .execute(Tuple.from(Arrays.asList(delivery.id(), delivery.attempt(),
                        outcome.startedAt().atOffset(ZoneOffset.UTC), (int) outcome.latency().toMillis(),
                        outcome.status().orElse(null), outcome.outcome(), outcome.response().orElse(null),
                        state.name(), retryIn == null ? null : retryIn.toMillis(), delivered, disabledReason,
                        disableAfterFailures, delivery.endpoint())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        // Delivered with no failure streak to reset: the endpoint's row is left alone, so that
                        // deliveries to one endpoint do not queue on its row lock.
                        return new EndpointState(true, null, 0);
                    }
                    Row row = rows.iterator().next();
                    return new EndpointState(row.getBoolean("enabled"), row.getString("disabled_reason"),
                            row.getInteger("failure_streak"));
                });
    }

    /**
     * Records many delivered attempts in one statement (a group commit): each attempt logged, each delivery
     * delivered, and the failure streak of their endpoints reset where there was one.
     */
    public Uni<Void> recordDelivered(List<DueDelivery> deliveries, List<AttemptOutcome> outcomes) {
        int n = deliveries.size();
        Long[] ids = new Long[n];
        Integer[] attempts = new Integer[n];
        java.time.OffsetDateTime[] started = new java.time.OffsetDateTime[n];
        Integer[] latencies = new Integer[n];
        Integer[] statuses = new Integer[n];
        String[] results = new String[n];
        String[] responses = new String[n];
        for (int i = 0; i < n; i++) {
            AttemptOutcome outcome = outcomes.get(i);
            ids[i] = deliveries.get(i).id();
            attempts[i] = deliveries.get(i).attempt();
            started[i] = outcome.startedAt().atOffset(ZoneOffset.UTC);
            latencies[i] = (int) outcome.latency().toMillis();
            statuses[i] = outcome.status().orElse(null);
            results[i] = outcome.outcome();
            responses[i] = outcome.response().orElse(null);
        }
        String[] endpoints = deliveries.stream().map(DueDelivery::endpoint).distinct().toArray(String[]::new);
        return pool.preparedQuery("""
                        WITH attempt AS (
                            INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, status, outcome,
                                                          response)
                            SELECT * FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::int[], $5::int[],
                                                 $6::text[], $7::text[])),
                        settled AS (
                            UPDATE delivery d SET state = 'DELIVERED', last_outcome = u.outcome, finished_at = now()
                            FROM unnest($1::bigint[], $6::text[]) AS u(id, outcome)
                            -- By the primary key: a join on the unnest alone may scan the whole table.
                            WHERE d.id = u.id AND d.id = ANY($1::bigint[]))
                        UPDATE endpoint SET failure_streak = 0, disabled_reason = CASE WHEN enabled THEN NULL
                                                                                      ELSE disabled_reason END
                        WHERE name = ANY($8::text[]) AND failure_streak <> 0""")
                .execute(Tuple.from(Arrays.asList(ids, attempts, started, latencies, statuses, results, responses,
                        endpoints)))
                .replaceWithVoid();
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
