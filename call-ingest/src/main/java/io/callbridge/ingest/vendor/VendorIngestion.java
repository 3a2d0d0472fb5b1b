package io.callbridge.ingest.vendor;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.metrics.IngestMetrics;
import io.callbridge.ingest.publish.CallEventPublisher;
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
        return Uni.createFrom().deferred(() -> {
                    guard.admit(source, remoteAddress, header, request.fields());
                    return adapter.events(request.without(source.config().auth().tokenParameter()), source);
                })
                .invoke(this::validate)
                .flatMap(events -> publish(events).replaceWith(events))
                .invoke(events -> metrics.accepted(source.name(), events.size()))
                .map(adapter::accepted)
                .onFailure().invoke(failure -> metrics.rejected(source.name(), reasonOf(failure)));
    }

    /** Every event, each acknowledged; a failure of any fails the whole (its retry repeats the same event ids). */
    public Uni<Void> publish(List<CallEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(publisher::publish).toList()).andFailFast().replaceWithVoid();
    }

    private void validate(List<CallEvent> events) {
        for (CallEvent event : events) {
            Set<ConstraintViolation<CallEvent>> violations = validator.validate(event);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
        }
    }

    private static String reasonOf(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return IngestMetrics.reasonOf(problem.problem().status());
        }
        if (failure instanceof ConstraintViolationException) {
            return "invalid";
        }
        return "error";
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
