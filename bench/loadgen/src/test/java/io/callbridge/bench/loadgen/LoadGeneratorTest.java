package io.callbridge.bench.loadgen;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTest {

    private HttpServer server;
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aConstantRateSendsTheScheduledNumberOfRequestsWithTheirOwnIds() throws Exception {
        LoadOptions options = new LoadOptions(
                java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null, 200,
                Duration.ofSeconds(1), Duration.ofMillis(200), 4, Map.of("Authorization", "Bearer k"), "test");
        LoadGenerator generator = new LoadGenerator(options, List.of(RequestTemplate.parse(
                "{\"method\":\"POST\",\"path\":\"/v1/events\",\"body\":{\"callId\":\"c-{{seq}}\"}}")));
        String report;
        try {
            report = generator.run();
        } finally {
            generator.close();
        }

        assertThat(report).contains("status 202").contains("\"failed\":0")
                .containsPattern("\\[test] sent after their due time \\((epoll|NIO) timers\\), ms: p50 [0-9.]+  p99 [0-9.]+");
        // 1.2 s at 200/s: 240 scheduled, each with its own sequence number
        assertThat(bodies).hasSizeBetween(230, 241).allMatch(b -> b.endsWith("Bearer k"));
        assertThat(bodies).contains("{\"callId\":\"c-0\"}Bearer k", "{\"callId\":\"c-239\"}Bearer k");
    }

    @Test
    void durationsReadAsWritten() {
        assertThat(LoadOptions.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoadOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(LoadOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    }
}
