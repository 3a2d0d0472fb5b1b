package io.callbridge.ingest.vendor.convox;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.vendor.EventDraft;
import io.callbridge.ingest.vendor.VendorAdapter;
import io.callbridge.ingest.vendor.VendorRequest;
import io.callbridge.ingest.vendor.VendorValues;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ConVox CCS (001): the screen pop sent when a connected call reaches an agent (CALL_ANSWERED), and the
 * after-call status push (CALL_ENDED, plus RECORDING_AVAILABLE and DISPOSITION_SET when named). Field names are
 * matched loosely: case-insensitive, spaces and underscores alike, as the document spells them several ways.
 */
@ApplicationScoped
public class ConvoxAdapter implements VendorAdapter {

    private static final Instant NO_VENDOR_TIME = Instant.EPOCH;
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd-MM-uuuu");

    @Override
    public SourceSystem system() {
        return SourceSystem.CONVOX;
    }

    @Override
    public Uni<List<CallEvent>> events(VendorRequest request, SourceContext source) {
        return Uni.createFrom().item(() -> isStatusPush(request) ? afterCall(request, source) : screenPop(request, source));
    }

    /** The status push is told from the screen pop by its own fields; the screen pop has none of them. */
    private static boolean isStatusPush(VendorRequest request) {
        return request.hasLoosely("CALL_STATUS", "MOBILE_NO", "CALL_DATE", "LEAD ID", "LEAD ID (CONVOXID)");
    }

    private static List<CallEvent> screenPop(VendorRequest request, SourceContext source) {
        String convoxId = required(request, "ConvoxID", "ConvoxID", "Convox_ID");
        EventDraft draft = new EventDraft(source, convoxId, request.fields());
        draft.agentId = value(request, "AgentID", "Agent_ID").orElse(null);
        draft.customer = value(request, "CallerID", "Caller_Id").map(n -> VendorValues.phone(n, source.region()))
                .orElse(null);
        draft.callReferenceId = value(request, "CallReferenceID").orElse(null);
        draft.did = value(request, "DID").map(n -> VendorValues.phone(n, source.region())).orElse(null);
        draft.process = value(request, "Process").orElse(null);
        draft.direction = value(request, "TypeOfCall").map(ConvoxAdapter::directionOfType).orElse(null);
        draft.answeredAt = request.receivedAt();
        draft.outcome = Outcome.ANSWERED;
        // The screen pop carries no time: the call and the agent it reached are its identity, so a repeat collapses
        // and a transfer to another agent is a new event.
        return List.of(draft.build(CallEventKind.CALL_ANSWERED, request.receivedAt(), NO_VENDOR_TIME,
                "agent:" + (draft.agentId == null ? "" : draft.agentId)));
    }

    private static List<CallEvent> afterCall(VendorRequest request, SourceContext source) {
        String convoxId = required(request, "LEAD ID", "LEAD ID (CONVOXID)", "LEAD_ID", "ConvoxID");
        EventDraft draft = new EventDraft(source, convoxId, request.fields());
        draft.leadId = convoxId;
        draft.customer = value(request, "MOBILE_NO").map(n -> VendorValues.phone(n, source.region())).orElse(null);
        draft.agentId = value(request, "USER_ID").orElse(null);
        value(request, "CALL_MODE").ifPresent(mode -> readMode(draft, mode));
        draft.outcome = value(request, "CALL_STATUS").map(ConvoxAdapter::outcomeOf).orElse(null);
        Instant started = startOf(request, source);
        draft.startedAt = started;
        draft.talkSeconds = seconds(request, "CALL_DURATION");
        draft.queueSeconds = seconds(request, "QUEUE_DURATION");
        draft.ringSeconds = seconds(request, "RING_DURATION");
        draft.queueName = value(request, "QUEUE_NAME").orElse(null);
        draft.completedBy = value(request, "COMPLETED_BY").orElse(null);
        draft.followUpAt = entry(request, "FOLLOWUP TIME", "FOLLOWUP_TIME")
                .filter(e -> !VendorValues.isZeroTime(e.getValue()))
                .map(e -> VendorValues.localTime(e.getKey(), e.getValue(), source.zone())).orElse(null);
        draft.station = value(request, "STATION").orElse(null);
        draft.listId = value(request, "LIST_ID").orElse(null);
        draft.did = value(request, "DID").map(n -> VendorValues.phone(n, source.region())).orElse(null);
        draft.callReferenceId = value(request, "CALL_REFERENCE_ID").orElse(null);
        draft.disposition = value(request, "DISPOSITION").orElse(null);
        draft.dialerDisposition = value(request, "DIALER_DISPOSITION").orElse(null);
        draft.process = value(request, "PROCESS_NAME").orElse(null);
        draft.recording = value(request, "RECORDING_FILE_NAME").map(path -> VendorValues.recording(path, null))
                .orElse(null);
        if (draft.outcome == Outcome.ANSWERED && started != null) {
            draft.answeredAt = started.plusSeconds(orZero(draft.queueSeconds) + orZero(draft.ringSeconds));
        }
        // ConVox gives the start to the minute; the end is that start plus the queue, ring and talk seconds.
        Instant ended = started.plusSeconds(orZero(draft.queueSeconds) + orZero(draft.ringSeconds)
                + orZero(draft.talkSeconds));
        draft.endedAt = ended;
        List<CallEvent> events = new ArrayList<>();
        events.add(draft.build(CallEventKind.CALL_ENDED, ended, started));
        if (draft.recording != null) {
            events.add(draft.build(CallEventKind.RECORDING_AVAILABLE, ended, started));
        }
        if (draft.disposition != null) {
            events.add(draft.build(CallEventKind.DISPOSITION_SET, ended, started));
        }
        return events;
    }

