package io.callbridge.ingest.api;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.EventIds;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.ingest.IngestConfig;
import io.callbridge.ingest.metrics.IngestMetrics;
import io.callbridge.ingest.phone.PhoneNumbers;
import io.callbridge.ingest.publish.CallEventPublisher;
import io.callbridge.ingest.publish.TraceContext;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Canonical call events, posted as they are by any system that already speaks Callbridge's model. */
@Path("/v1/events")
public class CanonicalEventResource {

    private final CallEventPublisher publisher;
    private final TenantAuthenticator authenticator;
    private final Validator validator;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public CanonicalEventResource(CallEventPublisher publisher, TenantAuthenticator authenticator,
                                  Validator validator, IngestConfig config, IngestMetrics metrics) {
        this.publisher = publisher;
        this.authenticator = authenticator;
        this.validator = validator;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish one canonical call event",
            description = "Answers 202 only once Kafka acknowledged the event. Without an eventId, the id is derived "
                    + "from source, callId, kind and occurredAt, so a repeated post is collapsed downstream.")
    @APIResponse(responseCode = "202", description = "Durable on Kafka")
    @APIResponse(responseCode = "400", description = "Malformed or incomplete event; the problem names the field")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "The event belongs to another tenant than the key's")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry after Retry-After")
    public Uni<Response> publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @Context HttpHeaders headers, CallEvent event) {
        CallEvent complete;
        try {
            TenantId tenant = authenticator.authenticate(authorization);
            complete = completed(requirePresent(event));
            Set<ConstraintViolation<CallEvent>> violations = validator.validate(complete);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            authenticator.requireSame(tenant, complete.tenant());
        } catch (RuntimeException refused) {
            metrics.rejected(IngestMetrics.CANONICAL_SOURCE, IngestMetrics.reasonOf(refused));
            throw refused;
        }
        return counted(publisher.publishAll(List.of(complete), TraceContext.of(headers::getHeaderString)), 1)
                .map(ignored -> Response.accepted(new AcceptedEvent(complete.eventId(), complete.callId())).build());
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish several canonical call events, all or nothing",
            description = "Every event is read and validated before any is published: one bad event refuses the "
                    + "whole batch (400, the problem names it as [index].field). Then all are published and the answer "
                    + "is 202 once Kafka acknowledged every one; if any is not acknowledged the answer is 503 and the "
                    + "whole batch is to be retried: the events that did land have the same ids the second time, so "
                    + "consumers drop them.")
    @APIResponse(responseCode = "202", description = "Every event is durable on Kafka")
    @APIResponse(responseCode = "400", description = "An event is malformed; nothing was published")
    @APIResponse(responseCode = "401", description = "Missing or unknown API key")
    @APIResponse(responseCode = "403", description = "An event belongs to another tenant than the key's; nothing was published")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every event in time; retry the batch")
    public Uni<Response> publishBatch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      @Context HttpHeaders headers, List<CallEvent> events) {
        List<CallEvent> complete;
        try {
            complete = readBatch(authorization, events);
        } catch (RuntimeException refused) {
            metrics.rejected(IngestMetrics.CANONICAL_SOURCE, IngestMetrics.reasonOf(refused));
            throw refused;
        }
        return counted(publisher.publishAll(complete, TraceContext.of(headers::getHeaderString)), complete.size())
                .map(ignored -> Response.accepted(complete.stream()
                        .map(e -> new AcceptedEvent(e.eventId(), e.callId())).toList()).build());
    }

    private Uni<Void> counted(Uni<Void> published, int events) {
        return published.invoke(() -> metrics.accepted(IngestMetrics.CANONICAL_SOURCE, events))
                .onFailure().invoke(failure -> metrics.rejected(IngestMetrics.CANONICAL_SOURCE,
                        IngestMetrics.reasonOf(failure)));
    }

    /** Every event read, completed and validated, all of the key's tenant; else nothing. */
    private List<CallEvent> readBatch(String authorization, List<CallEvent> events) {
        TenantId tenant = authenticator.authenticate(authorization);
        if (events == null || events.isEmpty()) {
            throw ProblemException.badRequest("body", "an array of at least one call event is required");
        }
        if (events.size() > config.maxBatch()) {
            throw ProblemException.badRequest("body", "at most " + config.maxBatch() + " events per batch");
        }
        List<CallEvent> complete = new ArrayList<>(events.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String at = "[" + i + "]";
            try {
                CallEvent event = completed(requirePresent(events.get(i)));
                validator.validate(event).forEach(v -> errors.add(
                        new Problem.FieldError(at + "." + v.getPropertyPath(), v.getMessage())));
                complete.add(event);
            } catch (ProblemException e) {
                e.problem().errors().forEach(f -> errors.add(new Problem.FieldError(at + "." + f.field(), f.message())));
            }
        }
        if (!errors.isEmpty()) {
            String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
            throw new ProblemException(new Problem("about:blank", "Bad Request", 400,
                    "Invalid field(s): " + fields + "; no event of the batch was published", errors), Map.of());
        }
        complete.forEach(event -> authenticator.requireSame(tenant, event.tenant()));
        return complete;
    }

    private static CallEvent requirePresent(CallEvent event) {
        if (event == null) {
            throw ProblemException.badRequest("body", "a call event is required");
        }
        return event;
    }

    /** Fills what a poster may leave out: the schema version, the derived event id, numbers in E.164. */
    private CallEvent completed(CallEvent event) {
        int version = event.schemaVersion() == 0 ? CallEvent.SCHEMA_VERSION : event.schemaVersion();
        if (version != CallEvent.SCHEMA_VERSION) {
            throw ProblemException.badRequest("schemaVersion",
                    "version " + version + " is not supported; this service reads version " + CallEvent.SCHEMA_VERSION);
        }
        CallParties parties = event.parties();
        CallParties resolved = new CallParties(resolve(parties.customer(), "parties.customer"),
                resolve(parties.did(), "parties.did"), parties.extension(), parties.agentId(), parties.employeeId(),
                parties.station());
        CallEvent filled = new CallEvent(version, event.eventId(), event.callId(), event.tenant(), event.source(),
                event.kind(), event.times(), resolved, event.call(), event.durations(), event.context(),
                event.recording(), event.raw());
        boolean derivable = filled.source() != null && filled.callId() != null && filled.kind() != null
                && filled.times() != null && filled.times().occurredAt() != null && filled.source().system() != null
                && filled.source().instance() != null;
        return filled.eventId() == null && derivable ? filled.withEventId(EventIds.of(filled)) : filled;
    }

    private PhoneNumber resolve(PhoneNumber number, String field) {
        if (number == null) {
            return null;
        }
        if (number.raw() == null || number.raw().isBlank()) {
            throw ProblemException.badRequest(field + ".raw", "must not be blank");
        }
        return PhoneNumbers.resolved(number, config.defaultRegion());
    }
}
