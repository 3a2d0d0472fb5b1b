package io.callbridge.ingest.vendor;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.metrics.IngestMetrics;
import io.callbridge.ingest.publish.CallEventPublisher;
import io.callbridge.ingest.publish.TraceContext;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.source.SourceGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A vendor notification from admission to answer: guard, adapter, validation, publication of every event, and
 * the count of what was accepted or refused.
 */
@ApplicationScoped
public class VendorIngestion {

    private final SourceGuard guard;
    private final VendorAdapters adapters;
    private final CallEventPublisher publisher;
    private final Validator validator;
    private final IngestMetrics metrics;

    public VendorIngestion(SourceGuard guard, VendorAdapters adapters, CallEventPublisher publisher,
                           Validator validator, IngestMetrics metrics) {
        this.guard = guard;
        this.adapters = adapters;
        this.publisher = publisher;
        this.validator = validator;
        this.metrics = metrics;
    }

    /**
     * @param remoteAddress the peer's address
     * @param header        reads a request header
     * @return the vendor's success answer once every event is acknowledged by Kafka
     */
    public Uni<Response> ingest(SourceContext source, VendorRequest request, String remoteAddress,
                                Function<String, String> header) {
        VendorAdapter adapter = adapters.of(source);
        Uni<List<CallEvent>> read;
        try {
            guard.admit(source, remoteAddress, header, request.fields());
            read = adapter.events(request.without(source.config().auth().tokenParameter()), source);
        } catch (RuntimeException refused) {
            metrics.rejected(source.name(), IngestMetrics.reasonOf(refused));
            return Uni.createFrom().failure(refused);
        }
        TraceContext trace = TraceContext.of(header);
        // Few operators on purpose: each one costs a context capture per request on the event loop.
        return read.flatMap(events -> {
                    validate(events);
                    return publisher.publishAll(events, trace).map(ignored -> {
                        metrics.accepted(source.name(), events.size());
                        return adapter.accepted(events);
                    });
                })
                .onFailure().invoke(failure -> metrics.rejected(source.name(), IngestMetrics.reasonOf(failure)));
    }

    /** Every event, each acknowledged; a failure of any fails the whole (its retry repeats the same event ids). */
    public Uni<Void> publish(List<CallEvent> events) {
        return publisher.publishAll(events, TraceContext.NONE);
    }

    private void validate(List<CallEvent> events) {
        for (CallEvent event : events) {
            Set<ConstraintViolation<CallEvent>> violations = validator.validate(event);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
        }
    }

    /** A JSON object's members as text fields: scalars as written, objects and arrays as their JSON. */
    public static Map<String, String> fieldsOf(com.fasterxml.jackson.databind.JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            com.fasterxml.jackson.databind.JsonNode value = e.getValue();
            if (!value.isNull()) {
                fields.put(e.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        });
        return fields;
    }
}
