package io.callbridge.index.api;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calls of the caller's tenant. */
@Path("/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "calls")
public class CallResource {

    private final TenantAuthenticator authenticator;
    private final CallLookup lookup;

    public CallResource(TenantAuthenticator authenticator, CallLookup lookup) {
        this.authenticator = authenticator;
        this.lookup = lookup;
    }

    @GET
    @Path("/{callId}")
    @Operation(summary = "One call with its recordings, as merged from all its events")
    @APIResponse(responseCode = "200", description = "The call")
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The tenant has no call of that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallView> get(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization,
            @Parameter(description = "The vendor's id of the call") @PathParam("callId") @Size(max = 128)
            String callId) {
        return lookup.find(authenticator.authenticate(authorization), callId);
    }
}
