package io.callbridge.index.facade.fixdigital;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.locale.TenantLocales;
import io.callbridge.index.search.CallCriteria;
import io.callbridge.index.search.CallOrder;
import io.callbridge.index.metrics.LookupMetrics;
import io.callbridge.index.search.CallSearch;
import io.callbridge.index.search.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
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

import java.time.ZoneId;
import java.util.Optional;

/**
 * FixDigital's "get call list by phone number": the columns of its SQL example ({@code time, ext, number, duration,
 * filename, incoming}), served over HTTP with the number as a bound parameter instead of its interpolated query.
 */
@Path("/fixdigital/call-list")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "FixDigital")
public class FixDigitalCallListResource {

    private static final int DEFAULT_SIZE = 100;

    private final TenantAuthenticator authenticator;
    private final TenantLocales locales;
    private final CallSearch search;

    public FixDigitalCallListResource(TenantAuthenticator authenticator, TenantLocales locales, CallSearch search) {
        this.authenticator = authenticator;
        this.locales = locales;
        this.search = search;
    }

    @GET
    @Operation(summary = "The calls with a phone number, newest first")
    @APIResponse(responseCode = "200", description = "{\"success\": true, \"result\": [calls]}")
    @APIResponse(responseCode = "400", description = "No number, or a malformed limit; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FixDigitalCallList> callList(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization,
            @Parameter(description = "The customer's number in any form: 033004799, +97233004799, 97233004799")
            @QueryParam("number") String number,
            @Parameter(description = "Calls at most, 1 to 100; 100 when absent") @QueryParam("limit") String limit) {
        TenantId tenant = authenticator.authenticate(authorization);
        String given = Parameters.text("number", number, 64);
        if (given == null) {
            throw ProblemException.badRequest("number", "is required");
        }
        int size = Parameters.pageSize("limit", limit, DEFAULT_SIZE);
        ZoneId zone = locales.zoneOf(tenant);
        return search.page(LookupMetrics.FIXDIGITAL_CALL_LIST, tenant, CallCriteria.ofCustomer(locales.matchKeyOf(tenant, given)).toConditions(),
                        Optional.empty(), CallOrder.NEWEST_FIRST, size)
                .map(page -> new FixDigitalCallList(true,
                        page.calls().stream().map(found -> FixDigitalCall.of(found, zone)).toList()));
    }
}
