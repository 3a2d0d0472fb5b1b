package io.callbridge.ingest.vendor.ccs;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.ingest.metrics.IngestMetrics;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.vendor.EventDraft;
import io.callbridge.ingest.vendor.VendorAdapter;
import io.callbridge.ingest.vendor.VendorRequest;
import io.callbridge.ingest.vendor.VendorValues;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Call Center Studio's call notification (002): a GET query string sent by the IVR's notification step when the
 * call ends; its variables are whatever the IVR designer put in, so their names are the source's
 * {@code fields.<role>}. When the notification lacks the customer, the start or the duration, the call's CDR is
 * read from {@code reportsCDRLogs} by {@code activecallkey}; if that fails the call still ends, marked unenriched.
 */
@ApplicationScoped
public class CallCenterStudioAdapter implements VendorAdapter {

    private static final Logger LOG = Logger.getLogger(CallCenterStudioAdapter.class);
    private static final Instant NO_VENDOR_TIME = Instant.EPOCH;

    private final CallCenterStudioCdr cdr;
    private final IngestMetrics metrics;

    public CallCenterStudioAdapter(CallCenterStudioCdr cdr, IngestMetrics metrics) {
        this.cdr = cdr;
        this.metrics = metrics;
    }

    @Override
    public SourceSystem system() {
        return SourceSystem.CALL_CENTER_STUDIO;
    }

    @Override
    public Uni<List<CallEvent>> events(VendorRequest request, SourceContext source) {
        return Uni.createFrom().deferred(() -> {
            String callId = request.require(source.field("call-id", "activecallkey"));
            Reading notification = new Reading(request, source, null);
            notification.draft(callId);
            boolean lacking = notification.value("customer", "phonenumber").isEmpty()
                    || notification.value("start-time", "startdate").isEmpty()
                    || notification.value("talk-duration", "duration").isEmpty();
            if (!lacking || !cdr.enabled(source)) {
                return Uni.createFrom().item(events(notification, callId));
            }
            return cdr.record(source, callId)
                    .map(record -> {
                        Reading merged = new Reading(request, source, record.orElse(null));
                        if (record.isEmpty()) {
                            merged.extraRaw(EventDraft.UNENRICHED, "reportsCDRLogs has no record of this call");
                        }
                        return events(merged, callId);
                    })
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("Call Center Studio call %s of source %s not enriched: %s", callId, source.name(),
                                failure.toString());
                        metrics.enrichmentFailed(source.name());
                        notification.extraRaw(EventDraft.UNENRICHED, "reportsCDRLogs failed: " + failure.getMessage());
                        return events(notification, callId);
                    });
        });
    }

    private static List<CallEvent> events(Reading reading, String callId) {
        EventDraft draft = reading.draft(callId);
        Instant identity = draft.startedAt != null ? draft.startedAt : NO_VENDOR_TIME;
        Instant occurred = draft.endedAt != null ? draft.endedAt : reading.request.receivedAt();
        List<CallEvent> events = new ArrayList<>();
        events.add(draft.build(CallEventKind.CALL_ENDED, occurred, identity));
        if (draft.recording != null) {
            events.add(draft.build(CallEventKind.RECORDING_AVAILABLE, occurred, identity));
        }
        return events;
    }

    /** The notification's fields, completed by the CDR record's where the notification has none. */
    private static final class Reading {
        final VendorRequest request;
        final SourceContext source;
        final JsonNode record;
        final java.util.Map<String, String> extraRaw = new java.util.LinkedHashMap<>();

        Reading(VendorRequest request, SourceContext source, JsonNode record) {
            this.request = request;
            this.source = source;
            this.record = record;
        }

        void extraRaw(String name, String value) {
            extraRaw.put(name, value);
        }

        Optional<String> value(String role, String defaultName) {
            String name = source.field(role, defaultName);
            return request.get(name).or(() -> Optional.ofNullable(record).map(r -> r.get(name))
                    .filter(v -> !v.isNull() && !v.asText().isBlank()).map(JsonNode::asText));
        }

        EventDraft draft(String callId) {
            EventDraft draft = new EventDraft(source, callId, request.fields());
            if (record != null) {
                record.fields().forEachRemaining(f -> draft.raw.putIfAbsent("reportsCDRLogs." + f.getKey(),
                        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
            }
            draft.raw.putAll(extraRaw);
            draft.customer = value("customer", "phonenumber").map(v -> VendorValues.phone(v, source.region()))
                    .orElse(null);
            draft.did = value("did", "did").map(v -> VendorValues.phone(v, source.region())).orElse(null);
            draft.agentId = value("agent-id", "agent").orElse(null);
            draft.extension = value("extension", "extension").orElse(null);
            draft.queueName = value("queue-name", "queue").orElse(null);
            draft.direction = value("direction", "direction").map(CallCenterStudioAdapter::directionOf).orElse(null);
            draft.outcome = value("status", "status").map(CallCenterStudioAdapter::outcomeOf).orElse(null);
            draft.startedAt = time("start-time", "startdate");
            draft.endedAt = time("end-time", "finishdate");
            draft.talkSeconds = seconds("talk-duration", "duration");
            draft.recording = value("recording", "recording").map(v -> VendorValues.recording(v, null)).orElse(null);
            if (draft.endedAt == null && draft.startedAt != null && draft.talkSeconds != null) {
                draft.endedAt = draft.startedAt.plusSeconds(draft.talkSeconds);
            }
            return draft;
        }

        private Instant time(String role, String defaultName) {
            String name = source.field(role, defaultName);
            return value(role, defaultName).map(v -> VendorValues.localTime(name, v, source.zone())).orElse(null);
        }

        private Integer seconds(String role, String defaultName) {
            String name = source.field(role, defaultName);
            return value(role, defaultName).map(v -> VendorValues.seconds(name, v)).orElse(null);
        }
    }

    private static Direction directionOf(String direction) {
        String value = direction.toLowerCase(Locale.ROOT);
        if (value.startsWith("in")) {
            return Direction.INBOUND;
        }
        if (value.startsWith("out")) {
            return Direction.OUTBOUND;
        }
        return value.startsWith("internal") ? Direction.INTERNAL : null;
    }

    private static Outcome outcomeOf(String status) {
        return switch (VendorValues.lettersOnly(status)) {
            case "answered", "answer", "connected", "completed" -> Outcome.ANSWERED;
            case "missed", "abandoned", "noanswer", "unanswered" -> Outcome.MISSED;
            case "busy" -> Outcome.BUSY;
            case "failed", "failure", "error" -> Outcome.FAILED;
            default -> null;
        };
    }
}
