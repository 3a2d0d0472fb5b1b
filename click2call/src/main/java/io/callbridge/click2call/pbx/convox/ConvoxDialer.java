package io.callbridge.click2call.pbx.convox;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.PbxDialer;
import io.callbridge.click2call.pbx.http.HttpTemplateDialer;
import io.callbridge.click2call.pbx.http.HttpTemplateDialerConfig;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Dials through ConVox CCS: a GET of the tenant's click-to-call URL. The document defines no answer body, so any
 * 2xx counts as accepted. Each tenant's URL is parsed at start, so a broken one stops the application.
 */
@Singleton
public class ConvoxDialer implements PbxDialer {

    public static final String KIND = "convox";

    private final Map<String, HttpTemplateDialer> byTenant;

    public ConvoxDialer(Vertx vertx, Engine engine, ConvoxConfig config) {
        this.byTenant = config.tenants().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                server -> new HttpTemplateDialer(vertx, engine,
                        new ClickToCallUrl(server.getValue().clickToCallUrl(), config.timeout()))));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean serves(String tenant) {
        return byTenant.containsKey(tenant);
    }

    @Override
    public Duration longestCall() {
        return byTenant.values().stream().map(HttpTemplateDialer::longestCall).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    @Override
    public Uni<DialOutcome> dial(PbxCall call) {
        return byTenant.get(call.request().tenant().value()).dial(call);
    }

    @PreDestroy
    void close() {
        byTenant.values().forEach(HttpTemplateDialer::close);
    }

    private record ClickToCallUrl(String urlTemplate, Duration timeout) implements HttpTemplateDialerConfig {

        @Override
        public Method method() {
            return Method.GET;
        }

        @Override
        public Optional<Pattern> successBodyPattern() {
            return Optional.empty();
        }

        @Override
        public int maxConnections() {
            return 64;
        }
    }
}
