package io.callbridge.index.facade.uis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.locale.TenantLocales;
import io.callbridge.index.search.CallOrder;
import io.callbridge.index.metrics.LookupMetrics;
import io.callbridge.index.search.CallSearch;
import io.callbridge.index.search.FoundCall;
import io.callbridge.index.search.Parameters;
import io.callbridge.index.search.SqlConditions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * UIS Data API's {@code get.call_legs_report} over JSON-RPC 2.0. Every failure a request can cause is a JSON-RPC error
 * object: a body that is not JSON, an unknown method, a malformed filter, an unknown or missing token.
 */
@Path("/uis/v2.0")
@Tag(name = "UIS")
public class CallLegsReportResource {

    static final String METHOD = "get.call_legs_report";
    private static final Set<String> PARAMS = Set.of("access_token", "filter", "fields", "limit", "date_from",
            "date_till");
    private static final int MAX_FIELDS = 50;

    private final TenantAuthenticator authenticator;
    private final TenantLocales locales;
    private final CallSearch search;
    private final ObjectMapper json;

    public CallLegsReportResource(TenantAuthenticator authenticator, TenantLocales locales, CallSearch search,
                                  ObjectMapper json) {
        this.authenticator = authenticator;
        this.locales = locales;
        this.search = search;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON-RPC 2.0: get.call_legs_report between date_from and date_till, filtered, with the "
            + "requested fields (at most 100 legs, oldest first)")
    @APIResponse(responseCode = "200", description = "A JSON-RPC response: a result, or an error object")
    public Uni<JsonRpcResponse> call(
            @Parameter(description = "Bearer <API key>; or the key as params.access_token")
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        JsonNode id = NullNode.getInstance();
        try {
            JsonNode request = parse(body);
            id = idOf(request);
            requireVersion(request);
            return report(authorization, request).map(JsonRpcResponse.idFor(id));
        } catch (JsonRpcException e) {
            return Uni.createFrom().item(JsonRpcResponse.error(id, e));
        }
    }

    private Uni<CallLegsReport> report(String authorization, JsonNode request) {
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            throw JsonRpcException.invalidRequest("method", "is required");
        }
        if (!METHOD.equals(method.asText())) {
            throw JsonRpcException.methodNotFound(method.asText());
        }
        JsonNode params = request.get("params");
        if (params == null || !params.isObject()) {
            throw JsonRpcException.invalidParams("params", "must be an object");
        }
        CallLegsFilter.onlyMembers(params, "", PARAMS);
        TenantId tenant = authenticate(authorization, params.get("access_token"));
        ZoneId zone = locales.zoneOf(tenant);
        // 003's example puts date_from and date_till beside method, outside params: both places are read.
        Instant from = time(member(request, params, "date_from"), "date_from", zone);
        Instant till = time(member(request, params, "date_till"), "date_till", zone);
        if (till.isBefore(from)) {
            throw JsonRpcException.invalidParams("date_till", "is before date_from");
        }
        List<String> fields = fields(params.get("fields"));
        int limit = limit(params.get("limit"));

        SqlConditions where = new SqlConditions();
        where.and("c.call_time >= " + where.bind(from));
        // Vendor times have whole seconds: the date_till second itself is in the range.
        where.and("c.call_time < " + where.bind(till.plusSeconds(1)));
        JsonNode filter = params.get("filter");
        if (filter != null && !filter.isNull()) {
            where.and(new CallLegsFilter(where, zone, number -> locales.matchKeyOf(tenant, number))
                    .compile(filter, "filter", 1));
        }
        return search.page(LookupMetrics.UIS_CALL_LEGS, tenant, where, Optional.empty(), CallOrder.OLDEST_FIRST, limit)
                .map(page -> new CallLegsReport(page.calls().stream().map(leg -> row(leg, fields, zone)).toList()));
    }

    private static Map<String, Object> row(FoundCall leg, List<String> fields, ZoneId zone) {
        Map<String, Object> row = new LinkedHashMap<>();
        fields.forEach(name -> row.put(name, CallLegField.named(name).orElseThrow().valueOf(leg, zone)));
        return row;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw JsonRpcException.parseError("the body is empty");
        }
        try {
            JsonNode request = json.readTree(body);
            if (!request.isObject()) {
                throw JsonRpcException.invalidRequest("", "a request is a JSON object");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw JsonRpcException.parseError("the body is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** The request's id, or null when it has none it may have (JSON-RPC then answers with a null id). */
    private static JsonNode idOf(JsonNode request) {
        JsonNode id = request.get("id");
        if (id == null || id.isNull()) {
            return NullNode.getInstance();
        }
        if (!id.isTextual() && !id.isIntegralNumber()) {
            throw JsonRpcException.invalidRequest("id", "must be a string or a number");
        }
        return id;
    }

    private static void requireVersion(JsonNode request) {
        JsonNode version = request.get("jsonrpc");
        if (version == null || !"2.0".equals(version.asText())) {
            throw JsonRpcException.invalidRequest("jsonrpc", "must be \"2.0\"");
        }
    }

    private TenantId authenticate(String authorization, JsonNode accessToken) {
        try {
            if (authorization != null && !authorization.isBlank()) {
                return authenticator.authenticate(authorization);
            }
            if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
                throw JsonRpcException.unauthorized("params.access_token or an Authorization header is required");
            }
            return authenticator.authenticate("Bearer " + accessToken.asText());
        } catch (ProblemException e) {
            throw JsonRpcException.unauthorized(e.problem().detail());
        }
    }

    private static JsonNode member(JsonNode request, JsonNode params, String name) {
        return params.has(name) ? params.get(name) : request.get(name);
    }

    private static Instant time(JsonNode value, String name, ZoneId zone) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw JsonRpcException.invalidParams(name, "is required, as a time such as 2017-06-01 14:34:00");
        }
        try {
            return Parameters.vendorTime(name, value.asText(), zone);
        } catch (ProblemException e) {
            throw JsonRpcException.invalidParams(name, "'" + value.asText() + "' is not a time such as 2017-06-01 14:34:00");
        }
    }

    private static List<String> fields(JsonNode fields) {
        if (fields == null || fields.isNull()) {
            return Arrays.stream(CallLegField.values()).map(field -> field.name).toList();
        }
        if (!fields.isArray() || fields.isEmpty() || fields.size() > MAX_FIELDS) {
            throw JsonRpcException.invalidParams("fields", "must be an array of 1 to " + MAX_FIELDS + " field names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            if (!field.isTextual() || CallLegField.named(field.asText()).isEmpty()) {
                throw JsonRpcException.invalidParams("fields[" + i + "]",
                        "'" + field.asText() + "' is not a field; known: " + CallLegField.known());
            }
            names.add(field.asText());
        }
        return names;
    }

    private static int limit(JsonNode limit) {
        if (limit == null || limit.isNull()) {
            return CallSearch.MAX_PAGE_SIZE;
        }
        if (!limit.isIntegralNumber() || limit.asInt() < 1 || limit.asInt() > CallSearch.MAX_PAGE_SIZE) {
            throw JsonRpcException.invalidParams("limit", "must be a whole number from 1 to " + CallSearch.MAX_PAGE_SIZE);
        }
        return limit.asInt();
    }
}
