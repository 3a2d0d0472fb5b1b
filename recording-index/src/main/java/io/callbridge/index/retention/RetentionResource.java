package io.callbridge.index.retention;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dry run of the retention purge, for the caller's tenant. */
@Path("/v1/retention/report")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "retention")
public class RetentionResource {

    private final TenantAuthenticator authenticator;
    private final RetentionPurge purge;

    public RetentionResource(TenantAuthenticator authenticator, RetentionPurge purge) {
        this.authenticator = authenticator;
        this.purge = purge;
    }

    @GET
    @Operation(summary = "What the retention purge would delete now, and what it keeps as deletion-protected")
    @APIResponse(responseCode = "200", description = "The report; nothing is deleted")
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RetentionReport> report(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization) {
        return purge.report(authenticator.authenticate(authorization));
    }
}
