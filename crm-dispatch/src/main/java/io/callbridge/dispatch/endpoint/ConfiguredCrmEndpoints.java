package io.callbridge.dispatch.endpoint;

import io.callbridge.dispatch.delivery.network.AddressGuard;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CRM endpoints of {@link DispatchConfig}: {@code callbridge.dispatch.crm} under the name {@value #CRM}, and each
 * of {@code callbridge.dispatch.endpoints.<name>}. They are compiled as the API's are, when the bean is created (at
 * startup, by the registry), so that a bad template stops the service instead of failing each delivery.
 */
@Singleton
public class ConfiguredCrmEndpoints {

    private static final Logger LOG = Logger.getLogger(ConfiguredCrmEndpoints.class);

    static final String CRM = "crm";

    private final Map<String, CrmEndpoint> endpoints = new LinkedHashMap<>();
    private final Set<String> enabledByConfiguration = new TreeSet<>();

    private final AddressGuard guard;

    ConfiguredCrmEndpoints(DispatchConfig config, EndpointCompiler compiler, AddressGuard guard) {
        this.guard = guard;
        config.crm().ifPresent(crm -> add(CRM, crm, compiler, "callbridge.dispatch.crm."));
        config.endpoints().forEach((name, endpoint) -> {
            if (endpoints.containsKey(name)) {
                throw new IllegalArgumentException("callbridge.dispatch.endpoints." + name
                        + ": the name '" + name + "' is taken by callbridge.dispatch.crm");
            }
            add(name, endpoint, compiler, "callbridge.dispatch.endpoints." + name + ".");
        });
        if (endpoints.isEmpty()) {
            LOG.warn("No CRM endpoint is configured (callbridge.dispatch.crm.url-template): only the endpoints "
                    + "tenants define through the API get events");
        }
    }

    private void add(String name, DispatchConfig.Endpoint config, EndpointCompiler compiler, String prefix) {
        EndpointDefinition definition = new EndpointDefinition(name, config.urlTemplate(), config.kinds().orElse(null),
                config.filters(), config.timeout().toString(), config.successBody().orElse(null), config.concurrency(),
                config.rateLimit().orElse(null),
                config.retry().schedule().stream().map(Duration::toString).toList(), config.retry().jitter(),
                config.preset().orElse(null), config.settings(), config.bodyTemplate().orElse(null),
                config.bodyFormat().orElse(null), config.headers());
        CrmEndpoint endpoint;
        try {
            endpoint = compiler.compile(name, config.tenant(), definition);
        } catch (InvalidEndpointException e) {
            throw new IllegalArgumentException(prefix + property(e.field()) + ": " + e.getMessage(), e);
        }
        // At startup, on the main thread: resolving the host here may block.
        guard.refusalAtCreationNow(compiler.host(definition), config.tenant()).ifPresent(refusal -> {
            throw new IllegalArgumentException(prefix + "url-template: refused: " + refusal);
        });
        endpoints.put(name, endpoint);
        if (config.enabled().orElse(false)) {
            enabledByConfiguration.add(name);
        }
        LOG.infof("CRM endpoint '%s' wants %s of %s, %d attempt(s) of at most %s each", name,
                new TreeSet<>(endpoint.kinds()),
                endpoint.tenant().map(tenant -> "tenant " + tenant).orElse("every tenant"),
                endpoint.retry().maxAttempts(), endpoint.timeout());
    }

    /** The property of a definition's field: {@code urlTemplate} is {@code url-template}. */
    private static String property(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The endpoints whose configuration says {@code enabled=true}: enabled at startup if they were disabled. */
    public Set<String> enabledByConfiguration() {
        return Set.copyOf(enabledByConfiguration);
    }

    public Optional<CrmEndpoint> named(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    public Collection<CrmEndpoint> all() {
        // Filled when the bean is created, read only after: no copy for each event.
        return Collections.unmodifiableCollection(endpoints.values());
    }
}
