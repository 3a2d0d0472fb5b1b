package io.callbridge.ingest.metrics;

import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Per source: accepted events, refused requests by reason, on {@code /q/metrics}. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class IngestMetricsTest {

    private static double metric(String line) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(line) + " (\\S+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Test
    void acceptedAndRejectedAreCountedPerSourceAndReason() {
        String accepted = "callbridge_ingest_accepted_total{source=\"tlv-fixdigital\"}";
        String unauthorized = "callbridge_ingest_rejected_total{reason=\"unauthorized\",source=\"convox-mumbai\"}";
        String invalid = "callbridge_ingest_rejected_total{reason=\"invalid\",source=\"tlv-fixdigital\"}";
        double acceptedBefore = metric(accepted);
        double unauthorizedBefore = metric(unauthorized);
        double invalidBefore = metric(invalid);
        String acceptedEvents = "callbridge_ingest_events_total{outcome=\"accepted\",source=\"tlv-fixdigital\"}";
        String invalidEvents = "callbridge_ingest_events_total{outcome=\"invalid\",source=\"tlv-fixdigital\"}";
        double acceptedEventsBefore = metric(acceptedEvents);
        double invalidEventsBefore = metric(invalidEvents);

        given().urlEncodingEnabled(false).get("/webservice.php?operation=incomingCall&sExt=901&sNumber=033004799&ClientId=10")
                .then().statusCode(200);
        given().urlEncodingEnabled(false).get("/webservice.php?operation=hangup&sExt=901&sNumber=033004799&ClientId=10")
                .then().statusCode(400);
        given().formParam("ConvoxID", "m-1").post("/v1/sources/convox-mumbai/events").then().statusCode(401);

        assertThat(metric(accepted)).isEqualTo(acceptedBefore + 1);
        assertThat(metric(acceptedEvents)).isEqualTo(acceptedEventsBefore + 1);
        assertThat(metric(invalidEvents)).isEqualTo(invalidEventsBefore + 1);
        assertThat(metric(invalid)).isEqualTo(invalidBefore + 1);
        assertThat(metric(unauthorized)).isEqualTo(unauthorizedBefore + 1);
    }

    @Test
    void canonicalEventsAreCountedUnderTheApiSource() {
        String accepted = "callbridge_ingest_events_total{outcome=\"accepted\",source=\"api\"}";
        String unauthorized = "callbridge_ingest_events_total{outcome=\"unauthorized\",source=\"api\"}";
        double acceptedBefore = metric(accepted);
        double unauthorizedBefore = metric(unauthorized);

        given().contentType("application/json").header("Authorization", "Bearer acme-test-key")
                .body(io.callbridge.ingest.api.CanonicalEventResourceTest.offeredCall("metrics-" + java.util.UUID.randomUUID()))
                .post("/v1/events").then().statusCode(202);
        given().contentType("application/json").header("Authorization", "Bearer wrong-key")
                .body(io.callbridge.ingest.api.CanonicalEventResourceTest.offeredCall("metrics-" + java.util.UUID.randomUUID()))
                .post("/v1/events").then().statusCode(401);

        assertThat(metric(accepted)).isEqualTo(acceptedBefore + 1);
        assertThat(metric(unauthorized)).isEqualTo(unauthorizedBefore + 1);
    }
}
