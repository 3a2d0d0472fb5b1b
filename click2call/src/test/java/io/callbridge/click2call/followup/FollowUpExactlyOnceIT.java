package io.callbridge.click2call.followup;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.tenant.SecretHashes;
import io.callbridge.infra.kafka.KafkaBroker;
import io.callbridge.infra.postgres.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as real processes against the real PostgreSQL and
 * Kafka and a WireMock PBX (ConVox click-to-call): a follow-up is placed exactly once when its process is killed
 * (SIGKILL) before its time or while the PBX is being asked, and when two replicas run at the same time. Finally the
 * database is stopped under a running service: every API answers 503, never 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FollowUpExactlyOnceIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String CLICK_TO_CALL = "/ConVoxCCS/Agent/click2call.php";
    private static final String CALLCONTROL = "/ConVoxCCS/Agent/callcontrol_api.php";
    private static final String DIALER = "/dialer/sodialer.php";
    /** The tenant's API key (its SHA-256 configured). */
    private static final String KEY = "umbrella-it-key";

    private final List<Process> services = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaBroker kafka;
    private Postgres postgres;
    private WireMockServer pbx;

    @BeforeAll
    void startInfrastructure() {
        assertThat(JAR).as("the packaged service").exists();
        kafka = KafkaBroker.start(KafkaBroker.Options.defaults());
        postgres = Postgres.start(Postgres.Options.defaults());
        postgres.createDatabaseIfMissing("click2call");
        pbx = new WireMockServer(options().dynamicPort().containerThreads(40));
        pbx.start();
    }

    @AfterEach
    void killServices() throws InterruptedException {
        for (Process service : services) {
            service.destroyForcibly().waitFor();
        }
        services.clear();
    }

    @AfterAll
    void stopInfrastructure() {
        if (pbx != null) {
            pbx.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void aFollowUpDueWhileItsServiceWasKilledIsPlacedOnceAfterTheRestart() throws Exception {
        pbx.stubFor(get(urlPathEqualTo(CLICK_TO_CALL)).willReturn(ok()));
        Process first = start("killed-before");
        UUID followUp = book("9876500001", Instant.now().plusSeconds(4));
        first.destroyForcibly().waitFor();
        assertThat(statusOf(followUp)).isEqualTo("PENDING");

        start("restarted-before");

        await().atMost(Duration.ofSeconds(60)).until(() -> "PLACED".equals(statusOf(followUp)));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                .until(() -> originatesTo("9876500001") == 1);
    }

    @Test
    @Order(2)
    void aFollowUpWhoseServiceWasKilledWhileThePbxWasAskedIsNeverDialedAgain() throws Exception {
        // the PBX takes its time: the kill comes after it received the originate, before it answered
        pbx.stubFor(get(urlPathEqualTo(CLICK_TO_CALL)).willReturn(ok().withFixedDelay(5_000)));
        Process first = start("killed-while-dialing");
        UUID followUp = book("9876500002", Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> originatesTo("9876500002") == 1);
        first.destroyForcibly().waitFor();
        assertThat(statusOf(followUp)).isEqualTo("CLAIMED");
        pbx.stubFor(get(urlPathEqualTo(CLICK_TO_CALL)).willReturn(ok()));

        start("restarted-while-dialing");

        // the restarted service takes the lapsed claim over and finds the dial request already stored
        await().atMost(Duration.ofSeconds(60)).until(() -> "PLACED".equals(statusOf(followUp)));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                .until(() -> originatesTo("9876500002") == 1);
        assertThat(requestIdOf(followUp)).isEqualTo(followUp);
    }

    @Test
    @Order(3)
    void twoReplicasPlaceEachFollowUpOnce() throws Exception {
        pbx.stubFor(get(urlPathEqualTo(CLICK_TO_CALL)).willReturn(ok().withFixedDelay(50)));
        start("replica-a");
        start("replica-b");
        Instant due = Instant.now().plusSeconds(2);
        List<String> numbers = IntStream.range(0, 30).mapToObj(i -> "98765001" + String.format("%02d", i)).toList();
        List<UUID> followUps = new ArrayList<>();
        for (String number : numbers) {
            followUps.add(book(number, due));
        }

        await().atMost(Duration.ofSeconds(90))
                .until(() -> followUps.stream().allMatch(id -> "PLACED".equals(statusOf(id))));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            for (String number : numbers) {
                assertThat(originatesTo(number)).as("originates to " + number).isEqualTo(1);
            }
        });
        assertThat(followUps.stream().map(this::claimerOf).distinct().count())
                .as("both replicas placed some").isEqualTo(2);
    }

    @Test
    @Order(4)
    void aDatabaseStoppedUnderTheServiceIsAnswered503EverywhereNever500() throws Exception {
        pbx.stubFor(get(urlPathEqualTo(DIALER)).willReturn(okJson("{\"success\":true,\"result\":[]}")));
        pbx.stubFor(get(urlPathEqualTo(CALLCONTROL)).willReturn(ok()));
        pbx.stubFor(get(urlPathEqualTo(CLICK_TO_CALL)).willReturn(ok()));
        start("database-stopped");
        int port = portOf("database-stopped");
        assertThat(send(port, "POST", "/v1/calls", "{\"agent\":\"777\",\"number\":\"9876501001\"}").statusCode())
                .isEqualTo(202);

        postgres.close();
        postgres = null;

        HttpResponse<String> uniform = send(port, "POST", "/v1/calls", "{\"agent\":\"777\",\"number\":\"9876501002\"}");
        assertThat(uniform.statusCode()).isEqualTo(503);
        assertThat(uniform.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(uniform.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(port, "GET", "/v1/calls/" + UUID.randomUUID(), null).statusCode()).isEqualTo(503);
        HttpResponse<String> fixDigital = send(port, "GET",
                DIALER + "?sExt=777&sNumber=9876501003&ClientId=10&username=crm&password=secret", null);
        assertThat(fixDigital.statusCode()).isEqualTo(503);
        assertThat(fixDigital.body()).contains("\"success\":false");
        HttpResponse<String> ccs = send(port, "GET", "/ccs/login?app_token=" + KEY + "&username=777", null);
        assertThat(ccs.statusCode()).isEqualTo(503);
        assertThat(ccs.body()).contains("\"login\":true");
    }

    private final Map<String, Integer> ports = new HashMap<>();

    private int portOf(String run) {
        return ports.get(run);
    }

    private Process start(String run) throws IOException {
        int port = freePort();
        ports.put(run, port);
        String base = "http://localhost:" + pbx.port();
        Map<String, String> properties = new HashMap<>(Map.ofEntries(
                Map.entry("quarkus.http.port", Integer.toString(port)),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("quarkus.datasource.reactive.url", postgres.reactiveUrl("click2call")),
                Map.entry("quarkus.datasource.jdbc.url", postgres.jdbcUrl("click2call")),
                Map.entry("quarkus.datasource.username", postgres.username()),
                Map.entry("quarkus.datasource.password", postgres.password()),
                Map.entry("callbridge.click2call.default-region", "IN"),
                Map.entry("callbridge.click2call.pbx.url-template",
                        base + DIALER + "?sExt={agent}&sNumber={number.raw}&ClientId=10"),
                Map.entry("callbridge.auth.tenants.umbrella.api-key-sha256", SecretHashes.sha256Hex(KEY)),
                Map.entry("callbridge.click2call.tenants.umbrella.dialer", "convox"),
                Map.entry("callbridge.click2call.tenants.umbrella.agents.777", "AG777"),
                Map.entry("callbridge.click2call.convox.tenants.umbrella.click-to-call-url",
                        base + CLICK_TO_CALL + "?agent_id={agent}&mobile_number={number.digits}"),
                Map.entry("callbridge.click2call.convox.tenants.umbrella.callcontrol-url", base + CALLCONTROL),
                Map.entry("callbridge.click2call.convox.timeout", "10s"),
                Map.entry("callbridge.click2call.rate-limit.calls", "1000"),
                Map.entry("callbridge.click2call.fixdigital.clients.10.tenant", "umbrella"),
                Map.entry("callbridge.click2call.fixdigital.clients.10.username", "crm"),
                Map.entry("callbridge.click2call.fixdigital.clients.10.password-sha256",
                        SecretHashes.sha256Hex("secret")),
                Map.entry("callbridge.click2call.fixdigital.clients.10.allowed-addresses", "127.0.0.1,::1"),
                Map.entry("callbridge.click2call.follow-ups.poll-every", "1s"),
                Map.entry("callbridge.click2call.follow-ups.batch-size", "5"),
                Map.entry("callbridge.click2call.follow-ups.claim-lease", "3s")));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Path.of("target", "follow-up-" + run + ".log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        services.add(process);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
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

    private HttpResponse<String> send(int port, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private UUID book(String number, Instant due) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection db = database();
             PreparedStatement insert = db.prepareStatement("INSERT INTO follow_up (id, tenant, agent, number_raw, "
                     + "due_at, status, created_at) VALUES (?, 'umbrella', '777', ?, ?, 'PENDING', now())")) {
            insert.setObject(1, id);
            insert.setString(2, number);
            insert.setTimestamp(3, Timestamp.from(due));
            insert.executeUpdate();
        }
        return id;
    }

    private String statusOf(UUID followUp) {
        return column(followUp, "status");
    }

    private String claimerOf(UUID followUp) {
        return column(followUp, "claimed_by");
    }

    private UUID requestIdOf(UUID followUp) {
        String id = column(followUp, "request_id");
        return id == null ? null : UUID.fromString(id);
    }

    private String column(UUID followUp, String column) {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("SELECT " + column + " FROM follow_up WHERE id = ?")) {
            select.setObject(1, followUp);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("click2call"), postgres.username(), postgres.password());
    }

    private int originatesTo(String number) {
        List<LoggedRequest> originates = pbx.findAll(getRequestedFor(urlPathEqualTo(CLICK_TO_CALL)));
        return (int) originates.stream()
                .filter(request -> number.equals(request.queryParameter("mobile_number").firstValue()))
                .count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
