package io.callbridge.ingest.source;

import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured sources, checked once at start: a source that cannot authenticate anything stops the start. */
@ApplicationScoped
public class Sources {

    private final Map<String, SourceContext> byName = new HashMap<>();
    private final Map<String, SourceContext> fixDigitalByClientId = new HashMap<>();

    public Sources(IngestConfig config) {
        config.sources().forEach((name, source) -> {
            TenantId tenant;
            try {
                tenant = TenantId.of(source.tenant());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("callbridge.ingest.sources." + name + ".tenant: " + e.getMessage(), e);
            }
            boolean credentials = source.auth().tokenSha256().isPresent() || source.auth().username().isPresent();
            if (!credentials && source.allowedNetworks().isEmpty()) {
                throw new IllegalStateException("callbridge.ingest.sources." + name
                        + " accepts anybody: configure auth.token-sha256, auth.username or allowed-networks");
            }
            if (source.auth().username().isPresent() && source.auth().passwordSha256().isEmpty()) {
                throw new IllegalStateException("callbridge.ingest.sources." + name + ".auth.password-sha256 is missing");
            }
            source.allowedNetworks().orElse(List.of()).forEach(Cidr::parse);
            SourceContext context = new SourceContext(name, tenant, new CallSource(source.vendor(), name),
                    source.timeZone(), source.defaultRegion().orElse(config.defaultRegion()), source);
            byName.put(name, context);
            if (source.vendor() == SourceSystem.FIXDIGITAL) {
                String clientId = source.clientId().orElseThrow(() -> new IllegalStateException(
                        "callbridge.ingest.sources." + name + ".client-id is required for a FixDigital source"));
                if (fixDigitalByClientId.put(clientId, context) != null) {
                    throw new IllegalStateException("two FixDigital sources have ClientId " + clientId);
                }
            }
        });
    }

    /** @throws ProblemException 404 when no source has that name */
    public SourceContext named(String name) {
        SourceContext source = byName.get(name);
        if (source == null) {
            throw ProblemException.notFound("No source '" + name + "' is configured");
        }
        return source;
    }

    /** The FixDigital source whose callbacks carry this {@code ClientId}. */
    public Optional<SourceContext> fixDigital(String clientId) {
        return Optional.ofNullable(clientId).map(String::trim).map(fixDigitalByClientId::get);
    }

    /** Every source of one vendor, e.g. the Recall sources whose directories are watched. */
    public List<SourceContext> of(SourceSystem system) {
        return byName.values().stream().filter(s -> s.source().system() == system).toList();
    }
}
