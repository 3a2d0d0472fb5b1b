package io.callbridge.click2call.call;

import io.callbridge.click2call.tenant.CallingTenant;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
import java.util.List;
import java.util.Map;

@Path("/v1/calls")
@Tag(name = "Click to call")
public class CallResource {

    private final CallPlacer placer;
    private final CallingTenant tenant;
    private final CallConfig config;

    public CallResource(CallPlacer placer, CallingTenant tenant, CallConfig config) {
        this.placer = placer;
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
    @APIResponse(responseCode = "202", description = "The request is on Kafka and the PBX is dialing")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The PBX refused, failed or did not answer in time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the request; the PBX was not called. "
            + "Safe to retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallAccepted> call(@Valid @NotNull CallRequest request) {
        DialRequest requested = request.toDialRequest(tenant.get(), config.defaultRegion(), Instant.now());
        return placer.place(requested).map(CallResource::accepted);
    }

    private static CallAccepted accepted(DialRequest dialed) {
        if (dialed.status() != DialStatus.DIALING) {
            throw new ProblemException(new Problem("about:blank", "Bad Gateway", 502,
                    "The PBX did not place call request " + dialed.requestId() + ": " + dialed.reason(), List.of()),
                    Map.of());
        }
        return new CallAccepted(dialed.requestId(), dialed.status());
    }
}
