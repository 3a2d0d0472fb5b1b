package io.callbridge.click2call.call;

import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.click2call.tenant.CallingTenant;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.click2call.outage.Outages;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.UUID;

@Path("/v1/calls")
@Tag(name = "Click to call")
public class CallResource {

    private final CallPlacer placer;
    private final TenantDialers dialers;
    private final DialRecords records;
    private final CallingTenant tenant;
    private final CallConfig config;

    public CallResource(CallPlacer placer, TenantDialers dialers, DialRecords records, CallingTenant tenant,
                        CallConfig config) {
        this.placer = placer;
        this.dialers = dialers;
        this.records = records;
        this.tenant = tenant;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Have the PBX ring the agent, then dial the number",
            description = "Authenticated by 'Authorization: Bearer <API key>'. The PBX is asked once: a failed dial "
                    + "is never repeated, since a repeat could ring the customer twice.")
    @APIResponse(responseCode = "202", description = "The request is stored, on Kafka, and the PBX is dialing; or the "
            + "same agent asked for the same number within the dedupe window, and this is that request")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The agent is not one of the tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The agent asked for more calls than the rate limit allows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The PBX refused, failed or did not answer in time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the request; the PBX was not called. "
            + "Safe to retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallAccepted> call(@Valid @NotNull CallRequest request) {
        DialRequest requested = request.toDialRequest(tenant.get(), config, Instant.now());
        return placer.placeOrRefuse(dialers.callFor(requested))
                .map(dialed -> new CallAccepted(dialed.requestId(), dialed.status()))
                .plug(Outages.answeredUnavailable());
    }

    @GET
    @Path("/{requestId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where a dial request stands",
            description = "REQUESTED, DIALING, then ANSWERED and ENDED, or FAILED with the reason, as the PBX's own "
                    + "call events tell")
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "404", description = "The tenant has no request of that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallStatus> status(@PathParam("requestId") UUID requestId) {
        return records.ofTenant(tenant.get().value(), requestId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No dial request " + requestId))
                .map(CallStatus::of)
                .plug(Outages.answeredUnavailable());
    }
}
