package io.callbridge.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configured source's notifications, in whatever form its vendor sends them: a GET query string, a POST
 * form, or a POST JSON object. The source's configured vendor picks the adapter.
 */
@Path("/v1/sources/{source}/events")
public class SourceEventResource {

    private final Sources sources;
    private final VendorIngestion ingestion;

    public SourceEventResource(Sources sources, VendorIngestion ingestion) {
        this.sources = sources;
        this.ingestion = ingestion;
    }

    @GET
    @Operation(summary = "A vendor notification sent as a query string (ConVox GET, Call Center Studio, FixDigital, Recall URL push)")
    @APIResponse(responseCode = "202", description = "Every event of the notification is durable on Kafka")
    @APIResponse(responseCode = "400", description = "A field cannot be read; the problem names it")
    @APIResponse(responseCode = "401", description = "Missing or wrong credentials")
    @APIResponse(responseCode = "403", description = "Not from an allowed network")
    @APIResponse(responseCode = "404", description = "No such source")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry after Retry-After")
    public Uni<Response> query(@PathParam("source") String source, @Context UriInfo uri, @Context HttpHeaders headers,
                               @Context HttpServerRequest request) {
        return ingest(source, VendorRequest.firstValues(uri.getQueryParameters(), new LinkedHashMap<>()), headers, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A vendor notification sent as a form (ConVox POST)")
    public Uni<Response> form(@PathParam("source") String source, String form,
                              @Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Map<String, String> fields = VendorRequest.firstValues(uri.getQueryParameters(), new LinkedHashMap<>());
        return ingest(source, VendorRequest.formFields(form, fields), headers, request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A vendor notification sent as a JSON object (UIS notifications, Recall CRM web service)")
    public Uni<Response> json(@PathParam("source") String source, JsonNode body, @Context UriInfo uri,
                              @Context HttpHeaders headers, @Context HttpServerRequest request) {
        Map<String, String> fields = VendorRequest.firstValues(uri.getQueryParameters(), new LinkedHashMap<>());
        fields.putAll(VendorIngestion.fieldsOf(body));
        return ingest(source, fields, headers, request);
    }

    private Uni<Response> ingest(String name, Map<String, String> fields, HttpHeaders headers,
                                 HttpServerRequest request) {
        SourceContext source = sources.named(name);
        return ingestion.ingest(source, new VendorRequest(fields, Instant.now()),
                request.remoteAddress().hostAddress(), headers::getHeaderString);
    }
}
