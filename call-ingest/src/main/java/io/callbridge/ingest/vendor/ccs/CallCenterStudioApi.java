package io.callbridge.ingest.vendor.ccs;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Call Center Studio's public API (002): login, and the CDR logs of a call by its {@code activecallkey}. */
@Produces(MediaType.APPLICATION_JSON)
public interface CallCenterStudioApi {

    /** @return {@code {"login":true,"session":"..."}}, or {@code "login":false} when the credentials are refused */
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> login(JsonNode credentials);

    /** @return {@code {"cursor":...,"CallList":[...]}}: one record on a match, none otherwise; {@code "login":false} once the session expired */
    @GET
    @Path("/reportsCDRLogs")
    Uni<JsonNode> reportsCDRLogs(@QueryParam("session") String session,
                                 @QueryParam("activecallkey") String activeCallKey);
}
