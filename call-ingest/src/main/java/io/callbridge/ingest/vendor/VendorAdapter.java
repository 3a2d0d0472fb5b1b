package io.callbridge.ingest.vendor;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.ingest.api.AcceptedEvent;
import io.callbridge.ingest.source.SourceContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Reads one vendor's notifications; one implementation per vendor, chosen by the source's configured vendor. */
public interface VendorAdapter {

    /** The vendor this adapter reads. */
    SourceSystem system();

    /**
     * The canonical events of one notification, complete with deterministic ids.
     *
     * @return a failure with a 400 {@link io.callbridge.common.problem.ProblemException} naming the field when the
     * notification cannot be read
     */
    Uni<List<CallEvent>> events(VendorRequest request, SourceContext source);

    /** The answer once every event is durable; the vendor's own success body where its document names one. */
    default Response accepted(List<CallEvent> events) {
        return Response.accepted(Map.of("accepted",
                        events.stream().map(e -> new AcceptedEvent(e.eventId(), e.callId())).toList()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
