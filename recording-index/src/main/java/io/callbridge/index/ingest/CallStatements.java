package io.callbridge.index.ingest;

import io.callbridge.index.call.CallKey;
import io.callbridge.index.call.CallRows;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements of a batch on the {@code call} table, each one whatever the batch's size (the rows travel as
 * arrays, {@code unnest}ed by PostgreSQL), in the caller's transaction: lock the calls the index has, with their
 * recordings; insert the new calls; write back the changed ones.
 */
@ApplicationScoped
public class CallStatements {

    private static final Comparator<CallKey> KEY_ORDER =
            Comparator.comparing(CallKey::tenant).thenComparing(CallKey::callId);

    /** The columns a batch writes, all but the generated ones ({@code call_time}, {@code did_match_key}). */
    private static final List<Column> COLUMNS = List.of(
            text("tenant", call -> call.key.tenant()),
            text("call_id", call -> call.key.callId()),
            text("source_system", call -> name(call.sourceSystem)),
            text("source_instance", call -> call.sourceInstance),
            text("direction", call -> name(call.direction)),
            text("mode", call -> name(call.mode)),
            text("outcome", call -> name(call.outcome)),
            text("completed_by", call -> call.completedBy),
            text("release_cause", call -> call.releaseCause),
            text("customer_raw", call -> call.customerRaw),
            text("customer_e164", call -> call.customerE164),
            text("customer_match_key", call -> call.customerMatchKey),
            text("did_raw", call -> call.didRaw),
            text("did_e164", call -> call.didE164),
            text("extension", call -> call.extension),
            text("agent_id", call -> call.agentId),
            text("employee_id", call -> call.employeeId),
            text("station", call -> call.station),
            time("started_at", call -> call.startedAt),
            time("answered_at", call -> call.answeredAt),
            time("ended_at", call -> call.endedAt),
            time("first_event_at", call -> call.firstEventAt),
            time("last_event_at", call -> call.lastEventAt),
            integer("event_count", call -> call.eventCount),
            integer("queue_seconds", call -> call.queueSeconds),
            integer("ring_seconds", call -> call.ringSeconds),
            integer("talk_seconds", call -> call.talkSeconds),
            integer("total_seconds", call -> call.totalSeconds),
            text("queue_name", call -> call.queueName),
            text("process", call -> call.process),
            text("list_id", call -> call.listId),
            text("lead_id", call -> call.leadId),
            text("call_reference_id", call -> call.callReferenceId),
            text("disposition", call -> call.disposition),
            text("dialer_disposition", call -> call.dialerDisposition),
            time("follow_up_at", call -> call.followUpAt),
            // Sent as text and cast: the client has no jsonb array of its own.
            new Column("raw", "text", "jsonb", String.class, call -> new JsonObject(new HashMap<>(call.raw)).encode()));

    private static final String INSERT = insert();
    /**
     * An update by key as an upsert: each row finds its call through the primary key (an {@code UPDATE ... FROM
     * unnest} join may be planned as a scan of the whole table). Only for calls locked by {@link #lockExisting}, which
     * therefore exist: the insert never happens.
     */
    private static final String UPDATE = INSERT + " ON CONFLICT (tenant, call_id) DO UPDATE SET "
            + COLUMNS.stream().skip(2).map(column -> column.name() + " = EXCLUDED." + column.name())
            .collect(Collectors.joining(", "));

    /**
     * The calls of these keys that the index has, with their recordings, locked until the transaction ends; a key
     * without a call is absent from the map (its call is to be inserted, {@link #insert}). Rows are locked in key
     * order (the same order in every consumer), so that two transactions never wait for each other in a circle. Two first events of one call may race
     * to create it (the partition key serializes them, except while a rebalance hands the partition over): the
     * loser's insert fails on the primary key and its transaction is retried, then finding the row.
     */
    public Uni<Map<CallKey, LockedCall>> lockExisting(SqlConnection connection, List<CallKey> keys) {
        List<CallKey> ordered = keys.stream().distinct().sorted(KEY_ORDER).toList();
        if (ordered.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] tenants = ordered.stream().map(CallKey::tenant).toArray(String[]::new);
        String[] callIds = ordered.stream().map(CallKey::callId).toArray(String[]::new);
        // Each key looks its call up by the primary key, and locks it, in the arrays' order (a join with the unnest
        // may be planned as a nested loop comparing every key with every row, or a scan of the table).
        return connection.preparedQuery("""
                        SELECT c.* FROM unnest($1::text[], $2::text[]) AS k(tenant, call_id)
                        CROSS JOIN LATERAL (SELECT * FROM call WHERE call.tenant = k.tenant AND call.call_id = k.call_id
                                            FOR UPDATE) c""")
                .execute(Tuple.of(tenants, callIds))
                .map(rows -> {
                    Map<CallKey, LockedCall> locked = new HashMap<>();
                    for (Row row : rows) {
                        IndexedCall call = CallRows.call(row);
                        locked.put(call.key, new LockedCall(call, CallRows.recordings(row, call.key)));
                    }
                    return locked;
                });
    }

    /** Inserts new calls whole; a call inserted meanwhile by another transaction fails it (unique violation). */
    public Uni<Void> insert(SqlConnection connection, List<IndexedCall> calls) {
        return write(connection, INSERT, calls);
    }

    /** Writes back calls read (and locked) by {@link #lockExisting}. */
    public Uni<Void> update(SqlConnection connection, List<IndexedCall> calls) {
        return write(connection, UPDATE, calls);
    }

    private static Uni<Void> write(SqlConnection connection, String sql, List<IndexedCall> calls) {
        if (calls.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> arrays = new ArrayList<>(COLUMNS.size());
        for (Column column : COLUMNS) {
            Object[] values = (Object[]) Array.newInstance(column.javaType(), calls.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(calls.get(i));
            }
            arrays.add(values);
        }
        return connection.preparedQuery(sql).execute(Tuple.from(arrays)).replaceWithVoid();
    }

    private static String insert() {
        StringBuilder sql = new StringBuilder("INSERT INTO call (");
        sql.append(COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")));
        sql.append(") SELECT ");
        sql.append(COLUMNS.stream()
                .map(column -> column.cast() == null ? "u." + column.name() : "u." + column.name() + "::" + column.cast())
                .collect(Collectors.joining(", ")));
        sql.append(" FROM unnest(");
        for (int i = 0; i < COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('$').append(i + 1).append("::").append(COLUMNS.get(i).sqlType())
                    .append("[]");
        }
        sql.append(") AS u(").append(COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")));
        return sql.append(')').toString();
    }

    /** A call the index has, as read under its lock, with its recordings in the order they became known. */
    public record LockedCall(IndexedCall call, List<IndexedRecording> recordings) {
    }

    /**
     * @param sqlType  the element type of the array the column's values travel in
     * @param cast     the column's type when it differs from {@code sqlType}, else null
     */
    private record Column(String name, String sqlType, String cast, Class<?> javaType,
                          Function<IndexedCall, Object> value) {
    }

    private static Column text(String name, Function<IndexedCall, Object> value) {
        return new Column(name, "text", null, String.class, value);
    }

    private static Column integer(String name, Function<IndexedCall, Object> value) {
        return new Column(name, "int", null, Integer.class, value);
    }

    private static Column time(String name, Function<IndexedCall, Instant> value) {
        return new Column(name, "timestamptz", null, OffsetDateTime.class, call -> {
            Instant instant = value.apply(call);
            return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        });
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
