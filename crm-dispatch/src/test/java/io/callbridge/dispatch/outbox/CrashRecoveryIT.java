package io.callbridge.dispatch.outbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.kafka.CallEventSerializer;
import io.callbridge.common.kafka.Topics;
import io.callbridge.dispatch.delivery.CrmClient;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.infra.kafka.KafkaBroker;
import io.callbridge.infra.postgres.Postgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) is killed with SIGKILL while it delivers, and
 * started again: every event, those it was delivering and those published while it was down, reaches the CRM at
 * least once.
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final List<AutoCloseable> running = new ArrayList<>();
    private Process service;

    @Test
    void aServiceKilledMidRunLosesNoDelivery() throws Exception {
        assertThat(JAR).as("the packaged service").exists();
        KafkaBroker kafka = keep(KafkaBroker.start(KafkaBroker.Options.defaults()));
        Postgres postgres = keep(Postgres.start(Postgres.Options.defaults()));
        postgres.createDatabaseIfMissing("crm_dispatch");
        WireMockServer crm = new WireMockServer(options().dynamicPort().containerThreads(50));
        crm.start();
        running.add(crm::stop);
        // Slow enough that the kill finds deliveries under way.
        crm.stubFor(any(anyUrl()).willReturn(ok().withFixedDelay(20)));
        int port = freePort();
        Map<String, String> properties = Map.ofEntries(
                Map.entry("quarkus.http.port", Integer.toString(port)),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("quarkus.datasource.reactive.url", postgres.reactiveUrl("crm_dispatch")),
                Map.entry("quarkus.datasource.jdbc.url", postgres.jdbcUrl("crm_dispatch")),
                Map.entry("quarkus.datasource.username", postgres.username()),
                Map.entry("quarkus.datasource.password", postgres.password()),
                Map.entry("callbridge.dispatch.crm.url-template",
                        "http://localhost:" + crm.port() + "/pop?call={callId}"),
                Map.entry("callbridge.dispatch.crm.retry.schedule", "0s,200ms,500ms,1s,2s,2s,2s,2s,2s,2s"),
                Map.entry("callbridge.dispatch.crm.timeout", "2s"),
                Map.entry("callbridge.dispatch.crm.concurrency", "8"),
                Map.entry("callbridge.dispatch.worker.lease", "5s"),
                Map.entry("callbridge.dispatch.worker.poll-interval", "100ms"),
                Map.entry("callbridge.dispatch.network.tenants.acme.allowed-addresses", "127.0.0.0/8,::1/128"),
                // The restarted consumer gets the killed one's partitions once the broker gave up on it.
                Map.entry("mp.messaging.incoming.call-events.session.timeout.ms", "6000"));

        List<CallEvent> before = events(600);
        List<CallEvent> whileDown = events(200);
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            service = start(properties, port, "first");
            publish(producer, before);
            await().atMost(Duration.ofSeconds(60)).until(() -> received(crm).size() >= 50);

            service.destroyForcibly().waitFor();
            int deliveredBeforeTheKill = received(crm).size();
            assertThat(deliveredBeforeTheKill).as("the kill came mid-run").isLessThan(before.size());
            publish(producer, whileDown);

            service = start(properties, port, "second");
        }

        Set<String> expected = new java.util.HashSet<>();
        before.forEach(event -> expected.add(event.eventId().toString()));
        whileDown.forEach(event -> expected.add(event.eventId().toString()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(received(crm)).containsAll(expected));
    }

    @AfterEach
    void stopEverything() {
        if (service != null) {
            service.destroyForcibly();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // Stopping the rest matters more.
            }
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    private static Set<String> received(WireMockServer crm) {
        return crm.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(request -> request.getHeader(CrmClient.EVENT_ID))
                .collect(Collectors.toSet());
    }

    private static List<CallEvent> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED))
                .toList();
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static void publish(KafkaProducer<String, byte[]> producer, List<CallEvent> events)
            throws InterruptedException, ExecutionException {
        CallEventSerializer serializer = new CallEventSerializer();
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (CallEvent event : events) {
            sent.add(producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, event.partitionKey(),
                    serializer.serialize(Topics.CALL_EVENTS, event))));
        }
        for (java.util.concurrent.Future<?> future : sent) {
            future.get();
        }
    }

    private static Process start(Map<String, String> properties, int port, String run) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Path.of("target", "crash-recovery-" + run + ".log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("the service is running; see " + log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
