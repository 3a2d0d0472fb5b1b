package io.callbridge.ingest.vendor.uis;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.Recording;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * UIS notifications (003), as JSON whose field names the user templates (hence {@code fields.<role>} per source):
 * the "waiting for an answer" notification pops the card (CALL_OFFERED); the end-of-call notification, told by
 * its {@code is_lost}, ends the call as missed or answered. A talked call is completed from the Data API's
 * {@code get.call_legs_report}; when that fails the event still goes out, marked unenriched.
 */
@ApplicationScoped
public class UisAdapter implements VendorAdapter {

    private static final Logger LOG = Logger.getLogger(UisAdapter.class);
    private static final DateTimeFormatter UIS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Instant NO_VENDOR_TIME = Instant.EPOCH;

    private final UisCallLegs callLegs;
    private final IngestMetrics metrics;

    public UisAdapter(UisCallLegs callLegs, IngestMetrics metrics) {
        this.callLegs = callLegs;
        this.metrics = metrics;
    }

    @Override
    public SourceSystem system() {
        return SourceSystem.UIS;
    }

    @Override
    public Uni<List<CallEvent>> events(VendorRequest request, SourceContext source) {
        return Uni.createFrom().deferred(() -> {
            Notification notification = new Notification(request, source);
            if (notification.isLost.isEmpty()) {
                return Uni.createFrom().item(List.of(notification.offered()));
            }
            EventDraft draft = notification.ended();
            boolean talked = !notification.isLost.get();
            if (!talked || !callLegs.enabled(source)) {
                return Uni.createFrom().item(notification.endEvents(draft));
            }
            return callLegs.talkedLegs(source, notification.callId, notification.dateFrom(),
                            notification.dateTill(draft))
                    .map(legs -> {
                        legs.forEach(leg -> enrich(draft, leg, source));
                        return notification.endEvents(draft);
                    })
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("UIS call %s of source %s not enriched: %s", notification.callId, source.name(),
                                failure.toString());
                        metrics.enrichmentFailed(source.name());
                        draft.raw.put(EventDraft.UNENRICHED, "get.call_legs_report failed: " + failure.getMessage());
                        return notification.endEvents(draft);
                    });
        });
    }

    /** What a talked leg adds; the notification's own values win where both have one. */
    private static void enrich(EventDraft draft, JsonNode leg, SourceContext source) {
        leg.fields().forEachRemaining(f -> draft.raw.putIfAbsent("call_legs_report." + f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        text(leg, "release_cause_code").ifPresent(v -> draft.releaseCause = v);
        if (draft.employeeId == null) {
            text(leg, "employee_id").ifPresent(v -> draft.employeeId = v);
        }
        if (draft.customer == null) {
            text(leg, "contact_phone_number").ifPresent(v -> draft.customer = VendorValues.phone(v, source.region()));
        }
        if (draft.did == null) {
            text(leg, "called_phone_number").ifPresent(v -> draft.did = VendorValues.phone(v, source.region()));
        }
        if (draft.direction == null) {
            text(leg, "direction").map(UisAdapter::directionOf).ifPresent(v -> draft.direction = v);
        }
        if (draft.startedAt == null) {
            text(leg, "start_time").ifPresent(v -> draft.startedAt = VendorValues.localTime("start_time", v,
                    source.zone()));
        }
        text(leg, "total_duration").ifPresent(v -> draft.totalSeconds = VendorValues.seconds("total_duration", v));
        text(leg, "duration").ifPresent(v -> draft.talkSeconds = VendorValues.seconds("duration", v));
        JsonNode records = leg.path("call_records");
        if (draft.recording == null && records.isArray() && !records.isEmpty()) {
            String record = records.get(0).asText();
            String location = source.config().enrichment().recordingUrl()
                    .map(t -> t.replace("{call_session_id}", draft.callId()).replace("{record}", record))
                    .orElse(record);
            draft.recording = new Recording(location, record, null);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText());
    }

    static Direction directionOf(String direction) {
        return switch (direction.toLowerCase(Locale.ROOT)) {
            case "in", "inbound", "incoming" -> Direction.INBOUND;
            case "out", "outbound", "outgoing" -> Direction.OUTBOUND;
            case "internal", "local" -> Direction.INTERNAL;
            default -> null;
        };
    }

    /** One notification read with the source's field names. */
    private static final class Notification {
        final VendorRequest request;
        final SourceContext source;
        final String callId;
        final Optional<Boolean> isLost;
        final Optional<Instant> startTime;
        final Optional<Instant> notificationTime;

        Notification(VendorRequest request, SourceContext source) {
            this.request = request;
            this.source = source;
            this.callId = request.require(source.field("call-id", "call_session_id"));
            String lostField = source.field("is-lost", "is_lost");
            this.isLost = request.get(lostField).map(v -> VendorValues.bool(lostField, v));
            this.startTime = time("start-time", "start_time");
            this.notificationTime = time("notification-time", "notification_time");
        }

        private Optional<Instant> time(String role, String defaultName) {
            String field = source.field(role, defaultName);
            return request.get(field).map(v -> VendorValues.localTime(field, v, source.zone()));
        }

        private Optional<String> value(String role, String defaultName) {
            return request.get(source.field(role, defaultName));
        }

        EventDraft draft() {
            EventDraft draft = new EventDraft(source, callId, request.fields());
            draft.customer = value("customer", "contact_phone_number")
                    .map(v -> VendorValues.phone(v, source.region())).orElse(null);
            draft.did = value("did", "virtual_phone_number").map(v -> VendorValues.phone(v, source.region()))
                    .orElse(null);
            draft.employeeId = value("employee-id", "employee_id").orElse(null);
            draft.extension = value("extension", "employee_phone_number").orElse(null);
            draft.direction = value("direction", "direction").map(UisAdapter::directionOf).orElse(null);
            draft.startedAt = startTime.orElse(null);
            draft.queueName = value("queue-name", "scenario_name").orElse(null);
            value("talk-duration", "talk_time_duration").ifPresent(v -> draft.talkSeconds =
                    VendorValues.seconds(source.field("talk-duration", "talk_time_duration"), v));
            value("total-duration", "total_time_duration").ifPresent(v -> draft.totalSeconds =
                    VendorValues.seconds(source.field("total-duration", "total_time_duration"), v));
            value("queue-duration", "wait_time_duration").ifPresent(v -> draft.queueSeconds =
                    VendorValues.seconds(source.field("queue-duration", "wait_time_duration"), v));
            return draft;
        }

        CallEvent offered() {
            EventDraft draft = draft();
            Instant occurred = notificationTime.orElse(request.receivedAt());
            // The same call rings one employee after another: each is its own "waiting for an answer".
            return draft.build(CallEventKind.CALL_OFFERED, occurred,
                    notificationTime.or(() -> startTime).orElse(NO_VENDOR_TIME),
                    "employee:" + (draft.employeeId == null ? "" : draft.employeeId));
        }

        EventDraft ended() {
            EventDraft draft = draft();
            draft.outcome = isLost.orElseThrow() ? Outcome.MISSED : Outcome.ANSWERED;
            draft.endedAt = notificationTime.orElseGet(() -> startTime
                    .map(s -> s.plusSeconds(draft.totalSeconds == null ? 0 : draft.totalSeconds))
                    .orElse(request.receivedAt()));
            return draft;
        }

        List<CallEvent> endEvents(EventDraft draft) {
            Instant identity = startTime.or(() -> notificationTime).orElse(NO_VENDOR_TIME);
            List<CallEvent> events = new ArrayList<>();
            events.add(draft.build(CallEventKind.CALL_ENDED, draft.endedAt, identity));
            if (draft.recording != null) {
                events.add(draft.build(CallEventKind.RECORDING_AVAILABLE, draft.endedAt, identity));
            }
            return events;
        }

        /** The report window: from the call's start to its end, in the source's local time, as UIS writes times. */
        String dateFrom() {
            return local(startTime.orElse(request.receivedAt().minusSeconds(86_400)));
        }

        String dateTill(EventDraft ended) {
            return local(ended.endedAt);
        }

        private String local(Instant instant) {
            return LocalDateTime.ofInstant(instant, source.zone()).format(UIS_TIME);
        }
    }
}
