package io.callbridge.click2call.crm.retailcrm;

import io.callbridge.click2call.call.CallConfig;
import io.callbridge.click2call.call.CallPlacer;
import io.callbridge.click2call.call.CallRequest;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.click2call.pbx.uis.UisEmployees;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.SecretHashes;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.click2call.outage.Outages;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The URLs registered with retailCRM at telephony activation ({@code makeCallUrl}, {@code changeUserStatusUrl}):
 * retailCRM sends {@code clientId} (which names the tenant), {@code code} (the user's extension, our agent) and
 * {@code phone} to make a call, or {@code status} when a user's status changes; GET with a query or POST with a
 * form, both accepted. A status change becomes UIS {@code update.employees}: {@code free} makes the employee's
 * {@code calls_available} true, any other status false.
 */
@Path("/retailcrm")
@Tag(name = "retailCRM telephony")
@Produces(MediaType.APPLICATION_JSON)
public class RetailCrmTelephonyResource {

    /** The retailCRM user status in which the agent takes calls. */
    private static final String FREE = "free";

    private final Map<String, TenantId> tenantByClientIdHash;
    private final TenantDialers dialers;
    private final CallPlacer placer;
    private final UisEmployees employees;
    private final CallConfig config;

    public RetailCrmTelephonyResource(RetailCrmConfig retailCrm, TenantDialers dialers, CallPlacer placer,
                                      UisEmployees employees, CallConfig config) {
        this.tenantByClientIdHash = retailCrm.clientIdSha256().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getValue().trim().toLowerCase(Locale.ROOT), entry -> TenantId.of(entry.getKey())));
        this.dialers = dialers;
        this.placer = placer;
        this.employees = employees;
        this.config = config;
    }

    @GET
    @Path("/make-call")
    @Operation(summary = "retailCRM's makeCallUrl: have the PBX ring the user's extension, then dial the phone")
    public Uni<RetailCrmReply> makeCall(@QueryParam("clientId") String clientId, @QueryParam("code") String code,
                                        @QueryParam("phone") String phone) {
        TenantId tenant = tenantOf(clientId);
        DialRequest requested = new CallRequest(required("code", code), required("phone", phone), null)
                .toDialRequest(tenant, config, Instant.now());
        return placer.placeOrRefuse(dialers.callFor(requested)).map(dialed -> RetailCrmReply.succeeded())
                .plug(Outages.answeredUnavailable());
    }

    @POST
    @Path("/make-call")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RetailCrmReply> makeCallPosted(@FormParam("clientId") String clientId, @FormParam("code") String code,
                                              @FormParam("phone") String phone) {
        return makeCall(clientId, code, phone);
    }

    @GET
    @Path("/change-user-status")
    @Operation(summary = "retailCRM's changeUserStatusUrl: the user's new status becomes UIS calls_available")
    public Uni<RetailCrmReply> changeUserStatus(@QueryParam("clientId") String clientId,
                                                @QueryParam("code") String code,
                                                @QueryParam("status") String status) {
        TenantId tenant = tenantOf(clientId);
        String agent = required("code", code);
        boolean callsAvailable = FREE.equalsIgnoreCase(required("status", status));
        if (!employees.serves(tenant.value())) {
            throw new ProblemException(new Problem("about:blank", "Conflict", 409,
                    "Tenant " + tenant.value() + " has no UIS account: its PBX takes no agent status", List.of()),
                    Map.of());
        }
        long employeeId;
        try {
            employeeId = Long.parseLong(dialers.pbxAgent(tenant, agent));
        } catch (NumberFormatException e) {
            throw new ProblemException(new Problem("about:blank", "Conflict", 409,
                    "User " + agent + " is not mapped to a UIS employee id", List.of()), Map.of());
        }
        return employees.setCallsAvailable(tenant.value(), employeeId, callsAvailable)
                .replaceWith(RetailCrmReply.succeeded());
    }

    @POST
    @Path("/change-user-status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RetailCrmReply> changeUserStatusPosted(@FormParam("clientId") String clientId,
                                                      @FormParam("code") String code,
                                                      @FormParam("status") String status) {
        return changeUserStatus(clientId, code, status);
    }

    private TenantId tenantOf(String clientId) {
        TenantId tenant = clientId == null ? null : tenantByClientIdHash.get(SecretHashes.sha256Hex(clientId));
        if (tenant == null) {
            throw new ProblemException(new Problem("about:blank", "Unauthorized", 401,
                    "The clientId is not one registered with this telephony", List.of()), Map.of());
        }
        return tenant;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value.trim();
    }

    /** Refusals in retailCRM's shape, with the status and headers the problem would have had. */
    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return Response.fromResponse(e.toResponse())
                .type(MediaType.APPLICATION_JSON)
                .entity(new RetailCrmReply(false, e.problem().detail()))
                .build();
    }
}
