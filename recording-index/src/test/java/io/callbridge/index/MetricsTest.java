package io.callbridge.index;

import io.callbridge.index.testing.CallEvents;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.as;
import static io.callbridge.index.testing.Api.awaitCall;
import static io.callbridge.index.testing.Api.eventCount;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After some traffic, /q/metrics exposes the lookup latency histograms and the consumer's lag. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class MetricsTest {

    private static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void lookupsAndTheConsumerShowUpAtQMetrics() {
        String callId = CallEvents.newCallId();
        kafka.publish(CallEvents.offered(callId));
        awaitCall(callId, eventCount(1));
        as(ACME_KEY).queryParam("number", "033004799").queryParam("limit", "1")
                .when().get("/v1/calls").then().statusCode(200);
        as(ACME_KEY).queryParam("sExtension", "1004").queryParam("dtCallDateTime", "\"2024-05-01 13:00:00\"")
                .when().get("/RecallIPInterfaceWS/JSONP/Recording.aspx/RetrieveRecFile").then().statusCode(200);

        String metrics = when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(value(metrics, "callbridge_recording_index_lookup_seconds_count{", "lookup=\"search\"",
                "outcome=\"ok\"")).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "callbridge_recording_index_lookup_seconds_count{", "lookup=\"retrieve-rec-file\""))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "callbridge_recording_index_lookup_seconds_count{", "lookup=\"call\""))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        // a histogram, not just a summary: buckets that percentiles can be computed from
        assertThat(value(metrics, "callbridge_recording_index_lookup_seconds_bucket{", "lookup=\"search\"",
                "le=\"+Inf\"")).isPresent();
        assertThat(value(metrics, "callbridge_recording_index_events_total{", "outcome=\"stored\""))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "callbridge_recording_index_consumer_lag_seconds")).isPresent();
        assertThat(value(metrics, "callbridge_recording_index_indexing_delay_seconds_bucket{", "le=\"+Inf\""))
                .isPresent();
        // Kafka's own records-lag of the consumer, bound by Quarkus; its client registers it after the first fetch
        await().atMost(Duration.ofSeconds(30)).until(() -> value(when().get("/q/metrics").then().extract().asString(),
                "kafka_consumer_fetch_manager_records_lag_max{").isPresent());
    }

    @Test
    void servesTheSwaggerUi() {
        when().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** The value of the first series whose line starts with the name and holds every label given. */
    private static Optional<Double> value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
