package io.callbridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.kafka.DialRequestDeserializer;
import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services as separate processes from their packaged jars, on a real broker and database, between a
 * WireMock CRM and a WireMock PBX: one call through every hop.
 */
class LocalStackIT {

    private static final String KEY = "Bearer acme-test-key";
    private static final String KEY_SHA256 = "ebfbfd0414bb0cb52b149c7596a65b6892c759178bdc540e50a3c9b3575775e3";
    private static final String SUCCESS = "{\"success\":true,\"result\":[]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static WireMockServer crmAndPbx;
    private static LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        crmAndPbx = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        crmAndPbx.start();
        crmAndPbx.stubFor(get(urlPathEqualTo("/crm/pop")).willReturn(aResponse().withStatus(200)));
        crmAndPbx.stubFor(get(urlPathEqualTo("/dialer/sodialer.php"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(SUCCESS)));
        String base = "http://localhost:" + crmAndPbx.port();
        Map<Service, Integer> freePorts = new java.util.EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            freePorts.put(service, 0);
        }
        stack = LocalStack.start(new LocalStackOptions(
                Path.of(System.getProperty("callbridge.root", "../../..")).toAbsolutePath().normalize(),
                data.resolve("data"), data.resolve("logs"), 0, 0, freePorts, Map.of("acme", KEY_SHA256),
                base + "/crm/pop?number={parties.customer.raw}&ext={parties.extension}&call={callId}&kind={kind}",
                base + "/dialer/sodialer.php?sExt={agent}&sNumber={number.raw}&ClientId={tenant}", "IL",
                Map.of(), Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stop() {
        List<ProcessHandle> processes = stack == null ? List.of() : new ArrayList<>(stack.processes());
        if (stack != null) {
            stack.close();
        }
        if (crmAndPbx != null) {
            crmAndPbx.stop();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aPostedEventIsIndexedAndPopsTheCrm() throws Exception {
        String callId = "e2e-" + UUID.randomUUID();
        HttpResponse<String> accepted = post(Service.CALL_INGEST, "/v1/events", """
                {"callId":"%s","tenant":"acme","source":{"system":"fixdigital","instance":"tlv"},
                 "kind":"CALL_OFFERED","times":{"occurredAt":"2024-03-05T09:41:00Z"},
                 "parties":{"customer":"033004799","extension":"777"},"call":{"direction":"INBOUND"}}
                """.formatted(callId));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        JsonNode call = await().atMost(Duration.ofSeconds(60)).until(
                () -> getJson(Service.RECORDING_INDEX, "/v1/calls/" + callId), node -> node != null);
        assertThat(call.toString()).contains("+97233004799").contains("777").contains(callId);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                crmAndPbx.verify(1, getRequestedFor(urlPathEqualTo("/crm/pop"))
                        .withQueryParam("call", equalTo(callId))
                        .withQueryParam("number", equalTo("033004799"))
                        .withQueryParam("ext", equalTo("777"))
                        .withQueryParam("kind", equalTo("CALL_OFFERED"))));
    }

    @Test
    void aClickToCallReachesThePbxAndIsAudited() throws Exception {
        try (KafkaConsumer<String, DialRequest> audit = dialRequests()) {
            HttpResponse<String> accepted = post(Service.CLICK2CALL, "/v1/calls",
                    "{\"agent\":\"777\",\"number\":\"033004799\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String requestId = JSON.readTree(accepted.body()).get("requestId").asText();

            crmAndPbx.verify(1, getRequestedFor(urlPathEqualTo("/dialer/sodialer.php"))
                    .withQueryParam("sExt", equalTo("777"))
                    .withQueryParam("sNumber", equalTo("033004799"))
                    .withQueryParam("ClientId", equalTo("acme")));

            List<ConsumerRecord<String, DialRequest>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                audit.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().requestId().toString().equals(requestId)
                        && r.value().status() == DialRequest.DialStatus.DIALING);
            });
        }
    }

    private KafkaConsumer<String, DialRequest> dialRequests() {
        KafkaConsumer<String, DialRequest> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new DialRequestDeserializer());
        consumer.subscribe(List.of(Topics.DIAL_REQUESTS));
        return consumer;
    }

    private HttpResponse<String> post(Service service, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.serviceUri(service) + path))
                .header("Authorization", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of a 200, or null while the answer is still 404. */
    private JsonNode getJson(Service service, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.serviceUri(service) + path))
                .header("Authorization", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
