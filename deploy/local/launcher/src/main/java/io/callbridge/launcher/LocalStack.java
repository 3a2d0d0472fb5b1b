package io.callbridge.launcher;

import io.callbridge.infra.kafka.KafkaBroker;
import io.callbridge.infra.postgres.Postgres;
import io.callbridge.infra.support.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Kafka, PostgreSQL and the four services on one machine, each service in its own JVM started from its
 * {@code quarkus-run.jar}. {@link #close()} stops the services first, then the broker and the database.
 */
public final class LocalStack implements AutoCloseable {

    private final KafkaBroker kafka;
    private final Postgres postgres;
    private final Map<Service, ServiceProcess> services;
    private final Map<Service, Integer> ports;
    private final Duration startup;

    private LocalStack(KafkaBroker kafka, Postgres postgres, Map<Service, ServiceProcess> services,
                       Map<Service, Integer> ports, Duration startup) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.services = services;
        this.ports = ports;
        this.startup = startup;
    }

    /**
     * Starts everything and returns once every service's readiness probe answers UP.
     *
     * @throws IllegalStateException when a part does not start in time; whatever started is stopped again
     */
    public static LocalStack start(LocalStackOptions options) throws InterruptedException {
        Instant begin = Instant.now();
        Instant deadline = begin.plus(options.readyTimeout());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults()
                    .withPort(options.kafkaPort())
                    .withDataDirectory(subdirectory(options.dataDirectory(), "kafka")));
            started.add(kafka);
            Postgres postgres = Postgres.start(Postgres.Options.defaults()
                    .withPort(options.postgresPort())
                    .withDataDirectory(subdirectory(options.dataDirectory(), "postgres")));
            started.add(postgres);

            Map<Service, Integer> ports = new EnumMap<>(Service.class);
            Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                int port = FreePorts.resolve(options.servicePorts().getOrDefault(service, service.defaultPort()),
                        service.module());
                ports.put(service, port);
                Optional.ofNullable(service.database()).ifPresent(postgres::createDatabaseIfMissing);
                ServiceProcess process = ServiceProcess.start(service,
                        options.root().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"),
                        properties(service, port, kafka, postgres, options), options.logDirectory());
                started.add(0, process);
                services.put(service, process);
            }
            awaitReady(services, ports, deadline);
            return new LocalStack(kafka, postgres, services, ports, Duration.between(begin, Instant.now()));
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | InterruptedException e) {
            closeAll(started);
            throw e;
        }
    }

    private static Path subdirectory(Path dataDirectory, String name) {
        return dataDirectory == null ? null : dataDirectory.resolve(name);
    }

    /** Every property a service reads from its deployment, as the launcher sets it. */
    static Map<String, String> properties(Service service, int port, KafkaBroker kafka, Postgres postgres,
                                          LocalStackOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        options.tenantKeyHashes().forEach((tenant, hash) ->
                properties.put("callbridge.auth.tenants." + tenant + ".api-key-sha256", hash));
        if (service.database() != null) {
            properties.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(service.database()));
            properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(service.database()));
            properties.put("quarkus.datasource.username", postgres.username());
            properties.put("quarkus.datasource.password", postgres.password());
        }
        switch (service) {
            case CRM_DISPATCH -> {
                properties.put("callbridge.dispatch.crm.url-template", options.crmUrlTemplate());
                // The stand-in CRM (or the test's) listens on loopback, which the SSRF guard refuses by default.
                properties.put("callbridge.dispatch.network.allowed-addresses", "127.0.0.0/8,::1/128");
            }
            case CLICK2CALL -> {
                properties.put("callbridge.click2call.pbx.url-template", options.pbxUrlTemplate());
                properties.put("callbridge.click2call.default-region", options.defaultRegion());
            }
            default -> {
            }
        }
        properties.putAll(options.extraProperties().getOrDefault(service, Map.of()));
        return properties;
    }

    /** The services start together; on two cores that is what keeps the whole start within a minute. */
    private static void awaitReady(Map<Service, ServiceProcess> services, Map<Service, Integer> ports,
                                   Instant deadline) throws InterruptedException {
        Readiness readiness = new Readiness();
        List<CompletableFuture<Void>> waits = services.values().stream()
                .map(process -> CompletableFuture.runAsync(() -> {
                    try {
                        readiness.await(process, uri(ports.get(process.service()), "/q/health/ready"), deadline);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for " + process.service().module());
                    }
                }))
                .toList();
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public URI serviceUri(Service service) {
        return uri(ports.get(service), "");
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Postgres postgres() {
        return postgres;
    }

    /** How long the start took, until the last service was ready. */
    public Duration startup() {
        return startup;
    }

    public Path log(Service service) {
        return services.get(service).log();
    }

    /** Every process of the stack: the services, the broker, the database server. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>();
        services.values().forEach(s -> processes.add(s.handle()));
        ProcessHandle.of(kafka.pid()).ifPresent(processes::add);
        ProcessHandle.of(postgres.pid()).ifPresent(processes::add);
        return Collections.unmodifiableList(processes);
    }

    /** Completes with the first service that exits while it should be running. */
    public CompletableFuture<Service> firstExit() {
        return CompletableFuture.anyOf(services.values().stream()
                        .map(s -> s.handle().onExit().thenApply(handle -> s.service()))
                        .toArray(CompletableFuture[]::new))
                .thenApply(Service.class::cast);
    }

    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>(services.values());
        parts.add(kafka);
        parts.add(postgres);
        closeAll(parts);
    }

    private static void closeAll(List<? extends AutoCloseable> parts) {
        // Services stop in parallel: each waits for its own graceful shutdown.
        List<CompletableFuture<Void>> services = parts.stream()
                .filter(ServiceProcess.class::isInstance)
                .map(p -> CompletableFuture.runAsync(((ServiceProcess) p)::close))
                .toList();
        services.forEach(CompletableFuture::join);
        parts.stream().filter(p -> !(p instanceof ServiceProcess)).forEach(part -> {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + part + ": " + e.getMessage());
            }
        });
    }

    @Override
    public String toString() {
        return "LocalStack" + Objects.toString(ports);
    }
}
