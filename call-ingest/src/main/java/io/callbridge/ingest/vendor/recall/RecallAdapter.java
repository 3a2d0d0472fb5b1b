package io.callbridge.ingest.vendor.recall;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.ingest.api.AcceptedEvent;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.vendor.VendorAdapter;
import io.callbridge.ingest.vendor.VendorRequest;
import io.callbridge.common.kafka.EventJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Recall recorder (000) pushing a call's details after each call: by URL (query string), or to a CRM web
 * service as JSON or JSONP (a GET with {@code callback}, answered as {@code callback(...)}).
 */
@ApplicationScoped
public class RecallAdapter implements VendorAdapter {

    /** The JSONP callback parameter; its value must be a JavaScript identifier path, nothing to inject. */
    static final String CALLBACK = "callback";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");

    @Override
    public SourceSystem system() {
        return SourceSystem.RECALL;
    }

    @Override
    public Uni<List<CallEvent>> events(VendorRequest request, SourceContext source) {
        return Uni.createFrom().item(() -> {
            request.get(CALLBACK).filter(c -> !IDENTIFIER.matcher(c).matches()).ifPresent(c -> {
                throw io.callbridge.common.problem.ProblemException.badRequest(CALLBACK, "is not a JavaScript name");
            });
            return RecallCall.events(request, source);
        });
    }

    @Override
    public Response accepted(List<CallEvent> events) {
        String callback = events.isEmpty() ? null : events.get(0).raw().get(CALLBACK);
        if (callback == null) {
            return VendorAdapter.super.accepted(events);
        }
        Map<String, Object> body = Map.of("accepted",
                events.stream().map(e -> new AcceptedEvent(e.eventId(), e.callId())).toList());
        try {
            return Response.ok(callback.trim() + "(" + EventJson.MAPPER.writeValueAsString(body) + ");",
                    "application/javascript").build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("accepted events always serialize", e);
        }
    }

}
