package io.callbridge.dispatch.api;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.endpoint.EndpointRegistry;
import io.callbridge.dispatch.endpoint.EndpointStore;
import io.callbridge.dispatch.outbox.DeliveryLog;
import io.callbridge.dispatch.outbox.DeliveryState;
import io.callbridge.dispatch.outbox.DeliveryWorker;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The delivery log of one of the tenant's endpoints, and replays. */
@Path("/v1/endpoints/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deliveries")
public class DeliveryResource {

    private final TenantAuthenticator authenticator;
    private final EndpointStore store;
    private final DeliveryLog log;
    private final DeliveryWorker worker;

    public DeliveryResource(TenantAuthenticator authenticator, EndpointStore store, DeliveryLog log,
                            DeliveryWorker worker) {
        this.authenticator = authenticator;
        this.store = store;
        this.log = log;
        this.worker = worker;
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "The endpoint's deliveries, newest first, each with every attempt: time, status, latency "
            + "and the first 2 KB of the answer")
    @APIResponse(responseCode = "400", description = "A parameter is malformed; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The tenant has no endpoint of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DeliveryLog.Delivery>> deliveries(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name,
            @Parameter(description = "PENDING, DELIVERED or DEAD") @QueryParam("outcome") String outcome,
            @Parameter(description = "Only this call's") @QueryParam("callId") String callId,
            @Parameter(description = "1 to 500; 50 when absent") @QueryParam("limit") String limit) {
        DeliveryState state = outcome == null ? null : state(outcome);
        int most = limit == null ? 50 : number("limit", limit, 1, 500);
        return endpoint(authorization, name).chain(key -> log.of(key, state, callId, most));
    }

    @POST
    @Path("/deliveries/{id}/replay")
    @Operation(summary = "Sends one delivery again, from a first attempt, whatever its state")
    public Uni<Map<String, Integer>> replayOne(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                               @PathParam("name") String name, @PathParam("id") String id) {
        long delivery = number("id", id, 1, Long.MAX_VALUE);
        return endpoint(authorization, name).chain(key -> log.replay(key, delivery, null, null)).map(count -> {
            if (count == 0) {
                throw ProblemException.notFound("The endpoint has no delivery " + id);
            }
            worker.wake();
            return Map.of("replayed", count);
        });
    }

    @POST
    @Path("/replay")
    @Operation(summary = "Sends every delivery of the endpoint taken in within [from, to) again")
    public Uni<Map<String, Integer>> replayRange(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                 @PathParam("name") String name,
                                                 @Parameter(description = "ISO-8601, inclusive") @QueryParam("from")
                                                 String from,
                                                 @Parameter(description = "ISO-8601, exclusive") @QueryParam("to")
                                                 String to) {
        if (from == null) {
            throw ProblemException.badRequest("from", "is required");
        }
        Instant start = instant("from", from);
        Instant end = to == null ? null : instant("to", to);
        return endpoint(authorization, name).chain(key -> log.replay(key, null, start, end)).map(count -> {
            worker.wake();
            return Map.of("replayed", count);
        });
    }

    /** The endpoint's key, once it is known to be the tenant's. */
    private Uni<String> endpoint(String authorization, String name) {
        TenantId tenant = authenticator.authenticate(authorization);
        String key = EndpointRegistry.key(tenant, name);
        return store.find(key).map(found -> found.filter(stored -> stored.definition() != null)
                .map(EndpointStore.Stored::key)
                .orElseThrow(() -> ProblemException.notFound("There is no endpoint named '" + name + "'")));
    }

    private static DeliveryState state(String outcome) {
        try {
            return DeliveryState.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("outcome", "must be one of " + Arrays.toString(DeliveryState.values()));
        }
    }

    private static long number(String field, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw ProblemException.badRequest(field, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "is no number");
        }
    }

    private static int number(String field, String value, int min, int max) {
        return (int) number(field, value, (long) min, (long) max);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "is no ISO-8601 instant (such as 2024-03-05T09:41:00Z)");
        }
    }
}
