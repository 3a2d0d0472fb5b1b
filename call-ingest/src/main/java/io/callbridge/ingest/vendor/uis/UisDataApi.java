package io.callbridge.ingest.vendor.uis;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The UIS Data API: one JSON-RPC endpoint; its base URL is the source's {@code enrichment.base-url}. */
public interface UisDataApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> call(JsonNode request);
}