    /** CALL_DATE (yyyy-MM-dd, or dd-MM-yyyy) + CALL_HOUR + CALL_MINUTE, local to the source. */
    private static Instant startOf(VendorRequest request, SourceContext source) {
        Map.Entry<String, String> date = entry(request, "CALL_DATE")
                .orElseThrow(() -> ProblemException.badRequest("CALL_DATE", "is required"));
        String text = VendorValues.unquoted(date.getValue()).replace('/', '-');
        if (text.length() > 10) {
            return VendorValues.localTime(date.getKey(), text, source.zone());
        }
        LocalDate day;
        try {
            day = isIsoDay(text) ? LocalDate.parse(text) : LocalDate.parse(text, DAY_FIRST);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(date.getKey(), "'" + date.getValue() + "' is not a date such as 2024-03-05");
        }
        int hour = clockField(request, "CALL_HOUR", 23);
        int minute = clockField(request, "CALL_MINUTE", 59);
        return day.atTime(LocalTime.of(hour, minute)).atZone(source.zone()).toInstant();
    }

    /** {@code yyyy-MM-dd}: four digits, dash, two, dash, two. */
    private static boolean isIsoDay(String text) {
        return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && VendorValues.isDigits(text.substring(0, 4)) && VendorValues.isDigits(text.substring(5, 7))
                && VendorValues.isDigits(text.substring(8));
    }

    private static int clockField(VendorRequest request, String name, int max) {
        Map.Entry<String, String> field = entry(request, name)
                .orElseThrow(() -> ProblemException.badRequest(name, "is required"));
        String text = VendorValues.unquoted(field.getValue());
        if (text.length() > 2 || !VendorValues.isDigits(text) || Integer.parseInt(text) > max) {
            throw ProblemException.badRequest(field.getKey(), "'" + field.getValue() + "' is not between 0 and " + max);
        }
        return Integer.parseInt(text);
    }

    private static void readMode(EventDraft draft, String mode) {
        switch (VendorValues.lettersOnly(mode)) {
            case "inbound", "incoming", "in" -> draft.direction = Direction.INBOUND;
            case "outbound", "outgoing", "out" -> draft.direction = Direction.OUTBOUND;
            case "manual" -> outbound(draft, CallMode.MANUAL);
            case "predictive" -> outbound(draft, CallMode.PREDICTIVE);
            case "progressive" -> outbound(draft, CallMode.PROGRESSIVE);
            case "preview" -> outbound(draft, CallMode.PREVIEW);
            default -> {
                // Another mode a ConVox installation names: kept in raw, no canonical reading claimed.
            }
        }
    }

    private static void outbound(EventDraft draft, CallMode mode) {
        draft.direction = Direction.OUTBOUND;
        draft.mode = mode;
    }

    /** "Connected" / "not connected" (001), and the usual dialer results besides; others stay in raw only. */
    private static Outcome outcomeOf(String status) {
        return switch (VendorValues.lettersOnly(status)) {
            case "connected", "answered", "answer" -> Outcome.ANSWERED;
            case "notconnected", "noanswer", "notanswered" -> Outcome.NOT_CONNECTED;
            case "busy" -> Outcome.BUSY;
            case "failed", "failure" -> Outcome.FAILED;
            case "missed", "abandoned", "abandon" -> Outcome.MISSED;
            default -> null;
        };
    }

    private static Direction directionOfType(String typeOfCall) {
        String type = typeOfCall.toLowerCase(Locale.ROOT);
        if (type.startsWith("in")) {
            return Direction.INBOUND;
        }
        if (type.startsWith("out")) {
            return Direction.OUTBOUND;
        }
        return null;
    }

    private static Integer seconds(VendorRequest request, String name) {
        return entry(request, name).map(e -> VendorValues.seconds(e.getKey(), e.getValue())).orElse(null);
    }

    private static long orZero(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }

    private static String required(VendorRequest request, String documentedName, String... spellings) {
        return value(request, spellings).orElseThrow(() -> ProblemException.badRequest(documentedName, "is required"));
    }

    private static Optional<String> value(VendorRequest request, String... spellings) {
        return entry(request, spellings).map(Map.Entry::getValue);
    }

    private static Optional<Map.Entry<String, String>> entry(VendorRequest request, String... spellings) {
        return request.loosely(spellings);
    }
}
