package io.callbridge.ingest.publish;

import io.callbridge.common.event.CallEvent;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.api.CanonicalEventResourceTest;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A request's W3C trace context travels on to the Kafka records it produced, so consumers continue the trace. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class TracePropagationTest {

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    private static String randomHex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, digits);
    }

    private static String traceIdOf(ConsumerRecord<String, CallEvent> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.US_ASCII).split("-")[1];
    }

    @Test
    void aCanonicalEventsRecordCarriesTheRequestsTraceId() {
        String traceId = randomHex(32);
        String callId = "traced-" + UUID.randomUUID();

        String eventId = given().contentType(ContentType.JSON).header("Authorization", "Bearer acme-test-key")
                .header("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
                .header("tracestate", "vendor=abc")
                .body(CanonicalEventResourceTest.offeredCall(callId))
                .when().post("/v1/events")
                .then().statusCode(202)
                .extract().path("eventId");

        ConsumerRecord<String, CallEvent> record = topic.awaitRecords(UUID.fromString(eventId), 1).get(0);
        assertThat(traceIdOf(record)).isEqualTo(traceId);
        assertThat(new String(record.headers().lastHeader("tracestate").value(), StandardCharsets.US_ASCII))
                .isEqualTo("vendor=abc");
    }

    @Test
    void everyRecordOfAVendorNotificationCarriesTheRequestsTraceId() {
        String traceId = randomHex(32);
        String extension = "8" + (System.nanoTime() % 100_000);

        given().urlEncodingEnabled(false)
                .header("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01")
                .get("/webservice.php?operation=incomingCall&sExt=" + extension + "&sNumber=033004799&ClientId=10")
                .then().statusCode(200);

        ConsumerRecord<String, CallEvent> record = topic.awaitMatching(
                r -> extension.equals(r.value().parties().extension()), 1).get(0);
        assertThat(traceIdOf(record)).isEqualTo(traceId);
    }

    @Test
    void aMalformedTraceparentIsIgnored() {
        String callId = "untraced-" + UUID.randomUUID();

        String eventId = given().contentType(ContentType.JSON).header("Authorization", "Bearer acme-test-key")
                .header("traceparent", "00-not-a-trace-01")
                .body(CanonicalEventResourceTest.offeredCall(callId))
                .when().post("/v1/events")
                .then().statusCode(202)
                .extract().path("eventId");

        ConsumerRecord<String, CallEvent> record = topic.awaitRecords(UUID.fromString(eventId), 1).get(0);
        assertThat(record.headers().lastHeader("traceparent")).isNull();
    }
}
