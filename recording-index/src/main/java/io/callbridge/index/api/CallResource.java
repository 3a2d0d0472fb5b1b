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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
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
    private final CallQuery query;

    public CallResource(TenantAuthenticator authenticator, CallLookup lookup, CallQuery query) {
        this.authenticator = authenticator;
        this.lookup = lookup;
        this.query = query;
    }

    @GET
    @Operation(summary = "The tenant's calls that match every given filter, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of calls, and the cursor of the next page if any")
    @APIResponse(responseCode = "400", description = "A parameter is malformed or unknown; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CallList> search(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization,
            @Parameter(description = "The customer's number in any form: 033004799, +97233004799, 97233004799")
            @QueryParam("number") String number,
            @Parameter(description = "The agent's extension") @QueryParam("extension") String extension,
            @Parameter(description = "The agent's login") @QueryParam("agent") String agent,
            @Parameter(description = "The DID or virtual number, in any form") @QueryParam("did") String did,
            @Parameter(description = "Calls at or after this ISO-8601 time") @QueryParam("from") String from,
            @Parameter(description = "Calls before this ISO-8601 time") @QueryParam("to") String to,
            @Parameter(description = "INBOUND, OUTBOUND or INTERNAL") @QueryParam("direction") String direction,
            @Parameter(description = "MANUAL, PREDICTIVE, PROGRESSIVE or PREVIEW") @QueryParam("mode") String mode,
            @Parameter(description = "ANSWERED, MISSED, NOT_CONNECTED, BUSY or FAILED") @QueryParam("outcome")
            String outcome,
            @Parameter(description = "The agent's disposition, exactly") @QueryParam("disposition") String disposition,
            @Parameter(description = "Total seconds at least") @QueryParam("minDuration") String minDuration,
            @Parameter(description = "Total seconds at most") @QueryParam("maxDuration") String maxDuration,
            @Parameter(description = "true: only calls with a recording; false: only calls without")
            @QueryParam("hasRecording") String hasRecording,
            @Parameter(description = "The call reference id") @QueryParam("callReference") String callReference,
            @Parameter(description = "Calls per page, 1 to 100; 50 when absent") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        // The named parameters document the API; all are read from the query as a whole, so that an unknown
        // or repeated one is refused instead of ignored.
        return query.search(authenticator.authenticate(authorization), uri.getQueryParameters());
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
