package io.callbridge.ingest.health;

import io.callbridge.ingest.api.CanonicalEventResourceTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without a broker, nothing is acknowledged: the answer is 503, and the service says it is not ready. */
@QuarkusTest
@TestProfile(KafkaUnreachableTest.NoBroker.class)
class KafkaUnreachableTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "callbridge.ingest.publish-timeout", "2s",
                    "callbridge.health.kafka-timeout", "1s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anEventThatKafkaDidNotAcknowledgeIs503WithRetryAfter() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer acme-test-key")
                .body(CanonicalEventResourceTest.offeredCall("unacknowledged"))
                .when().post("/v1/events")
                .then().statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("status", equalTo(503));
    }

    @Test
    void notReadyWithoutKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
    }
}
