package io.callbridge.click2call.crm.ccs;

import io.callbridge.click2call.call.CallConfig;
import io.callbridge.click2call.call.CallPlacer;
import io.callbridge.click2call.call.CallRequest;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.click2call.outage.Outages;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
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
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Call Center Studio-style API for CRMs built against document 002: a login gives the agent a session, valid for
 * {@code callbridge.click2call.crm-session.lifetime}; click2call takes that session and the number. The
 * {@code app_token} is the tenant's API key. An unknown or expired session is answered {@code "login": false}, the
 * document's signal to log in again and repeat the request.
 */
@Path("/ccs")
@Tag(name = "Call Center Studio-style click to call")
public class CrmSessionResource {

    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9._@-]{1,32}");

    private final TenantAuthenticator authenticator;
    private final SessionOpener sessions;
    private final TenantDialers dialers;
    private final CallPlacer placer;
    private final CallConfig config;

    public CrmSessionResource(TenantAuthenticator authenticator, SessionOpener sessions, TenantDialers dialers,
                              CallPlacer placer, CallConfig config) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.dialers = dialers;
        this.placer = placer;
        this.config = config;
    }

    @GET
    @Path("/login")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log an agent in: {\"login\":true,\"session\":\"…\"}")
    public Uni<CcsReply> login(@QueryParam("app_token") String appToken, @QueryParam("username") String username) {
        if (appToken == null || appToken.isBlank()) {
            throw ProblemException.badRequest("app_token", "is required");
        }
        if (username == null || !AGENT.matcher(username).matches()) {
            throw ProblemException.badRequest("username", "must be 1 to 32 letters, digits, '.', '_', '@' or '-'");
        }
        TenantId tenant = authenticator.authenticate("Bearer " + appToken);
        dialers.pbxAgent(tenant, username);
        return sessions.open(tenant, username, Instant.now()).map(CcsReply::loggedIn)
                .plug(Outages.answeredUnavailable());
    }

    @GET
    @Path("/click2call")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Have the PBX ring the session's agent, then dial the number",
            description = "{\"login\":true,\"activecallkey\":\"…\"} once the PBX dials; {\"login\":false} (401) when "
                    + "the session is unknown or expired: log in again")
    public Uni<CcsReply> click2call(@QueryParam("session") String session, @QueryParam("number") String number) {
        if (session == null || session.isBlank()) {
            throw ProblemException.badRequest("session", "is required");
        }
        if (number == null || number.isBlank()) {
            throw ProblemException.badRequest("number", "is required");
        }
        Instant now = Instant.now();
        return sessions.find(session, now)
                .onItem().ifNull().failWith(() -> new ProblemException(new Problem("about:blank", "Unauthorized", 401,
                        "The session is unknown or expired: log in again", List.of()), Map.of()))
                .chain(agentSession -> {
                    CallRequest request = new CallRequest(agentSession.agent, number.trim(), null);
                    return placer.placeOrRefuse(dialers.callFor(
                            request.toDialRequest(TenantId.of(agentSession.tenant), config, now)));
                })
                .map(dialed -> CcsReply.calling(dialed.requestId().toString()))
                .plug(Outages.answeredUnavailable());
    }

    /** Refusals in the same shape; {@code login} is false only when logging in again is the cure. */
    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        boolean logInAgain = e.problem().status() == 401;
        return Response.fromResponse(e.toResponse())
                .type(MediaType.APPLICATION_JSON)
                .entity(new CcsReply(!logInAgain, null, null, e.problem().detail()))
                .build();
    }
}
