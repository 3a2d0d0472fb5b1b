package io.callbridge.ingest.vendor.recall;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.vendor.EventDraft;
import io.callbridge.ingest.vendor.VendorRequest;
import io.callbridge.ingest.vendor.VendorValues;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Recall call's details, however they came (URL push, CRM web service push, per-extension text file): the
 * number, the extension, the date and time, the duration once the call ended, and the recording's full path.
 * Recall gives no call id: a call is its extension and its start time, so every form of one call is one call.
 */
final class RecallCall {

    static final String AGENT = "agent";
    static final String DATE_TIME = "date & time";

    private static final DateTimeFormatter CALL_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private RecallCall() {
    }

    /**
     * Details without a duration (the text file written when a call starts) offer the call; with one, they end it
     * and name its recording.
     */
    static List<CallEvent> events(VendorRequest request, SourceContext source) {
        String extension = value(request, "agent", "sExtension", "extension")
                .orElseThrow(() -> ProblemException.badRequest(named(request, AGENT, "sExtension"), "is required"));
        Map.Entry<String, String> when = startOf(request);
        Instant started = VendorValues.localTime(when.getKey(), when.getValue(), source.zone());
        LocalDateTime local = LocalDateTime.ofInstant(started, source.zone());
        String callId = extension + "-" + local.atOffset(ZoneOffset.UTC).format(CALL_ID_TIME);
        EventDraft draft = new EventDraft(source, callId, request.fields());
        draft.extension = extension;
        draft.startedAt = started;
        draft.customer = value(request, "number", "sPhoneNumber", "phone").map(n -> VendorValues.phone(n,
                source.region())).orElse(null);
        Optional<Map.Entry<String, String>> duration = request.loosely("duration", "iDuration", "call duration");
        draft.talkSeconds = duration.map(d -> VendorValues.seconds(d.getKey(), d.getValue())).orElse(null);
        Boolean deletionProtected = request.loosely("bDeletionProtected")
                .map(b -> VendorValues.bool(b.getKey(), b.getValue())).orElse(null);
        draft.recording = value(request, "audiofile", "audio file", "sRecFile", "recording")
                .map(path -> VendorValues.recording(path, deletionProtected)).orElse(null);
        List<CallEvent> events = new ArrayList<>();
        if (draft.talkSeconds == null) {
            events.add(draft.build(CallEventKind.CALL_OFFERED, started, started));
            return events;
        }
        draft.endedAt = started.plusSeconds(draft.talkSeconds);
        events.add(draft.build(CallEventKind.CALL_ENDED, draft.endedAt, started));
        if (draft.recording != null) {
            events.add(draft.build(CallEventKind.RECORDING_AVAILABLE, draft.endedAt, started));
        }
        return events;
    }

    /**
     * The call's date and time: one field ({@code dtCallDateTime}, or {@code time} as 000's broken template
     * {@code date&time=[date & time]} delivers it), or a {@code date} and a {@code time} apart.
     */
    private static Map.Entry<String, String> startOf(VendorRequest request) {
        Optional<Map.Entry<String, String>> whole = request.loosely("dtCallDateTime", "date & time", "datetime");
        if (whole.isPresent()) {
            return whole.get();
        }
        Optional<Map.Entry<String, String>> date = request.loosely("date");
        Optional<Map.Entry<String, String>> time = request.loosely("time");
        if (time.isPresent() && VendorValues.unquoted(time.get().getValue()).length() > 10) {
            return time.get();
        }
        if (date.isPresent() && VendorValues.unquoted(date.get().getValue()).length() > 10) {
            return date.get();
        }
        if (date.isPresent() && time.isPresent()) {
            return Map.entry(date.get().getKey() + "&" + time.get().getKey(),
                    VendorValues.unquoted(date.get().getValue()) + " " + VendorValues.unquoted(time.get().getValue()));
        }
        throw ProblemException.badRequest(named(request, DATE_TIME, "dtCallDateTime"), "is required (yyyy-MM-dd HH:mm:ss)");
    }

    /**
     * A missing field's name as this request's form names it: the web service's ({@code sExtension},
     * {@code dtCallDateTime}, as the SOAP and JSONP pushes send) or the URL push's ({@code agent}, {@code date & time}).
     */
    private static String named(VendorRequest request, String urlName, String serviceName) {
        return request.hasLoosely("sExtension", "sPhoneNumber", "dtCallDateTime", "iDuration", "sRecFile",
                "bDeletionProtected") ? serviceName : urlName;
    }

    private static Optional<String> value(VendorRequest request, String... spellings) {
        return request.loosely(spellings).map(Map.Entry::getValue).map(VendorValues::unquoted);
    }
}
