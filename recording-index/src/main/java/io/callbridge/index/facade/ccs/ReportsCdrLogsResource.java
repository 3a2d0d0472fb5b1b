package io.callbridge.index.facade.ccs;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.locale.TenantLocales;
import io.callbridge.index.search.CallCriteria;
import io.callbridge.index.search.CallOrder;
import io.callbridge.index.search.CallPosition;
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

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Call Center Studio's {@code reportsCDRLogs}: the calls of a date range, a hundred at a time, or the one call of an
 * {@code activecallkey}; a cursor on every answer, an empty list when nothing matches.
 */
@Path("/ccs/reportsCDRLogs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Call Center Studio")
public class ReportsCdrLogsResource {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final TenantAuthenticator authenticator;
    private final TenantLocales locales;
    private final CallSearch search;

    public ReportsCdrLogsResource(TenantAuthenticator authenticator, TenantLocales locales, CallSearch search) {
        this.authenticator = authenticator;
        this.locales = locales;
        this.search = search;
    }

    @GET
    @Operation(summary = "CDR logs of a date range (at most 100 per answer, oldest first) or of one call")
    @APIResponse(responseCode = "200", description = "{\"cursor\": ..., \"CallList\": [calls]}")
    @APIResponse(responseCode = "400", description = "A parameter is missing or malformed; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CdrLogs> reportsCdrLogs(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization,
            @Parameter(description = "Calls started at or after: yyyy-MM-dd HH:mm:ss or yyyy-MM-dd, the PBX's zone")
            @QueryParam("startdate") String startdate,
            @Parameter(description = "Calls started at or before: yyyy-MM-dd HH:mm:ss, or yyyy-MM-dd for the whole day")
            @QueryParam("finishdate") String finishdate,
            @Parameter(description = "The unique id of one call") @QueryParam("activecallkey") String activecallkey,
            @Parameter(description = "The cursor of the previous answer") @QueryParam("cursor") String cursor) {
        TenantId tenant = authenticator.authenticate(authorization);
        ZoneId zone = locales.zoneOf(tenant);
        String callKey = Parameters.text("activecallkey", activecallkey, 128);
        Instant from = bound("startdate", startdate, zone, false);
        Instant to = bound("finishdate", finishdate, zone, true);
        Optional<CallPosition> after = Optional.ofNullable(Parameters.text("cursor", cursor, 512))
                .map(text -> CallPosition.ofCursor(text, "cursor"));
        if (callKey != null && (from != null || to != null)) {
            throw ProblemException.badRequest("activecallkey", "is not combined with startdate or finishdate");
        }
        if (callKey == null && from == null && to == null && after.isEmpty()) {
            throw ProblemException.badRequest("startdate", "is required unless activecallkey or cursor is given");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.badRequest("finishdate", "is before startdate");
        }
        CallCriteria criteria = callKey != null ? CallCriteria.ofCallId(callKey) : CallCriteria.between(from, to);
        CallPosition start = new CallPosition(from != null ? from : Instant.EPOCH, "");
        return search.page(LookupMetrics.CCS_CDR_LOGS, tenant, criteria.toConditions(), after, CallOrder.OLDEST_FIRST, CallSearch.MAX_PAGE_SIZE)
                .map(page -> new CdrLogs(page.last().orElse(start).toCursor(),
                        page.calls().stream().map(found -> CdrLog.of(found, zone)).toList()));
    }

    /** A date alone means the day's start, or for the end of a range the whole day; an end is inclusive. */
    private static Instant bound(String name, String value, ZoneId zone, boolean end) {
        String text = Parameters.text(name, value, 32);
        if (text == null) {
            return null;
        }
        if (DATE.matcher(text).matches()) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e) {
                throw ProblemException.badRequest(name, "'" + value + "' is not a date such as 2024-03-05");
            }
        }
        Instant time = Parameters.vendorTime(name, text, zone);
        // Vendor times have whole seconds: the end second itself is in the range.
        return end ? time.plusSeconds(1) : time;
    }
}
