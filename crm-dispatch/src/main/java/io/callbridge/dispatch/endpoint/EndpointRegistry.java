package io.callbridge.dispatch.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.request.PresetSettingException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every CRM endpoint: those of the configuration and those each tenant defined through the API, the latter read
 * from PostgreSQL at startup, after each change made here, and every {@code callbridge.dispatch.registry-refresh} for
 * the changes of other instances.
 */
@ApplicationScoped
public class EndpointRegistry implements CrmEndpoints {

    private static final Logger LOG = Logger.getLogger(EndpointRegistry.class);

    private final ConfiguredCrmEndpoints configured;
    private final EndpointStore store;
    private final EndpointCompiler compiler;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration refresh;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile Map<String, CrmEndpoint> defined = new ConcurrentHashMap<>();
    private long timer = -1;

    EndpointRegistry(ConfiguredCrmEndpoints configured, EndpointStore store, EndpointCompiler compiler,
                     ObjectMapper json, Vertx vertx, DispatchConfig config) {
        this.configured = configured;
        this.store = store;
        this.compiler = compiler;
        this.json = json;
        this.vertx = vertx;
        this.refresh = config.registryRefresh();
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        // At startup, on the main thread: blocking until the endpoints are known is safe here.
        store.register(configured.all().stream().map(CrmEndpoint::name).toList())
                .await().atMost(Duration.ofSeconds(30));
        enableConfigured().await().atMost(Duration.ofSeconds(30));
        reload().await().atMost(Duration.ofSeconds(30));
        timer = vertx.setPeriodic(refresh.toMillis(), ignored -> reload().subscribe().with(done -> {
        }, failure -> LOG.warnf("Could not read the endpoints again: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Enables the configured endpoints whose configuration says {@code enabled=true} and that were disabled; done at
     * startup, as configuration changes only with a restart.
     */
    public Uni<Void> enableConfigured() {
        return Multi.createFrom().iterable(configured.enabledByConfiguration())
                .onItem().transformToUniAndConcatenate(name -> store.enable(name, "enabled by configuration"))
                .collect().asList().replaceWithVoid();
    }

    /** Reads the endpoints defined through the API again. */
    public Uni<Void> reload() {
        return store.defined().invoke(stored -> {
            Map<String, CrmEndpoint> compiled = new ConcurrentHashMap<>();
            for (EndpointStore.Stored endpoint : stored) {
                try {
                    compiled.put(endpoint.key(), compile(endpoint.key(), TenantId.of(endpoint.tenant()),
                            definition(endpoint.definition())));
                } catch (IllegalArgumentException e) {
                    LOG.errorf("Endpoint '%s' no longer compiles and gets no delivery: %s", endpoint.key(),
                            e.getMessage());
                }
            }
            defined = compiled;
            loaded.complete(null);
        }).replaceWithVoid();
    }

    /** The endpoint's name in the outbox: the tenant's name for it, prefixed with the tenant. */
    public static String key(TenantId tenant, String name) {
        return tenant.value() + "/" + name;
    }

    /** The request a preset makes once, when an endpoint is created. */
    public Optional<CrmRequest> onCreation(EndpointDefinition definition) {
        try {
            return compiler.preset(definition)
                    .flatMap(preset -> preset.onCreation(definition.urlTemplate(), definition.settings()));
        } catch (PresetSettingException e) {
            throw new InvalidEndpointException("settings." + e.setting(), e.getMessage());
        }
    }

    /** The host of the definition's URL. */
    public String host(EndpointDefinition definition) {
        return compiler.host(definition);
    }

    /** @throws InvalidEndpointException naming the field at fault */
    public CrmEndpoint compile(String key, TenantId tenant, EndpointDefinition definition) {
        return compiler.compile(key, Optional.of(tenant), definition);
    }

    /** Takes a change made through the API into account at once. */
    public void defined(CrmEndpoint endpoint) {
        defined.put(endpoint.name(), endpoint);
    }

    public void deleted(String key) {
        defined.remove(key);
    }

    public EndpointDefinition definition(String storedJson) {
        try {
            return json.readValue(storedJson, EndpointDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable definition: " + e.getOriginalMessage(), e);
        }
    }

    public String json(EndpointDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Uni<List<CrmEndpoint>> wanting(CallEvent event) {
        if (loaded.isDone()) {
            return Uni.createFrom().item(select(event));
        }
        return Uni.createFrom().completionStage(loaded).map(ignored -> select(event));
    }

    private List<CrmEndpoint> select(CallEvent event) {
        List<CrmEndpoint> wanting = new ArrayList<>();
        for (CrmEndpoint endpoint : all()) {
            if (endpoint.wants(event)) {
                wanting.add(endpoint);
            }
        }
        return wanting;
    }

    @Override
    public Optional<CrmEndpoint> named(String name) {
        CrmEndpoint endpoint = defined.get(name);
        return endpoint != null ? Optional.of(endpoint) : configured.named(name);
    }

    @Override
    public Collection<CrmEndpoint> all() {
        if (defined.isEmpty()) {
            return configured.all();
        }
        Map<String, CrmEndpoint> all = new HashMap<>(defined);
        configured.all().forEach(endpoint -> all.put(endpoint.name(), endpoint));
        return all.values();
    }
}
