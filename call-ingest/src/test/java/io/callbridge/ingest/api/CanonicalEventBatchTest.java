package io.callbridge.ingest.api;

import io.callbridge.common.event.CallEvent;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.callbridge.ingest.api.CanonicalEventResourceTest.ACME_KEY;
import static io.callbridge.ingest.api.CanonicalEventResourceTest.GLOBEX_KEY;
import static io.callbridge.ingest.api.CanonicalEventResourceTest.offeredCall;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** {@code POST /v1/events/batch}: every event validated before any is published. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class CanonicalEventBatchTest {

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @Test
    void aBatchIsPublishedWhole() {
        String first = "batch-" + UUID.randomUUID();
        String second = "batch-" + UUID.randomUUID();
        List<String> ids = given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body("[" + offeredCall(first) + "," + offeredCall(second) + "]")
                .when().post("/v1/events/batch")
                .then().statusCode(202).body("", hasSize(2))
                .body("[0].callId", equalTo(first)).body("[1].callId", equalTo(second))
                .extract().path("eventId");

        for (String id : ids) {
            assertThat(topic.awaitRecords(UUID.fromString(id), 1)).hasSize(1);
        }
    }

    @Test
    void oneBadEventRefusesTheBatchNamingItAndNothingIsPublished() {
        String good = "batch-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body("[" + offeredCall(good) + "," + offeredCall("x").replace("\"callId\":\"x\",", "") + "]")
                .when().post("/v1/events/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("[1].callId"))
                .body("detail", containsString("no event of the batch was published"));

        // The good event alone, posted now, is the first of its call on the topic.
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY).body(offeredCall(good))
                .post("/v1/events").then().statusCode(202);
        List<ConsumerRecord<String, CallEvent>> records = topic.awaitCall("acme:" + good, 1);
        assertThat(topic.ofCallNow("acme:" + good)).hasSize(records.size()).hasSize(1);
    }

    @Test
    void aMalformedMemberIsNamedByIndex() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body("[" + offeredCall("y") + "," + offeredCall("z").replace("CALL_OFFERED", "RINGING") + "]")
                .when().post("/v1/events/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("[1].kind"));
    }

    @Test
    void anEmptyBatchIsAProblem() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY).body("[]")
                .when().post("/v1/events/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void anotherTenantsEventRefusesTheBatch() {
        given().contentType(ContentType.JSON).header("Authorization", GLOBEX_KEY)
                .body("[" + offeredCall("w") + "]")
                .when().post("/v1/events/batch")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
