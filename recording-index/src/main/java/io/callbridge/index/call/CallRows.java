package io.callbridge.index.call;

import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reads calls and recordings from rows of the reactive client, for the statements that bypass the ORM session: a row
 * of {@code call c} ({@code c.*}, the consumer's lock) or a page's row of {@link #SELECTED} (the lookups). Either
 * carries the call's recordings in its {@code recordings} column (migration V5).
 */
public final class CallRows {

    /** The columns of {@code call} that make an {@link IndexedCall}, in the order {@link #SELECTED} gives them. */
    private static final List<String> COLUMNS = List.of(
            "tenant", "call_id", "source_system", "source_instance", "direction",
            "mode", "outcome", "completed_by", "release_cause", "customer_raw",
            "customer_e164", "customer_match_key", "did_raw", "did_e164", "did_match_key",
            "extension", "agent_id", "employee_id", "station", "started_at",
            "answered_at", "ended_at", "first_event_at", "last_event_at", "call_time",
            "event_count", "queue_seconds", "ring_seconds", "talk_seconds", "total_seconds",
            "queue_name", "process", "list_id", "lead_id", "call_reference_id",
            "disposition", "dialer_disposition", "follow_up_at", "raw");

    /**
     * A select-list giving {@link #COLUMNS} of {@code call c}, in order, for {@link #selected}, then the call's
     * recordings, for {@link #selectedRecordings}.
     */
    public static final String SELECTED = String.join(", ", COLUMNS.stream().map(column -> "c." + column).toList())
            + ", c.recordings";

    private static final int[] IN_ORDER = IntStream.range(0, COLUMNS.size()).toArray();

    private CallRows() {
    }

    /** A row of {@code c.*}, its columns found by name. */
    public static IndexedCall call(Row row) {
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = row.getColumnIndex(COLUMNS.get(i));
        }
        return call(row, at);
    }

    /**
     * A row that starts with {@link #SELECTED} (the columns in their order): read by position, without looking up
     * each column's name among the row's (a linear search in the client, about fifty per call).
     */
    public static IndexedCall selected(Row row) {
        return call(row, IN_ORDER);
    }

    private static IndexedCall call(Row row, int[] at) {
        IndexedCall call = IndexedCall.of(new CallKey(row.getString(at[0]), row.getString(at[1])));
        call.sourceSystem = enumOf(SourceSystem.class, row.getString(at[2]));
        call.sourceInstance = row.getString(at[3]);
        call.direction = enumOf(Direction.class, row.getString(at[4]));
        call.mode = enumOf(CallMode.class, row.getString(at[5]));
        call.outcome = enumOf(Outcome.class, row.getString(at[6]));
        call.completedBy = row.getString(at[7]);
        call.releaseCause = row.getString(at[8]);
        call.customerRaw = row.getString(at[9]);
        call.customerE164 = row.getString(at[10]);
        call.customerMatchKey = row.getString(at[11]);
        call.didRaw = row.getString(at[12]);
        call.didE164 = row.getString(at[13]);
        call.didMatchKey = row.getString(at[14]);
        call.extension = row.getString(at[15]);
        call.agentId = row.getString(at[16]);
        call.employeeId = row.getString(at[17]);
        call.station = row.getString(at[18]);
        call.startedAt = instant(row, at[19]);
        call.answeredAt = instant(row, at[20]);
        call.endedAt = instant(row, at[21]);
        call.firstEventAt = instant(row, at[22]);
        call.lastEventAt = instant(row, at[23]);
        call.callTime = instant(row, at[24]);
        call.eventCount = row.getInteger(at[25]);
        call.queueSeconds = row.getInteger(at[26]);
        call.ringSeconds = row.getInteger(at[27]);
        call.talkSeconds = row.getInteger(at[28]);
        call.totalSeconds = row.getInteger(at[29]);
        call.queueName = row.getString(at[30]);
        call.process = row.getString(at[31]);
        call.listId = row.getString(at[32]);
        call.leadId = row.getString(at[33]);
        call.callReferenceId = row.getString(at[34]);
        call.disposition = row.getString(at[35]);
        call.dialerDisposition = row.getString(at[36]);
        call.followUpAt = instant(row, at[37]);
        call.raw = raw(row.getJsonObject(at[38]));
        return call;
    }

    /** The recordings of a row of {@code c.*}. */
    public static List<IndexedRecording> recordings(Row row, CallKey call) {
        return recordings(row.getValue("recordings"), call);
    }

    /** The recordings of a row of {@link #SELECTED}. */
    public static List<IndexedRecording> selectedRecordings(Row row, CallKey call) {
        return recordings(row.getValue(COLUMNS.size()), call);
    }

    /** The recordings of a {@code recordings} column: a JSON array, or null when the call has none. */
    private static List<IndexedRecording> recordings(Object value, CallKey call) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        List<IndexedRecording> recordings = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject json = array.getJsonObject(i);
            IndexedRecording recording = IndexedRecording.of(call, json.getString("location"));
            recording.id = json.getLong("id");
            recording.fileName = json.getString("fileName");
            recording.deletionProtected = json.getBoolean("deletionProtected");
            recording.protectedOnRequest = Boolean.TRUE.equals(json.getBoolean("protectedOnRequest"));
            recordings.add(recording);
        }
        return recordings;
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static Map<String, String> raw(JsonObject json) {
        Map<String, String> raw = new HashMap<>();
        if (json != null) {
            json.forEach(entry -> raw.put(entry.getKey(), entry.getValue() == null ? null : entry.getValue().toString()));
        }
        return raw;
    }
}
