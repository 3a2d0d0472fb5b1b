package io.callbridge.ingest.vendor.ccs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbridge.ingest.IngestConfig;
import io.callbridge.ingest.source.SourceContext;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CDR of a call from {@code reportsCDRLogs}, with the session 002 describes: logged in once, kept for the
 * source's session lifetime, renewed (and the request repeated once) when an answer says {@code "login":false}.
 * Owns the fault tolerance: a timeout per attempt and the source's number of retries.
 */
@ApplicationScoped
public class CallCenterStudioCdr {

    private record Session(String id, Instant expiresAt) {
    }

    private final Map<String, CallCenterStudioApi> clients = new ConcurrentHashMap<>();
    // Concurrent first requests may each log in; the last session stored wins, and both stay valid for CCS.
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public boolean enabled(SourceContext source) {
        return source.config().enrichment().baseUrl().isPresent();
    }

    /** @return the call's CDR record, empty when CCS has none; a failure once the retries are spent */
    public Uni<Optional<JsonNode>> record(SourceContext source, String activeCallKey) {
        IngestConfig.Enrichment enrichment = source.config().enrichment();
        return Uni.createFrom().deferred(() -> session(source, false)
                        .flatMap(session -> client(source).reportsCDRLogs(session, activeCallKey))
                        .flatMap(answer -> loggedOut(answer)
                                ? session(source, true).flatMap(s -> client(source).reportsCDRLogs(s, activeCallKey))
                                : Uni.createFrom().item(answer)))
                .ifNoItem().after(enrichment.timeout()).fail()
                .map(CallCenterStudioCdr::firstRecord)
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(enrichment.retries());
    }

    private Uni<String> session(SourceContext source, boolean renew) {
        Session current = sessions.get(source.name());
        if (!renew && current != null && Instant.now().isBefore(current.expiresAt())) {
            return Uni.createFrom().item(current.id());
        }
        IngestConfig.Enrichment enrichment = source.config().enrichment();
        ObjectNode credentials = JsonNodeFactory.instance.objectNode();
        credentials.put("app_token", secret(source, "token-ref", enrichment.tokenRef()));
        credentials.put("username", enrichment.username().orElse(""));
        credentials.put("password", secret(source, "password-ref", enrichment.passwordRef()));
        return client(source).login(credentials).map(answer -> {
            if (loggedOut(answer) || !answer.hasNonNull("session")) {
                throw new CallCenterStudioException("login refused");
            }
            String id = answer.get("session").asText();
            sessions.put(source.name(), new Session(id, Instant.now().plus(enrichment.sessionLifetime())));
            return id;
        });
    }

    private static boolean loggedOut(JsonNode answer) {
        return answer != null && answer.has("login") && !answer.get("login").asBoolean();
    }

    private static Optional<JsonNode> firstRecord(JsonNode answer) {
        JsonNode calls = answer == null ? null : answer.get("CallList");
        if (calls == null || !calls.isArray()) {
            throw new CallCenterStudioException("no CallList in the answer");
        }
        return calls.isEmpty() ? Optional.empty() : Optional.of(calls.get(0));
    }

    private static String secret(SourceContext source, String property, Optional<String> ref) {
        String name = ref.orElseThrow(() -> new CallCenterStudioException(
                "callbridge.ingest.sources." + source.name() + ".enrichment." + property + " is not set"));
        return ConfigProvider.getConfig().getOptionalValue(name, String.class)
                .orElseThrow(() -> new CallCenterStudioException("property " + name + " is not set"));
    }

    private CallCenterStudioApi client(SourceContext source) {
        return clients.computeIfAbsent(source.name(), name -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(source.config().enrichment().baseUrl().orElseThrow())
                .build(CallCenterStudioApi.class));
    }

    /** Call Center Studio answered, but not with what was asked. */
    static class CallCenterStudioException extends RuntimeException {
        CallCenterStudioException(String message) {
            super(message);
        }
    }
}
