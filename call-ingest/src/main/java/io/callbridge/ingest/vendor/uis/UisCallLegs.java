package io.callbridge.ingest.vendor.uis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbridge.ingest.IngestConfig;
import io.callbridge.ingest.source.SourceContext;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the UIS Data API for the talked legs of a call ({@code get.call_legs_report}), in exactly the shape of
 * 003's example, and owns the call's fault tolerance: a timeout per attempt and the source's number of retries.
 */
@ApplicationScoped
public class UisCallLegs {

    /** The fields 003's example asks for, verbatim (its {@code call_seesion_id} slip included, see NOTES.md). */
    static final List<String> FIELDS = List.of("id", "call_seesion_id", "call_records", "release_cause_code",
            "direction", "start_time", "employee_id", "called_phone_number", "contact_phone_number",
            "total_duration", "duration");

    private final Map<String, UisDataApi> clients = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();

    /** Whether the source is configured to be enriched. */
    public boolean enabled(SourceContext source) {
        return source.config().enrichment().baseUrl().isPresent();
    }

    /**
     * @param dateFrom the report window's start, as UIS writes local times ({@code yyyy-MM-dd HH:mm:ss})
     * @param dateTill its end
     * @return the talked legs of the call (possibly none); a failure once the retries are spent
     */
    public Uni<List<JsonNode>> talkedLegs(SourceContext source, String callSessionId, String dateFrom,
                                          String dateTill) {
        IngestConfig.Enrichment enrichment = source.config().enrichment();
        return Uni.createFrom().deferred(() -> client(source).call(request(source, callSessionId, dateFrom, dateTill)))
                .ifNoItem().after(enrichment.timeout()).fail()
                .map(UisCallLegs::legsOf)
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(enrichment.retries());
    }

    ObjectNode request(SourceContext source, String callSessionId, String dateFrom, String dateTill) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode request = json.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", requestIds.incrementAndGet());
        request.put("method", "get.call_legs_report");
        // 003 puts the report window next to "method", not inside "params"; sent as the example shows it.
        request.put("date_from", dateFrom);
        request.put("date_till", dateTill);
        ObjectNode params = request.putObject("params");
        params.put("access_token", accessToken(source));
        ObjectNode filter = params.putObject("filter");
        ArrayNode filters = filter.putArray("filters");
        ObjectNode session = filters.addObject().put("field", "call_session_id").put("operator", "=");
        if (callSessionId.matches("\\d{1,18}")) {
            session.put("value", Long.parseLong(callSessionId));
        } else {
            session.put("value", callSessionId);
        }
        filters.addObject().put("field", "is_talked").put("operator", "=").put("value", true);
        filter.put("condition", "and");
        ArrayNode fields = params.putArray("fields");
        FIELDS.forEach(fields::add);
        return request;
    }

    private static List<JsonNode> legsOf(JsonNode answer) {
        if (answer == null || answer.has("error") || !answer.path("result").path("data").isArray()) {
            throw new UisDataApiException(answer == null ? "empty answer"
                    : answer.path("error").path("message").asText("no result.data in the answer"));
        }
        return toList(answer.path("result").path("data"));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static String accessToken(SourceContext source) {
        String ref = source.config().enrichment().tokenRef().orElseThrow(() -> new UisDataApiException(
                "callbridge.ingest.sources." + source.name() + ".enrichment.token-ref is not set"));
        Optional<String> token = ConfigProvider.getConfig().getOptionalValue(ref, String.class);
        return token.orElseThrow(() -> new UisDataApiException("property " + ref + " is not set"));
    }

    private UisDataApi client(SourceContext source) {
        return clients.computeIfAbsent(source.name(), name -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(source.config().enrichment().baseUrl().orElseThrow())
                .build(UisDataApi.class));
    }

    /** The Data API answered, but not with a report. */
    static class UisDataApiException extends RuntimeException {
        UisDataApiException(String message) {
            super(message);
        }
    }
}
