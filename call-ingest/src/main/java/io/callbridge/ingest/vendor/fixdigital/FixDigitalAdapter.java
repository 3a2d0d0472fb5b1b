package io.callbridge.ingest.vendor.fixdigital;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * FixDigital's call callbacks (004): {@code operation=incomingCall|incomingCallAnswered}, {@code sExt},
 * {@code sNumber}, {@code ClientId}; answered with exactly {@code {"success":true,"result":[]}}.
 */
@ApplicationScoped
public class FixDigitalAdapter implements VendorAdapter {

    /** The success body the document prescribes, byte for byte. */
    public static final String SUCCESS = "{\"success\":true,\"result\":[]}";

    static final String OPERATION = "operation";
    static final String EXTENSION = "sExt";
    static final String NUMBER = "sNumber";
    static final String CLIENT_ID = "ClientId";

    @Override
    public SourceSystem system() {
        return SourceSystem.FIXDIGITAL;
    }

    @Override
    public Uni<List<CallEvent>> events(VendorRequest request, SourceContext source) {
        return Uni.createFrom().item(() -> List.of(event(request, source)));
    }

    private static CallEvent event(VendorRequest request, SourceContext source) {
        String operation = request.require(OPERATION);
        CallEventKind kind = switch (operation) {
            case "incomingCall" -> CallEventKind.CALL_OFFERED;
            case "incomingCallAnswered" -> CallEventKind.CALL_ANSWERED;
            default -> throw ProblemException.badRequest(OPERATION,
                    "'" + operation + "' is not incomingCall or incomingCallAnswered");
        };
        request.get(CLIENT_ID).ifPresent(clientId -> {
            if (!clientId.equals(source.config().clientId().orElse(clientId))) {
                throw ProblemException.forbidden("ClientId " + clientId + " is not the client of source '"
                        + source.name() + "'");
            }
        });
        String extension = request.require(EXTENSION);
        String number = request.require(NUMBER);
        // The callbacks carry neither a call id nor a time: a call is its extension and number within a window of
        // arrival, so a repeated callback (and the answer following the offer) lands on the same call and event id.
        long window = Math.max(1, source.config().callWindow().toSeconds());
        Instant windowStart = Instant.ofEpochSecond(request.receivedAt().getEpochSecond() / window * window);
        String callId = request.get(source.field("call-id", "CallId"))
                .orElseGet(() -> extension + "-" + dialable(number) + "-" + windowStart.getEpochSecond());
        EventDraft draft = new EventDraft(source, callId, request.fields());
        draft.extension = extension;
        draft.customer = VendorValues.phone(number, source.region());
        draft.direction = Direction.INBOUND;
        if (kind == CallEventKind.CALL_ANSWERED) {
            draft.answeredAt = request.receivedAt();
            draft.outcome = Outcome.ANSWERED;
        } else {
            draft.startedAt = request.receivedAt();
        }
        return draft.build(kind, request.receivedAt(), windowStart);
    }

    /** The number's digits and plus signs: {@code 03-300 4799} and {@code 033004799} are one call. */
    private static String dialable(String number) {
        StringBuilder dialable = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if ((c >= '0' && c <= '9') || c == '+') {
                dialable.append(c);
            }
        }
        return dialable.toString();
    }

    @Override
    public Response accepted(List<CallEvent> events) {
        return Response.ok(SUCCESS, MediaType.APPLICATION_JSON).build();
    }
}
