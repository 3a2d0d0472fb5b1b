package io.callbridge.click2call.crm.fixdigital;

import io.callbridge.click2call.call.CallConfig;
import io.callbridge.click2call.call.CallPlacer;
import io.callbridge.click2call.call.CallRequest;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.click2call.outage.Outages;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FixDigital's click to call as the CRM sends it (document 004):
 * {@code GET /dialer/sodialer.php?sExt=777&sNumber=033004799&ClientId=10}, with a username and password and from an
 * allowed address. The document does not say how the username and password travel: HTTP Basic and
 * {@code username}/{@code password} query parameters are both accepted. Every answer, refusals included, is in
 * FixDigital's shape.
 */
@Path("/dialer/sodialer.php")
@Tag(name = "FixDigital click to call")
public class FixDigitalDialerResource {

    private static final Map<String, String> VENDOR_NAMES = Map.of("agent", "sExt", "number", "sNumber");

    private final FixDigitalClients clients;
    private final CallPlacer placer;
    private final TenantDialers dialers;
    private final Validator validator;
    private final CallConfig config;

    public FixDigitalDialerResource(FixDigitalClients clients, CallPlacer placer, TenantDialers dialers,
                                    Validator validator, CallConfig config) {
        this.clients = clients;
        this.placer = placer;
        this.dialers = dialers;
        this.validator = validator;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Have the PBX ring extension sExt, then dial sNumber",
            description = "Answers {\"success\":true,\"result\":[]} once the PBX dials; otherwise success is false and "
                    + "error says why (400 bad parameters, 401 credentials, 403 address, 429 rate limit, 502 PBX, "
                    + "503 Kafka)")
    public Uni<FixDigitalReply> dial(@QueryParam("sExt") String sExt, @QueryParam("sNumber") String sNumber,
                                     @QueryParam("ClientId") String clientId,
                                     @QueryParam("username") String username, @QueryParam("password") String password,
                                     @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @Context HttpServerRequest http) {
        if (clientId == null || clientId.isBlank()) {
            throw ProblemException.badRequest("ClientId", "is required");
        }
        String[] credentials = basic(authorization).orElse(new String[]{username, password});
        TenantId tenant = clients.authenticate(clientId, credentials[0], credentials[1],
                http.remoteAddress().hostAddress());
        CallRequest request = new CallRequest(sExt, sNumber, null);
        rejectInvalid(request);
        DialRequest requested = dialRequest(request, tenant);
        return placer.placeOrRefuse(dialers.callFor(requested)).map(dialed -> FixDigitalReply.succeeded())
                .plug(Outages.answeredUnavailable());
    }

    private DialRequest dialRequest(CallRequest request, TenantId tenant) {
        try {
            return request.toDialRequest(tenant, config, Instant.now());
        } catch (ProblemException e) {
            List<Problem.FieldError> errors = e.problem().errors();
            if (errors.isEmpty()) {
                throw e;
            }
            Problem.FieldError error = errors.get(0);
            throw ProblemException.badRequest(VENDOR_NAMES.getOrDefault(error.field(), error.field()), error.message());
        }
    }

    private void rejectInvalid(CallRequest request) {
        validator.validate(request).stream()
                .min(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .ifPresent(violation -> {
                    throw ProblemException.badRequest(vendorName(violation), violation.getMessage());
                });
    }

    private static String vendorName(ConstraintViolation<CallRequest> violation) {
        String field = violation.getPropertyPath().toString();
        return VENDOR_NAMES.getOrDefault(field, field);
    }

    private static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Refusals of this path in FixDigital's shape, with the status and headers the problem would have had. */
    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        String reason = e.problem().detail();
        return Response.fromResponse(e.toResponse())
                .type(MediaType.APPLICATION_JSON)
                .entity(FixDigitalReply.failed(reason))
                .build();
    }
}
