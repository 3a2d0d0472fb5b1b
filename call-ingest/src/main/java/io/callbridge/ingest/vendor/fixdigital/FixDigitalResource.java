package io.callbridge.ingest.vendor.fixdigital;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.source.SourceContext;
import io.callbridge.ingest.source.Sources;
import io.callbridge.ingest.vendor.VendorIngestion;
import io.callbridge.ingest.vendor.VendorRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FixDigital's callback URL as its document writes it, {@code /webservice.php?operation=...&ClientId=10}: the
 * source is the one configured with that {@code ClientId}.
 */
@Path("/webservice.php")
public class FixDigitalResource {

    private final Sources sources;
    private final VendorIngestion ingestion;

    public FixDigitalResource(Sources sources, VendorIngestion ingestion) {
        this.sources = sources;
        this.ingestion = ingestion;
    }

    @GET
    @Operation(summary = "FixDigital incomingCall / incomingCallAnswered callback",
            description = "Answers exactly {\"success\":true,\"result\":[]} once the event is durable on Kafka.")
    public Uni<Response> callback(@Context UriInfo uri, @Context HttpHeaders headers,
                                  @Context HttpServerRequest request) {
        return ingest(VendorRequest.firstValues(uri.getQueryParameters(), new LinkedHashMap<>()), headers, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The same callback, posted as a form")
    public Uni<Response> posted(String form, @Context UriInfo uri,
                                @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return ingest(VendorRequest.formFields(form, VendorRequest.firstValues(uri.getQueryParameters(),
                new LinkedHashMap<>())), headers, request);
    }

    private Uni<Response> ingest(Map<String, String> fields, HttpHeaders headers, HttpServerRequest request) {
        VendorRequest vendorRequest = new VendorRequest(fields, Instant.now());
        String clientId = vendorRequest.require(FixDigitalAdapter.CLIENT_ID);
        SourceContext source = sources.fixDigital(clientId).orElseThrow(() -> ProblemException.badRequest(
                FixDigitalAdapter.CLIENT_ID, "'" + clientId + "' is not a configured FixDigital client"));
        return ingestion.ingest(source, vendorRequest, request.remoteAddress().hostAddress(),
                headers::getHeaderString);
    }
}
