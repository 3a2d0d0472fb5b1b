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

/**
 * Reads calls and recordings from rows of the reactive client, for the lookups that bypass the ORM session: a row
 * of {@code call c} ({@code c.*}) with, optionally, the call's recordings as {@link #RECORDINGS}.
 */
public final class CallRows {

    /**
     * A select-list item giving a call's recordings as one JSON array, in the order they became known; null when the
     * call has none.
     */
    public static final String RECORDINGS = "(SELECT json_agg(json_build_object('id', r.id, 'location', r.location,"
            + " 'fileName', r.file_name, 'deletionProtected', r.deletion_protected,"
            + " 'protectedOnRequest', r.protected_on_request) ORDER BY r.id)"
            + " FROM recording r WHERE r.tenant = c.tenant AND r.call_id = c.call_id) AS recordings";

    private CallRows() {
    }

    public static IndexedCall call(Row row) {
        IndexedCall call = new IndexedCall();
        call.key = new CallKey(row.getString("tenant"), row.getString("call_id"));
        call.sourceSystem = enumOf(SourceSystem.class, row.getString("source_system"));
        call.sourceInstance = row.getString("source_instance");
        call.direction = enumOf(Direction.class, row.getString("direction"));
        call.mode = enumOf(CallMode.class, row.getString("mode"));
        call.outcome = enumOf(Outcome.class, row.getString("outcome"));
        call.completedBy = row.getString("completed_by");
        call.releaseCause = row.getString("release_cause");
        call.customerRaw = row.getString("customer_raw");
        call.customerE164 = row.getString("customer_e164");
        call.customerMatchKey = row.getString("customer_match_key");
        call.didRaw = row.getString("did_raw");
        call.didE164 = row.getString("did_e164");
        call.didMatchKey = row.getString("did_match_key");
        call.extension = row.getString("extension");
        call.agentId = row.getString("agent_id");
        call.employeeId = row.getString("employee_id");
        call.station = row.getString("station");
        call.startedAt = instant(row, "started_at");
        call.answeredAt = instant(row, "answered_at");
        call.endedAt = instant(row, "ended_at");
        call.firstEventAt = instant(row, "first_event_at");
        call.lastEventAt = instant(row, "last_event_at");
        call.callTime = instant(row, "call_time");
        call.eventCount = row.getInteger("event_count");
        call.queueSeconds = row.getInteger("queue_seconds");
        call.ringSeconds = row.getInteger("ring_seconds");
        call.talkSeconds = row.getInteger("talk_seconds");
        call.totalSeconds = row.getInteger("total_seconds");
        call.queueName = row.getString("queue_name");
        call.process = row.getString("process");
        call.listId = row.getString("list_id");
        call.leadId = row.getString("lead_id");
        call.callReferenceId = row.getString("call_reference_id");
        call.disposition = row.getString("disposition");
        call.dialerDisposition = row.getString("dialer_disposition");
        call.followUpAt = instant(row, "follow_up_at");
        call.raw = raw(row.getJsonObject("raw"));
        return call;
    }

    /** The recordings of the row's {@link #RECORDINGS} column. */
    public static List<IndexedRecording> recordings(Row row, CallKey call) {
        Object value = row.getValue("recordings");
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

    private static Instant instant(Row row, String column) {
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
